/**
 * What the API answers (people, cases, Service Plans, tasks, accounts, access): the response
 * schemas the routes declare. Responses are serialised through them, so each states every field
 * the use case returns; a field missing here is dropped from the answer, a wrong type is a 500.
 * Named schemas (`.meta({ id })`) become components of the OpenAPI document and types of the web
 * client generated from it (web/src/generated/api-schema.ts).
 */
import { z } from 'zod';
import type { AccessRefusalCode } from '../app/person-access.ts';
import { ROLES } from '../app/roles.ts';

/**
 * The types a generated client declares (docs/api.md): a whole number is an `integer` (versions,
 * counts, sequence numbers; a double in Java or C# otherwise), a record's id `format: uuid`, a
 * calendar date (YYYY-MM-DD) `format: date`, an instant (UTC, ending in Z, as toISOString writes
 * it) `format: date-time`. Declared, not checked on every answer: zod's checks made a case's answer
 * (230 ids) six times as dear to serialise (37 -> 240 us). The tests' strict serialiser checks
 * every answer against these declarations instead (src/http/declared-formats.ts).
 */
export const Int = z.number().meta({ type: 'integer' });
export const Id = z.string().meta({ format: 'uuid' });
export const CalendarDate = z.string().meta({ format: 'date' });
export const Instant = z.string().meta({ format: 'date-time' });

/**
 * Why part of an answer is withheld: it names a person the reader may not read (docs/access-control.md),
 * outside their reach or above their clearance; the refusal's code and, in words, what the refusal says.
 */
export const Withheld = z
  .object({
    code: z.enum(['NOT_ON_CASELOAD', 'ABOVE_SENSITIVITY_CLEARANCE'] as const satisfies readonly AccessRefusalCode[]),
    detail: z.string(),
  })
  .meta({
    id: 'Withheld',
    description:
      'Why part of an answer is withheld: it names a person you may not read (outside your reach, or above your clearance); the refusal reading them would answer, and in words why.',
  });

/** A user as other records name them. */
export const UserRef = z.object({ id: Id, displayName: z.string() }).meta({ id: 'UserRef' });

/** `GET /health`: the server is up, on this database engine. */
export const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }).meta({ id: 'Health' });

/**
 * A part of an answer the use case hands over as stored JSON (typed `unknown` in TypeScript): the
 * schema still checks and documents it, only the compiler is told to take the stored value as is.
 */
export const storedJson = <T extends z.ZodType>(schema: T): z.ZodType<unknown> => schema as unknown as z.ZodType<unknown>;

/**
 * A status the store holds as text (typed `string` in TypeScript) from a closed set: the document
 * lists the set (the web client gets the union; the response-schemas test checks every answer
 * against it), the serialiser passes the text as it is.
 */
export const textOneOf = (values: readonly [string, ...string[]]) => z.string().meta({ enum: [...values] });

// Accounts and sessions
export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    mustChangePassword: z.boolean().optional(),
  })
  .meta({ id: 'User' });
export const Account = User.extend({ active: z.boolean(), version: Int }).meta({ id: 'Account' });
/** `GET /api/users`: the matching accounts (a page when `limit` is given), how many match, and where the next page starts. */
export const AccountList = z.object({ users: z.array(Account), total: Int, nextOffset: Int.nullable() }).meta({ id: 'AccountList' });
export const OneTimePassword = z.object({ username: z.string(), oneTimePassword: z.string() }).meta({ id: 'OneTimePassword' });

// People
export const PersonSummary = z
  .object({
    id: Id,
    reference: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: CalendarDate,
    registrationComplete: z.boolean(),
  })
  .meta({ id: 'PersonSummary' });
export const PersonHit = PersonSummary.extend({ access: z.enum(['allowed', 'break-glass']) }).meta({ id: 'PersonHit' });
export const PersonSearchPage = z
  .object({
    people: z.array(PersonHit),
    page: z.object({
      limit: Int,
      offset: Int,
      total: Int,
      totalIsCapped: z.boolean(),
      nextOffset: Int.nullable(),
    }),
  })
  .meta({ id: 'PersonSearchPage' });

