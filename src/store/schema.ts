/**
 * The database schema (Drizzle). One schema for both engines: PGlite (embedded) and PostgreSQL.
 * Migrations in src/store/migrations are generated from this file with `npm run db:generate` and
 * reviewed as SQL; they run at start (and from `waypoint migrate`).
 *
 * Conventions: ids are uuids; calendar dates are `date` (mode 'string', ISO); instants are
 * `timestamptz`; every mutable record carries `version` for optimistic concurrency; history that
 * policy cares about (contact details, relationships, audit) is append-only with effective dates.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

/**
 * A jsonb column whose values come back exactly as written. Both drivers (pg and PGlite) already
 * parse jsonb; Drizzle's own jsonb parses a string value a second time, so a phone number such as
 * "7805550100" came back as a number. This one takes the driver's value as it is.
 */
const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

/** The office existing users and people were given by migration 0015 (docs/access-control.md). */
export const DEFAULT_OFFICE = 'main';

/** An office of the ministry: users and people belong to one (migration 0015 creates 'main'). */
export const offices = pgTable('offices', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().notNull(),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  /** Access by caseload (docs/access-control.md): the user's office, team, and sensitivity clearance 1-5. */
  officeCode: text('office_code')
    .notNull()
    .default('main')
    .references(() => offices.code),
  teamCode: text('team_code'),
  clearance: integer('clearance').notNull().default(1),
  /** Set by an administrator's reset (a one-time password): every request but changing it is refused until it is changed. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: createdAt(),
  version: version(),
});

/**
 * Failed sign-ins per (username, client address), counted atomically; past the free attempts the
 * pair waits until `blockedUntil` (app/sign-in-throttle.ts). Unknown usernames are counted alike.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    username: text('username').notNull(),
    client: text('client').notNull(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'sign_in_throttles_pk', columns: [t.username, t.client] }),
    index('sign_in_throttles_updated_idx').on(t.updatedAt),
  ],
);

/**
 * Requests per key (a route and a client address) in the current window: the per-address request
 * limits (@fastify/rate-limit) count here, so every server shares one count (http/request-limits.ts).
 */
export const requestCounts = pgTable('request_counts', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEnds: timestamp('window_ends', { withTimezone: true }).notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the token held in the cookie: a database leak does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const persons = pgTable(
  'persons',
  {
    id: id(),
    reference: text('reference').notNull().unique(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id),
    /** The office the person belongs to (the registering official's), and their sensitivity 1-5. */
    officeCode: text('office_code')
      .notNull()
      .default('main')
      .references(() => offices.code),
    sensitivity: integer('sensitivity').notNull().default(1),
    version: version(),
  },
  (t) => [
    index('persons_created_by_idx').on(t.createdBy),
    check('persons_sensitivity', sql`${t.sensitivity} between 1 and 5`),
    index('persons_name_idx').on(sql`lower(${t.familyName})`, sql`lower(${t.givenName})`),
    index('persons_birth_date_idx').on(t.birthDate),
  ],
);

/** Contact details, education and employment: append-only, effective-dated (docs/records-and-statuses.md "Records"). */
export const personDetails = pgTable(
  'person_details',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    value: jsonb('value').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    recordedAt: createdAt(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [
    index('person_details_person_idx').on(t.personId, t.kind),
    check('person_details_kind', sql`${t.kind} in ('address','phone','email','education','employment')`),
  ],
);

export const relationships = pgTable(
  'relationships',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** spouse: married | common-law | adult-interdependent; dependant: child | other */
    subtype: text('subtype').notNull(),
    /** For a dependant, the dependant; for a spouse/partner, one partner. */
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** For a dependant, the person they depend on; for a spouse/partner, the other partner. */
    relatedPersonId: uuid('related_person_id')
      .notNull()
      .references(() => persons.id),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id),
    version: version(),
  },
  (t) => [
    index('relationships_person_idx').on(t.personId),
    index('relationships_related_idx').on(t.relatedPersonId),
    check('relationships_kind', sql`${t.kind} in ('spouse','dependant')`),
    check('relationships_not_self', sql`${t.personId} <> ${t.relatedPersonId}`),
    check('relationships_dates', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

export const integratedCases = pgTable(
  'integrated_cases',
  {
    id: id(),
    reference: text('reference').notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    status: text('status').notNull(),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    /** The official who opened the case: it puts the person on their caseload. */
    openedBy: uuid('opened_by').references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('integrated_cases_person_idx').on(t.personId),
    /** R03 precondition: one open Integrated Case per individual. */
    uniqueIndex('integrated_cases_one_open_per_person').on(t.personId).where(sql`${t.status} = 'open'`),
    check('integrated_cases_status', sql`${t.status} in ('open','closed')`),
  ],
);

export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => integratedCases.id),
    status: text('status').notNull(),
    needs: text('needs').array().notNull(),
    primaryNeed: text('primary_need'),
    notes: text('notes').notNull().default(''),
    startedOn: date('started_on').notNull(),
    completedOn: date('completed_on'),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('assessments_case_idx').on(t.caseId), check('assessments_status', sql`${t.status} in ('in-progress','completed')`)],
);

/** Append-only: a trigger (migrations 0001, 0014) refuses DELETE, and UPDATE except sealing. */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /**
     * Tamper evidence (migrations 0007, 0014; docs/audit-integrity.md): null until the sealer gives the
     * event its position in the chain, its predecessor's keyed hash and its own (HMAC-SHA-256).
     */
    chainIndex: bigint('chain_index', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_record_idx').on(t.recordType, t.recordId),
    uniqueIndex('audit_events_chain_index').on(t.chainIndex),
    index('audit_events_unsealed').on(t.seq).where(sql`${t.chainIndex} is null`),
  ],
);