export const AddressValue = z
  .object({ line1: z.string(), line2: z.string().optional(), city: z.string(), province: z.string(), postalCode: z.string() })
  .meta({ id: 'AddressValue' });
export const EducationValue = z
  .object({ level: z.string(), institution: z.string().optional(), completedOn: CalendarDate.optional() })
  .meta({ id: 'EducationValue' });
export const EmploymentValue = z
  .object({ status: z.string(), employer: z.string().optional(), occupation: z.string().optional() })
  .meta({ id: 'EmploymentValue' });
const DETAIL_VALUES = {
  address: AddressValue,
  phone: z.string(),
  email: z.string(),
  education: EducationValue,
  employment: EmploymentValue,
};
const entry = <T extends z.ZodType>(value: T) =>
  z.object({ from: CalendarDate, to: CalendarDate.nullable(), value, recordedAt: Instant.nullable() });
export const CurrentDetails = z.object(DETAIL_VALUES).partial().meta({ id: 'CurrentDetails' });
export const DetailHistory = z
  .object({
    address: z.array(entry(AddressValue)),
    phone: z.array(entry(z.string())),
    email: z.array(entry(z.string())),
    education: z.array(entry(EducationValue)),
    employment: z.array(entry(EmploymentValue)),
  })
  .meta({ id: 'DetailHistory' });

export const Relationship = z
  .object({
    id: Id,
    kind: textOneOf(['spouse', 'dependant']),
    subtype: z.string(),
    personId: Id,
    relatedPersonId: Id,
    startDate: CalendarDate,
    endDate: CalendarDate.nullable(),
    version: Int,
  })
  .meta({ id: 'Relationship' });
export const Household = z
  .object({ asOf: CalendarDate, person: PersonSummary, partner: PersonSummary.nullable(), dependants: z.array(PersonSummary) })
  .meta({ id: 'Household' });
export const Assessment = z
  .object({
    id: Id,
    caseId: Id,
    status: z.enum(['in-progress', 'completed']),
    needs: z.array(z.string()),
    primaryNeed: z.string().nullable(),
    notes: z.string(),
    startedOn: CalendarDate,
    completedOn: CalendarDate.nullable(),
    assessor: UserRef,
    version: Int,
  })
  .meta({ id: 'Assessment' });
export const IntegratedCase = z
  .object({
    id: Id,
    reference: z.string(),
    personId: Id,
    status: z.string(),
    openedOn: CalendarDate,
    closedOn: CalendarDate.nullable(),
    closeReason: z.string().nullable(),
    version: Int,
    assessments: z.array(Assessment),
  })
  .meta({ id: 'IntegratedCase' });
export const Person = PersonSummary.extend({
  version: Int,
  asOf: CalendarDate,
  registration: z.object({
    complete: z.boolean(),
    missing: z.array(z.enum(['givenName', 'familyName', 'birthDate', 'address', 'phoneOrEmail'])),
  }),
  current: CurrentDetails,
  history: storedJson(DetailHistory),
  relationships: z.array(Relationship.extend({ otherPerson: PersonSummary })),
  household: Household,
  cases: z.array(IntegratedCase),
}).meta({ id: 'Person' });

export const ServicePlanReadiness = z
  .object({
    ready: z.boolean(),
    caseId: Id.optional(),
    primaryNeed: z.string().nullable(),
    goal: z.string().optional(),
    unmet: z
      .array(
        z.object({
          condition: z.enum(['REGISTRATION_INCOMPLETE', 'NO_OPEN_INTEGRATED_CASE', 'NO_COMPLETED_ASSESSMENT']),
          rule: z.string(),
          detail: z.string(),
        }),
      )
      .readonly(),
    currentPlan: z.object({ id: Id, reference: z.string(), status: z.string() }).nullable(),
  })
  .meta({ id: 'ServicePlanReadiness' });