/** R03: one Service Plan per Integrated Case at a time; at most one open or active per person. */
export const servicePlans = pgTable(
  'service_plans',
  {
    id: id(),
    reference: text('reference').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => integratedCases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    assessmentId: uuid('assessment_id').references(() => assessments.id),
    status: text('status').notNull(),
    primaryNeed: text('primary_need').notNull(),
    goal: text('goal').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdOn: date('created_on').notNull(),
    acceptedOn: date('accepted_on'),
    acceptanceMethod: text('acceptance_method'),
    acceptanceRecordedBy: uuid('acceptance_recorded_by').references(() => users.id),
    closedOn: date('closed_on'),
    closureReason: text('closure_reason'),
    closureNote: text('closure_note'),
    closedBy: uuid('closed_by').references(() => users.id),
    exitedOn: date('exited_on'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('service_plans_person_idx').on(t.personId),
    uniqueIndex('service_plans_one_current_per_person').on(t.personId).where(sql`${t.status} in ('open','active')`),
    index('service_plans_case_idx').on(t.caseId),
    check('service_plans_status', sql`${t.status} in ('open','active','closed','exited')`),
  ],
);

export const subGoals = pgTable(
  'sub_goals',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => servicePlans.id),
    type: text('type').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  /** R03 Key Notes: each sub-goal appears only once in a Service Plan. */
  (t) => [uniqueIndex('sub_goals_once_per_plan').on(t.planId, t.type)],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => servicePlans.id),
    subGoalId: uuid('sub_goal_id')
      .notNull()
      .references(() => subGoals.id),
    type: text('type').notNull(),
    /** For free-text items (type 'other'): what the item is. */
    customName: text('custom_name'),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    expectedStart: date('expected_start').notNull(),
    expectedEnd: date('expected_end').notNull(),
    actualStart: date('actual_start'),
    actualEnd: date('actual_end'),
    outcome: text('outcome'),
    goodCauseReason: text('good_cause_reason'),
    /** Order of completion (from plan_item_completion_seq): the last completed item decides who closes. */
    completedSeq: bigint('completed_seq', { mode: 'number' }),
    completedBy: uuid('completed_by').references(() => users.id),
    /** The learning stream of a training item (duration caps, docs/policy/learner-program-rules.md; migration 0018). */
    learningStream: text('learning_stream'),
    /** A training item's course load in percent of a full load, null for a full load (ISTHB s.44 plan limits; migration 0020). */
    courseLoadPercent: integer('course_load_percent'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('plan_items_plan_idx').on(t.planId),
    index('plan_items_owner_idx').on(t.ownerId),
    check('plan_items_outcome', sql`${t.outcome} is null or ${t.outcome} in ('attained','not-attained','cancelled')`),
    check('plan_items_expected_dates', sql`${t.expectedEnd} >= ${t.expectedStart}`),
    check('plan_items_course_load', sql`${t.courseLoadPercent} is null or ${t.courseLoadPercent} between 1 and 100`),
  ],
);