export const AuditEvent = z
  .object({
    seq: Int,
    at: Instant,
    actor: UserRef.nullable(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string().describe("The record's key: a row's uuid, an office's code (office), a payment run's issue date (payment-run)."),
    /** The record's reference or name (P-000009), when it has one. */
    recordLabel: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    /** The fields that changed, labelled, with ids shown as references or names. */
    changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
    withheld: z
      .object({ code: z.string(), detail: z.string() })
      .optional()
      .describe(
        "Present when the event names a person the auditor may not read (above their clearance): its record's label, values and changes are withheld (null, empty), and this says why.",
      ),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPage = z
  .object({
    events: z.array(AuditEvent),
    page: z.object({ limit: Int, more: z.boolean(), nextCursor: Int.nullable() }),
  })
  .meta({ id: 'AuditPage' });

export const AuditChainStatus = z
  .object({
    ok: z.boolean(),
    events: Int,
    sealed: Int,
    pending: Int,
    checkpoints: Int,
    checkpointedSize: Int,
    lastSealed: z.object({ seq: Int, chainIndex: Int, at: Instant }).nullable(),
    problemCount: Int,
    problems: z.array(z.string()),
  })
  .meta({ id: 'AuditChainStatus' });

// Service Plans (R03)
const PlanStatus = textOneOf(['open', 'active', 'closed', 'exited']);
export const PlanItem = z
  .object({
    id: Id,
    subGoalId: Id,
    type: z.string(),
    name: z.string(),
    customName: z.string().nullable(),
    learningStream: z.string().nullable(),
    /** A training item's course load in percent of a full load; null is a full load (ISTHB s.44). */
    courseLoadPercent: Int.nullable(),
    description: z.string(),
    owner: UserRef,
    expectedStart: CalendarDate,
    expectedEnd: CalendarDate,
    actualStart: CalendarDate.nullable(),
    actualEnd: CalendarDate.nullable(),
    status: z.enum(['not-started', 'in-progress', 'completed']),
    outcome: textOneOf(['attained', 'not-attained', 'cancelled']).nullable(),
    goodCauseReason: z.string().nullable(),
    pdc: z.object({ id: Id, reference: z.string(), program: z.string(), status: z.string() }).nullable(),
    version: Int,
  })
  .meta({ id: 'PlanItem' });
const Recorder = z.object({ id: Id.nullable(), displayName: z.string() });
/** A rule that refuses an action now, in the server's words: shown beside the action before the click. */
export const ActionRefusal = z.object({ code: z.string(), rule: z.string(), detail: z.string() }).meta({ id: 'ActionRefusal' });
export const ServicePlan = z
  .object({
    id: Id,
    reference: z.string(),
    caseId: Id,
    person: PersonSummary.omit({ registrationComplete: true }),
    status: PlanStatus,
    primaryNeed: z.string(),
    goal: z.string(),
    createdBy: UserRef,
    createdOn: CalendarDate,
    acceptance: z.object({ acceptedOn: CalendarDate, method: z.string().nullable(), recordedBy: Recorder }).nullable(),
    closure: z
      .object({ closedOn: CalendarDate, reason: z.string().nullable(), note: z.string().nullable(), closedBy: Recorder })
      .nullable(),
    exitedOn: CalendarDate.nullable(),
    subGoals: z.array(z.object({ id: Id, type: z.string(), label: z.string(), items: z.array(PlanItem) })),
    closureInfo: z.object({
      responsible: UserRef,
      heldUntil: CalendarDate.nullable(),
      openItems: Int,
      lastContact: CalendarDate.nullable(),
      notAllowed: z.array(ActionRefusal).meta({ description: 'Why the plan cannot close today, whoever asks (empty when it can)' }),
      summary: z.object({ attained: z.array(PlanItem), notAttained: z.array(PlanItem), cancelled: z.array(PlanItem) }),
    }),
    fundingNotAllowed: z
      .array(ActionRefusal)
      .meta({ description: "Why the plan's training cannot be funded with learner income support now (empty when it can)" }),
    version: Int,
  })
  .meta({ id: 'ServicePlan' });
export const ServicePlanSummary = z
  .object({
    id: Id,
    reference: z.string(),
    status: PlanStatus,
    goal: z.string(),
    createdOn: CalendarDate,
    closedOn: CalendarDate.nullable(),
  })
  .meta({ id: 'ServicePlanSummary' });
export const PlanItemCatalogue = z
  .object({
    subGoalTypes: z.array(z.object({ code: z.string(), label: z.string() })),
    itemTypes: z.array(z.object({ code: z.string(), label: z.string(), subGoalType: z.string(), fundable: z.boolean() })),
    closureReasons: z.array(z.object({ code: z.string(), label: z.string() })),
    placeholder: z.boolean(),
    source: z.string(),
  })
  .meta({ id: 'PlanItemCatalogue' });
/** A product delivery case as stored (the answer to funding a plan item). */
export const ProductDeliveryCase = z
  .object({
    id: Id,
    reference: z.string(),
    caseId: Id,
    personId: Id,
    program: z.string(),
    status: z.string(),
    planItemId: Id.nullable(),
    coordinatorId: Id.nullable(),
    trainingStart: CalendarDate.nullable(),
    trainingEnd: CalendarDate.nullable(),
    trainingLoad: z.string().nullable(),
    applicationReceivedOn: CalendarDate.nullable(),
    lowLiteracy: z.boolean(),
    createdAt: z.date(),
    version: Int,
  })
  .meta({ id: 'ProductDeliveryCase' });

// Tasks, contacts, caseloads, jobs
const Choice = z.enum(['approved', 'rejected']);
export const Task = z
  .object({
    id: Id,
    kind: z.string(),
    title: z.string(),
    detail: z.string(),
    assignee: UserRef.nullable(),
    assigneeRole: z.string().nullable(),
    person: z.object({ id: Id, reference: z.string(), givenName: z.string(), familyName: z.string() }).nullable(),
    recordType: z.string().nullable(),
    recordId: Id.nullable(),
    decision: z
      .object({
        kind: z.literal('director-approval'),
        label: z.string(),
        choices: z.array(Choice).readonly(),
        reasonRequiredFor: z.array(Choice).readonly(),
      })
      .nullable()
      .describe('Set when the task stands for a decision: it ends only through that decision, never a plain "complete".'),
    dueOn: CalendarDate,
    overdue: z.boolean(),
    status: z.string(),
    createdAt: Instant,
    version: Int,
  })
  .meta({ id: 'Task' });
const FilterCounts = z.array(z.object({ value: z.string().nullable(), count: Int }));
export const TaskPage = z
  .object({
    tasks: z.array(Task),
    total: Int.describe('How many tasks match the filters in all'),
    limit: Int,
    offset: Int,
    counts: z
      .object({ queue: FilterCounts, type: FilterCounts, due: FilterCounts })
      .describe('How many tasks each filter value would show, the other filters kept'),
  })
  .meta({ id: 'TaskPage' });
/** A task as stored: the answer to completing or assigning one. */
export const TaskRecord = z
  .object({
    id: Id,
    kind: z.string(),
    title: z.string(),
    detail: z.string(),
    assigneeId: Id.nullable(),
    assigneeRole: z.string().nullable(),
    personId: Id.nullable(),
    recordType: z.string().nullable(),
    recordId: Id.nullable(),
    dueOn: CalendarDate,
    status: z.string(),
    dedupeKey: z.string().nullable(),
    createdAt: z.date(),
    completedAt: z.date().nullable(),
    completedBy: z.string().nullable(),
    version: Int,
  })
  .meta({ id: 'TaskRecord' });
export const Interaction = z
  .object({ id: Id, occurredOn: CalendarDate, channel: z.string(), note: z.string(), recordedBy: UserRef })
  .meta({ id: 'Interaction' });
export const RecordedInteraction = z
  .object({
    id: Id,
    personId: Id,
    occurredOn: CalendarDate,
    channel: z.string(),
    note: z.string(),
    recordedBy: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: 'RecordedInteraction' });
export const CaseloadTransfer = z
  .object({ planItemsMoved: Int, tasksMoved: Int, from: UserRef, to: UserRef })
  .meta({ id: 'CaseloadTransfer' });
/** An official's open work, as a transfer would move it (counts, then one page of each list). */
export const Caseload = z
  .object({
    planItemCount: Int,
    taskCount: Int,
    planItems: z.array(
      z.object({
        id: Id,
        name: z.string(),
        expectedEnd: CalendarDate,
        planId: Id,
        planReference: z.string(),
        personId: Id,
        personName: z.string(),
      }),
    ),
    tasks: z.array(
      z.object({
        id: Id,
        title: z.string(),
        dueOn: CalendarDate,
        recordType: z.string().nullable(),
        recordId: Id.nullable(),
        personId: Id.nullable(),
        personName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Caseload' });
export const CaseloadTransferPreview = Caseload.extend({ from: UserRef, to: UserRef }).meta({ id: 'CaseloadTransferPreview' });
/** The supervisor's dashboard: open tasks by what they wait for, and each official's open caseload (one page). */
export const TeamDashboard = z
  .object({
    tasks: z.object({ overdue: Int, 'plan-closure': Int, 'two-attending': Int, 'evidence-approval': Int }),
    officialCount: Int,
    officials: z.array(z.object({ id: Id, displayName: z.string(), planItems: Int, tasks: Int })),
  })
  .meta({ id: 'TeamDashboard' });
/** A job and its last runs as the queue keeps them (a batch run counts its chunks by state). */
export const JobWithRuns = z
  .object({
    name: z.string(),
    description: z.string(),
    schedule: z.string(),
    runs: z.array(
      z.object({
        kind: z.enum(['scheduled', 'batch']),
        id: Id,
        status: z.enum(['running', 'failed', 'completed', 'cancelled']),
        /** The job queue's own timestamps (pg-boss): instants, with their offset. */
        startedOn: Instant,
        finishedOn: Instant.nullable(),
        states: z.record(z.string(), Int),
        output: z.unknown(),
        /** The schedule, or who started the run by hand: a user (the jobs page) or an operator at the command line. */
        startedBy: z.discriminatedUnion('by', [
          z.object({ by: z.literal('schedule') }),
          z.object({ by: z.literal('user'), userId: Id, displayName: z.string() }),
          z.object({ by: z.literal('command-line'), account: z.string() }),
        ]),
      }),
    ),
  })
  .meta({ id: 'JobWithRuns' });
export const JobSummary = z.object({ job: z.string(), examined: Int, outcomes: z.record(z.string(), Int) }).meta({ id: 'JobSummary' });

// Access by caseload (docs/access-control.md)
export const Office = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Office' });
export const Placement = z
  .object({
    id: Id,
    username: z.string(),
    officeCode: z.string(),
    teamCode: z.string().nullable(),
    clearance: Int,
    version: Int,
  })
  .meta({ id: 'Placement' });
export const Sensitivity = z.object({ id: Id, sensitivity: Int, version: Int }).meta({ id: 'Sensitivity' });
export const BreakGlassGrant = z
  .object({ personId: Id, reference: z.string(), reason: z.string(), expiresAt: Instant, alreadyOnCaseload: z.boolean() })
  .meta({ id: 'BreakGlassGrant' });
export const AccessLogPage = z
  .object({
    entries: z.array(
      z.object({
        seq: Int,
        at: Instant,
        actor: z.object({ id: Id, username: z.string(), displayName: z.string() }),
        person: z.object({
          id: Id,
          reference: z.string().nullable().describe('Null when the person is withheld (see withheld).'),
        }),
        what: z.string(),
        basis: z.string(),
        breakGlass: z.boolean(),
        reason: z.string().nullable().describe("A break-glass read's reason; null for other reads, and when the person is withheld."),
        reviewStatus: z.string(),
        withheld: Withheld.optional().describe(
          "Present when the person read is one you may not read (above your clearance): the entry keeps who read, when, what and on what basis, and the person's id; their reference and the break-glass reason are withheld (null), and this says why.",
        ),
      }),
    ),
    page: z.object({ limit: Int, more: z.boolean(), nextBefore: Int.nullable() }),
  })
  .meta({ id: 'AccessLogPage' });