/** A benefit program delivered to one person (minimal here; learner benefits fill it in). */
export const productDeliveryCases = pgTable(
  'product_delivery_cases',
  {
    id: id(),
    reference: text('reference').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => integratedCases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    program: text('program').notNull(),
    status: text('status').notNull(),
    planItemId: uuid('plan_item_id').references(() => planItems.id),
    coordinatorId: uuid('coordinator_id').references(() => users.id),
    trainingStart: date('training_start'),
    trainingEnd: date('training_end'),
    trainingLoad: text('training_load'),
    /** E15 late applications: paid from the month the application was received (docs/policy/payments.md). */
    applicationReceivedOn: date('application_received_on'),
    /** A learner with low literacy: the combined duration cap is longer (migration 0018). */
    lowLiteracy: boolean('low_literacy').notNull().default(false),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('pdc_person_idx').on(t.personId),
    uniqueIndex('pdc_one_per_plan_item').on(t.planItemId),
    check('pdc_status', sql`${t.status} in ('open','active','closed')`),
  ],
);

/**
 * A training exception (R08 [M7611], docs/policy/learner-program-rules.md; migration 0018): recorded by
 * an Authorized Official with its grounds, approved or rejected by someone else, used once.
 */
export const trainingExceptions = pgTable(
  'training_exceptions',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    /** For a duration-cap exception: the training item whose funding passed the cap. */
    planItemId: uuid('plan_item_id').references(() => planItems.id),
    grounds: text('grounds').array().notNull(),
    explanation: text('explanation').notNull(),
    status: text('status').notNull().default('pending'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The plan item (R08, a plan limit) or learner case (a cap) that used the approved exception. */
    usedByRecordId: uuid('used_by_record_id'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index('training_exceptions_person_idx').on(t.personId),
    check('training_exceptions_kind', sql`${t.kind} in ('subsequent-training','duration-cap','plan-limit')`),
    check('training_exceptions_status', sql`${t.status} in ('pending','approved','rejected','used')`),
    check('training_exceptions_grounds', sql`cardinality(${t.grounds}) >= 1`),
    check('training_exceptions_separation_of_duties', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.recordedBy}`),
  ],
);

/** Contacts with the person (R03 Ongoing step 1); the inactivity rules read them. */
export const interactions = pgTable(
  'interactions',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    occurredOn: date('occurred_on').notNull(),
    channel: text('channel').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('interactions_person_idx').on(t.personId, t.occurredOn),
    check('interactions_channel', sql`${t.channel} in ('in-person','phone','email','video','letter')`),
  ],
);

/** Work for a person or a role's queue, created by the rules (docs/records-and-statuses.md "Records"). */
export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull().default(''),
    assigneeId: uuid('assignee_id').references(() => users.id),
    assigneeRole: text('assignee_role'),
    personId: uuid('person_id').references(() => persons.id),
    recordType: text('record_type'),
    recordId: text('record_id'),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    /** Rules and jobs that must not create the same task twice give it a key. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id),
    version: version(),
  },
  (t) => [
    uniqueIndex('tasks_one_open_per_key').on(t.dedupeKey).where(sql`${t.status} = 'open'`),
    index('tasks_assignee_idx').on(t.assigneeId, t.status),
    index('tasks_role_idx').on(t.assigneeRole, t.status),
    index('tasks_person_idx').on(t.personId),
    check('tasks_status', sql`${t.status} in ('open','completed','cancelled')`),
    check('tasks_has_assignee', sql`${t.assigneeId} is not null or ${t.assigneeRole} is not null`),
  ],
);

/** A piece of evidence on a product delivery case (docs/records-and-statuses.md "Records"); its values live in versions. */
export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    pdcId: uuid('pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    type: text('type').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_pdc_idx').on(t.pdcId)],
);

/** Versions of evidence: in edit -> active -> superseded / cancelled. Nothing is deleted. */
export const evidenceVersions = pgTable(
  'evidence_versions',
  {
    id: id(),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id),
    number: integer('number').notNull(),
    kind: text('kind').notNull(),
    correctsVersionId: uuid('corrects_version_id'),
    subtype: text('subtype'),
    personId: uuid('person_id').references(() => persons.id),
    /** Integer cents; null for evidence without an amount (e.g. a disability fact). */
    amountCents: bigint('amount_cents', { mode: 'number' }),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end'),
    note: text('note').notNull().default(''),
    status: text('status').notNull(),
    approval: text('approval').notNull(),
    approvalBy: uuid('approval_by').references(() => users.id),
    approvalReason: text('approval_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBy: uuid('applied_by').references(() => users.id),
    version: version(),
  },
  (t) => [
    uniqueIndex('evidence_versions_number').on(t.evidenceId, t.number),
    index('evidence_versions_status_idx').on(t.status),
    check('evidence_versions_kind', sql`${t.kind} in ('original','correction','change')`),
    check('evidence_versions_status', sql`${t.status} in ('in-edit','active','superseded','cancelled')`),
    check('evidence_versions_approval', sql`${t.approval} in ('not-required','pending','approved','rejected')`),
    check('evidence_versions_period', sql`${t.periodEnd} is null or ${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** A determination version of a PDC: every month of its training, computed together. */
export const determinations = pgTable(
  'determinations',
  {
    id: id(),
    pdcId: uuid('pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    /** The day the determination was made, by the app's clock: months issued by then (docs/policy/issued-months.md). */
    determinedOn: date('determined_on').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('determinations_version').on(t.pdcId, t.version)],
);

export const determinationMonths = pgTable(
  'determination_months',
  {
    determinationId: uuid('determination_id')
      .notNull()
      .references(() => determinations.id),
    month: text('month').notNull(),
    components: jsonb('components').notNull(),
    needsCents: bigint('needs_cents', { mode: 'number' }).notNull(),
    resourcesCents: bigint('resources_cents', { mode: 'number' }).notNull(),
    entitlementCents: bigint('entitlement_cents', { mode: 'number' }).notNull(),
    /** Held while two attending awaits confirmation: determined, not issued (docs/policy/issued-months.md). */
    held: boolean('held').notNull().default(false),
    holdReason: text('hold_reason'),
  },
  (t) => [uniqueIndex('determination_months_pk').on(t.determinationId, t.month)],
);

/**
 * What caused a determination version (migration 0021; docs/policy/payments.md "Lineage"): the
 * evidence versions applied, approved or rejected by the change it follows. A debt names its
 * determination version, so a debt leads to the evidence version that made its month overpaid.
 */
export const determinationEvidenceVersions = pgTable(
  'determination_evidence_versions',
  {
    determinationId: uuid('determination_id')
      .notNull()
      .references(() => determinations.id),
    evidenceVersionId: uuid('evidence_version_id')
      .notNull()
      .references(() => evidenceVersions.id),
  },
  (t) => [
    primaryKey({ name: 'determination_evidence_versions_pk', columns: [t.determinationId, t.evidenceVersionId] }),
    index('determination_evidence_versions_version_idx').on(t.evidenceVersionId),
  ],
);

/** Over- and underpayments: a month whose entitlement changed against the previous determination. */
export const paymentDifferences = pgTable(
  'payment_differences',
  {
    id: id(),
    pdcId: uuid('pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    determinationId: uuid('determination_id')
      .notNull()
      .references(() => determinations.id),
    month: text('month').notNull(),
    previousCents: bigint('previous_cents', { mode: 'number' }).notNull(),
    newCents: bigint('new_cents', { mode: 'number' }).notNull(),
    /** new - previous: positive is an underpayment (owed to the learner), negative an overpayment. */
    differenceCents: bigint('difference_cents', { mode: 'number' }).notNull(),
    /** Over- or underpayment for a month already issued; a change in the scheduled amount otherwise (docs/policy/issued-months.md). */
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_differences_pdc_idx').on(t.pdcId, t.month),
    check('payment_differences_kind', sql`${t.kind} in ('overpayment','underpayment','scheduled-change')`),
  ],
);

// --- Payments and debts (issue 16, docs/policy/payments.md) -------------------------------------

/** A month issued to a case (kind 'issue', once per month) or arrears for an underpayment: frozen. */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    pdcId: uuid('pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    issueDate: date('issue_date').notNull(),
    /** The determination version whose amount was issued (or settled against). */
    determinationId: uuid('determination_id')
      .notNull()
      .references(() => determinations.id),
    grossCents: bigint('gross_cents', { mode: 'number' }).notNull(),
    deductionCents: bigint('deduction_cents', { mode: 'number' }).notNull().default(0),
    netCents: bigint('net_cents', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payments_issued_once').on(t.pdcId, t.month).where(sql`${t.kind} = 'issue'`),
    index('payments_issue_date_idx').on(t.issueDate),
    check('payments_kind', sql`${t.kind} in ('issue','arrears')`),
    check(
      'payments_amounts',
      sql`${t.grossCents} >= 0 AND ${t.deductionCents} >= 0 AND ${t.netCents} = ${t.grossCents} - ${t.deductionCents}`,
    ),
  ],
);

/** An overpayment of an issued month: a debt on the case (E05, E06), linked to the version that caused it. */
export const debts = pgTable(
  'debts',
  {
    id: id(),
    pdcId: uuid('pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    month: text('month').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    determinationId: uuid('determination_id')
      .notNull()
      .references(() => determinations.id),
    raisedOn: date('raised_on').notNull(),
    /** E06: the signed repayment agreement's received date; without it, brought forward at 60 days. */
    agreementReceivedOn: date('agreement_received_on'),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index('debts_pdc_idx').on(t.pdcId, t.month), check('debts_amount', sql`${t.amountCents} > 0`)],
);

/** A deduction from a later payment towards a debt. */
export const debtRecoveries = pgTable(
  'debt_recoveries',
  {
    id: id(),
    debtId: uuid('debt_id')
      .notNull()
      .references(() => debts.id),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('debt_recoveries_debt_idx').on(t.debtId), check('debt_recoveries_amount', sql`${t.amountCents} > 0`)],
);

/**
 * The Idempotency-Keys of the creations that take one (docs/api.md "Retrying a write"): registering
 * a person, adding evidence, recording a contact, adjusting a debt. One per author and key whatever
 * the kind of write (a key names one write: the same key sent for another kind is a reuse, refused
 * like another body). Claimed first in the write's transaction with the id the record then takes (`recordId`, in the
 * table its `kind` names), so that a concurrent retry waits for it and a later one is answered with
 * the record; `fingerprint` is the request's (app/idempotency.ts). Debt adjustments kept theirs on
 * their own rows until migration 0025 moved them here.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    fingerprint: text('fingerprint').notNull(),
    recordId: uuid('record_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pk', columns: [t.createdBy, t.key] }),
    check('idempotency_keys_kind', sql`${t.kind} in ('person.register','evidence.add','interaction.record','debt.adjust')`),
  ],
);

/** A signed change to what a debt owes; a reversal is the exact opposite of the one it reverses, with a reason. */
export const debtAdjustments = pgTable(
  'debt_adjustments',
  {
    id: id(),
    debtId: uuid('debt_id')
      .notNull()
      .references(() => debts.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    reversesId: uuid('reverses_id')
      .unique()
      .references((): AnyPgColumn => debtAdjustments.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('debt_adjustments_debt_idx').on(t.debtId), check('debt_adjustments_amount', sql`${t.amountCents} <> 0`)],
);

/**
 * E04: a two-attending household: two partners' learner cases whose training overlaps. Detected by
 * Waypoint, confirmed by a coordinator, then coordinated (the split applies) until it ends.
 */
export const twoAttendingSituations = pgTable(
  'two_attending_situations',
  {
    id: id(),
    /** The first learner (training starts first): takes the odd cent of every split. */
    firstPdcId: uuid('first_pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    /** The second learner: their coordinator is responsible for coordinating (E04). */
    secondPdcId: uuid('second_pdc_id')
      .notNull()
      .references(() => productDeliveryCases.id),
    /** The pair, order-independent, for the "one live situation per pair" rule. */
    pairKey: text('pair_key').notNull(),
    months: text('months').array().notNull(),
    status: text('status').notNull(),
    responsibleCoordinatorId: uuid('responsible_coordinator_id').references(() => users.id),
    detectedAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [
    uniqueIndex('two_attending_one_live_per_pair').on(t.pairKey).where(sql`${t.status} in ('detected','coordinated')`),
    // A case's situations (its page, the scan's chunks, reassessment) are found by either learner's case.
    index('two_attending_first_pdc_idx').on(t.firstPdcId),
    index('two_attending_second_pdc_idx').on(t.secondPdcId),
    check('two_attending_status', sql`${t.status} in ('detected','coordinated','ended')`),
  ],
);

/** A read outside the caseload, with its stated reason: time-limited access to one person. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('break_glass_grants_user_person_idx').on(t.userId, t.personId, t.expiresAt)],
);

/** Every read of a person's data (docs/access-control.md): who, whom, what, when, on what basis. */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    what: text('what').notNull(),
    basis: text('basis').notNull(),
    breakGlass: boolean('break_glass').notNull().default(false),
    reason: text('reason'),
    reviewStatus: text('review_status').notNull().default('not-required'),
  },
  (t) => [
    index('access_log_actor_idx').on(t.actorId, t.at),
    index('access_log_person_idx').on(t.personId, t.at),
    index('access_log_at_idx').on(t.at),
    check('access_log_review_status', sql`${t.reviewStatus} in ('not-required','pending','reviewed')`),
    check('access_log_break_glass_reason', sql`not ${t.breakGlass} or ${t.reason} is not null`),
  ],
);
