/**
 * Every API operation as data: its method and path, the permission it needs (from PERMISSIONS, or
 * 'public' / 'signed-in'), the ownership rule that applies on top of the permission, how it reaches
 * a person's data (access by caseload), and how to build a valid request against a seeded fixture.
 * The authorisation matrix test walks this table for every role (and an anonymous caller) through
 * the real HTTP API; the hostile-input test uses each operation's valid request as the base it
 * mutates. A test fails when the OpenAPI document lists a route that is missing here, so the table
 * cannot fall behind the routes.
 *
 * Permission checks happen in the use cases (app/permissions.ts) before anything is loaded, so a
 * refused role gets 403 FORBIDDEN whatever the state of the record. Ownership rules are checked
 * after the record is loaded and answer with their own code (see OWNERSHIP_RULES). Access by
 * caseload is checked where the use case knows the person (app/person-access.ts); `person` says
 * which of its checks an operation meets, and so which of its refusals the operation declares
 * (src/http/response-problems.ts; test/integration/documented-refusals.test.ts checks both ways).
 */

import { DEMO_PASSWORD } from '../app/passwords.ts';
import { PERMISSIONS, type Permission } from '../app/permissions.ts';
import type { PersonAccess } from '../app/person-access.ts';
import { ROLES, type Role } from '../app/roles.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What an operation needs from the caller: a permission, only a session, or nothing. */
export type Requirement = Permission | 'public' | 'signed-in';

export type OwnershipRuleName = 'plan-item-owner' | 'task-assignee' | 'task-queue' | 'closure-responsible' | 'caseload';

export interface OwnershipRule {
  /** The problem code a caller who holds the permission but not the record gets (all are 403). */
  readonly code: 'NOT_ITEM_OWNER' | 'NOT_TASK_ASSIGNEE' | 'FORBIDDEN' | 'NOT_RESPONSIBLE_FOR_CLOSURE' | 'NOT_ON_CASELOAD';
  readonly status: 403;
  readonly description: string;
  /** Roles that pass the rule whoever holds the record. */
  readonly bypass: readonly Role[];
}

/** Ownership rules that sit in the use cases on top of the permission table. */
export const OWNERSHIP_RULES: Readonly<Record<OwnershipRuleName, OwnershipRule>> = {
  'plan-item-owner': {
    code: 'NOT_ITEM_OWNER',
    status: 403,
    description: 'Only the official who owns a plan item updates or completes it; a supervisor reassigns it instead (R03 Key Notes).',
    bypass: [],
  },
  'task-assignee': {
    code: 'NOT_TASK_ASSIGNEE',
    status: 403,
    description: "Only a task's assignee (or, for a queued task, a member of the queue's role) or a supervisor completes it.",
    bypass: ['supervisor'],
  },
  'task-queue': {
    code: 'FORBIDDEN',
    status: 403,
    description:
      "Anyone may take an unassigned task from their own role's queue; only a holder of task.assign assigns a task to someone else.",
    bypass: PERMISSIONS['task.assign'],
  },
  'closure-responsible': {
    code: 'NOT_RESPONSIBLE_FOR_CLOSURE',
    status: 403,
    description:
      'The official with the last plan item to complete (or the holder of the closure task, or a supervisor) closes a Service Plan (R03.1).',
    bypass: ['supervisor'],
  },
  caseload: {
    code: 'NOT_ON_CASELOAD',
    status: 403,
    description:
      "A person's data is read by those whose reach includes them (docs/access-control.md): own or office caseload (officials, coordinators, supervisors), team caseload (supervisors), learner cases of the office (coordinators, specialists), everything (auditors); anyone else breaks the glass. The fixture's person is on official.ada's caseload in the main office and has no learner case.",
    bypass: ['learner-benefits-coordinator', 'supervisor', 'auditor'],
  },
};

/**
 * The records a test seeds (through the API) before walking the table. Each operation's request
 * names the records it acts on. In the seeded fixture, the records that carry an ownership rule are
 * held by the matrix's user of the operation's `holder` role.
 */
export interface Fixture {
  /** Today on the server's clock (YYYY-MM-DD). */
  readonly today: string;
  /** User ids by username (the demo users). */
  readonly users: Readonly<Record<string, string>>;
  /** Credentials that sign in successfully (a user outside the matrix). */
  readonly signIn: { readonly username: string; readonly password: string };
  /** A user outside the matrix whose account an administrator may change (unlock, revoke). */
  readonly spareUser: { readonly id: string; readonly version: number };
  /** A person with a complete registration, an open case with a completed assessment and the active plan below. */
  readonly person: { readonly id: string; readonly version: number };
  /** Another registered person, whose name and birth date may be corrected. */
  readonly correctablePerson: { readonly id: string; readonly version: number };
  /** Two more registered people, for recording a relationship between them. */
  readonly relatives: readonly [string, string];
  /** A recorded relationship that has not ended. */
  readonly relationship: { readonly id: string; readonly version: number };
  /** A registered person without a case. */
  readonly personWithoutCase: string;
  /** The person's open case and its completed assessment. */
  readonly caseId: string;
  readonly assessmentId: string;
  /** Two assessments in progress: one to update, one to complete. */
  readonly openAssessment: { readonly id: string; readonly version: number };
  readonly completableAssessment: { readonly id: string; readonly version: number };
  /** An open case to close, and a closed case to reopen. */
  readonly closableCase: { readonly id: string; readonly version: number };
  readonly closedCase: { readonly id: string; readonly version: number };
  /** A person ready for a Service Plan (R03 pre-conditions met) who has none. */
  readonly plannablePerson: string;
  /** The person's active plan: a training sub-goal with open items owned by the authorized official. */
  readonly plan: { readonly id: string; readonly version: number; readonly subGoalId: string; readonly missingSubGoalType: string };
  readonly ownedItem: { readonly id: string; readonly version: number };
  readonly completableItem: { readonly id: string; readonly version: number };
  readonly reassignableItem: { readonly id: string; readonly version: number };
  /** A training item no product delivery case funds yet. */
  readonly fundableItem: string;
  /** A plan with a sub-goal and an item, not yet accepted. */
  readonly openPlan: { readonly id: string; readonly version: number };
  /** A plan whose every item the authorized official completed: they are responsible for closing it. */
  readonly closablePlan: { readonly id: string; readonly version: number };
  /** An open task assigned to the authorized official (another plan's closure task). */
  readonly assignedTask: { readonly id: string; readonly version: number };
  /** An open, unassigned task in the learner-benefit-specialist queue (Director Approval). */
  readonly queuedTask: { readonly id: string; readonly version: number };
  /** A learner with an open learner income support PDC (in a two-attending household). */
  readonly learner: { readonly personId: string };
  readonly pdc: { readonly id: string; readonly version: number; readonly trainingEnd: string };
  /** Applied evidence on the PDC and its active version. */
  readonly evidence: { readonly id: string; readonly activeVersion: { readonly id: string; readonly version: number } };
  /** An in-edit evidence version on the PDC. */
  readonly inEditVersion: { readonly id: string; readonly version: number };
  /** Applied Director Approval evidence waiting for a Learner Benefit Specialist. */
  readonly pendingApproval: { readonly id: string; readonly version: number };
  /** A detected two-attending situation. */
  readonly situation: { readonly id: string; readonly version: number };
  /** Issue 16: a learner case with issued months and a late application, one of its debts and an adjustment of it. */
  readonly paymentCase: { readonly id: string; readonly version: number };
  readonly debt: { readonly id: string; readonly version: number };
  readonly adjustment: { readonly id: string };
  /** A training exception for the learner, recorded by official.ada and waiting for a supervisor's decision. */
  readonly pendingException: { readonly id: string; readonly version: number };
  /** A user outside the matrix whose office, team and clearance an administrator may set. */
  readonly placeableUser: { readonly id: string; readonly version: number };
  /** A registered person on the main office's caseload, whose sensitivity a supervisor may set. */
  readonly sensitivePerson: { readonly id: string; readonly version: number };
  /** A new unique lowercase suffix each call (usernames that must not repeat). */
  unique(): string;
}

/** Who sends the request: their user id (null for an anonymous caller). */
export interface Caller {
  readonly userId: string | null;
}

export interface OperationRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface Operation {
  readonly method: Method;
  /** Fastify's path template (`:id`). */
  readonly path: string;
  readonly requires: Requirement;
  /** An ownership rule checked after the permission; `holder` is the role whose user holds the fixture's record. */
  readonly ownership?: { readonly rule: OwnershipRuleName; readonly holder: Role };
  /**
   * How the operation reaches a person's data through src/app/person-access.ts (docs/access-control.md):
   * it answers the refusals of PERSON_ACCESS_REFUSALS[person], which its problem responses declare.
   */
  readonly person?: PersonAccess;
  /** Not in the OpenAPI document (schema.hide, or plugin routes). */
  readonly hidden?: true;
  /** The request ends the session it is sent with: send it with a session of its own. */
  readonly endsSession?: true;
  /** A valid request against the seeded fixture. */
  readonly request: (fixture: Fixture, caller: Caller) => OperationRequest;
}

const id = (value: string) => ({ id: value });

/** A complete registration (a new person each time). */
const newPerson = (f: Fixture) => {
  const n = f.unique();
  return {
    givenName: 'Matrix',
    familyName: `Person ${n}`,
    birthDate: '1988-03-14',
    address: { line1: '10234 104 Street NW', line2: 'Unit 5', city: 'Edmonton', province: 'AB', postalCode: 'T5J 2R7' },
    phone: '780-555-0100',
    email: `matrix.${n}@example.ca`,
    effectiveFrom: '2026-01-01',
    acknowledgeDuplicates: true,
  };
};

export const OPERATIONS: readonly Operation[] = [
  // Server, documentation
  { method: 'GET', path: '/health', requires: 'public', request: () => ({}) },
  { method: 'GET', path: '/api/openapi.json', requires: 'public', hidden: true, request: () => ({}) },
  { method: 'GET', path: '/api/docs', requires: 'public', hidden: true, request: () => ({}) },
  { method: 'GET', path: '/api/docs/json', requires: 'public', hidden: true, request: () => ({}) },

  // Session and accounts
  {
    method: 'POST',
    path: '/api/session',
    requires: 'public',
    request: (f) => ({ body: { username: f.signIn.username, password: f.signIn.password } }),
  },
  { method: 'GET', path: '/api/session', requires: 'signed-in', request: () => ({}) },
  // The demo password "changed" to itself (the test server runs in demo mode): the caller's sign-in keeps working.
  {
    method: 'POST',
    path: '/api/session/password',
    requires: 'signed-in',
    request: () => ({ body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
  },
  { method: 'DELETE', path: '/api/session', requires: 'public', endsSession: true, request: () => ({}) },
  { method: 'GET', path: '/api/users', requires: 'user.read', request: () => ({}) },
  {
    method: 'POST',
    path: '/api/users',
    requires: 'user.create',
    request: (f) => ({
      body: { username: `matrix.${f.unique()}`, displayName: 'Matrix Account', roles: ['auditor'], password: 'correct-horse-battery-9' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/users/:id',
    requires: 'user.create',
    request: (f) => ({ params: id(f.spareUser.id), body: { version: f.spareUser.version, unlock: true } }),
  },
  { method: 'POST', path: '/api/users/:id/sessions/revoke', requires: 'user.create', request: (f) => ({ params: id(f.spareUser.id) }) },
  { method: 'POST', path: '/api/users/:id/password-reset', requires: 'user.create', request: (f) => ({ params: id(f.spareUser.id) }) },

  // People
  { method: 'GET', path: '/api/people', requires: 'person.read', request: () => ({ query: { q: 'Matrix', birthDate: '1988-03-14' } }) },
  { method: 'POST', path: '/api/people', requires: 'person.register', request: (f) => ({ body: newPerson(f) }) },
  {
    method: 'GET',
    path: '/api/people/:id',
    requires: 'person.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.person.id), query: { asOf: f.today } }),
  },
  {
    method: 'PATCH',
    path: '/api/people/:id',
    requires: 'person.update',
    person: 'write',
    request: (f) => ({
      params: id(f.correctablePerson.id),
      body: { version: f.correctablePerson.version, givenName: 'Matrix', familyName: 'Corrected', birthDate: '1988-03-14' },
    }),
  },
  {
    method: 'POST',
    path: '/api/people/:id/details',
    requires: 'person.update',
    person: 'write',
    request: (f) => ({
      params: id(f.person.id),
      body: { kind: 'phone', value: '780-555-0199', version: f.person.version, effectiveFrom: '2026-06-01' },
    }),
  },
  {
    method: 'GET',
    path: '/api/people/:id/household',
    requires: 'person.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.person.id), query: { asOf: f.today } }),
  },
  {
    method: 'GET',
    path: '/api/people/:id/service-plan-readiness',
    requires: 'person.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.person.id) }),
  },

  // Relationships, cases, assessments
  {
    method: 'POST',
    path: '/api/relationships',
    requires: 'relationship.write',
    person: 'write',
    request: (f) => ({
      body: {
        kind: 'dependant',
        subtype: 'child',
        personId: f.relatives[0],
        relatedPersonId: f.relatives[1],
        startDate: '2020-01-01',
        endDate: null,
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/relationships/:id',
    requires: 'relationship.write',
    person: 'write',
    request: (f) => ({ params: id(f.relationship.id), body: { version: f.relationship.version, endDate: '2026-06-01' } }),
  },
  {
    method: 'POST',
    path: '/api/people/:id/cases',
    requires: 'case.open',
    person: 'write',
    request: (f) => ({ params: id(f.personWithoutCase), body: { openedOn: '2026-06-01' } }),
  },
  {
    method: 'GET',
    path: '/api/cases/:id',
    requires: 'case.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.caseId) }),
  },
  {
    method: 'POST',
    path: '/api/cases/:id/close',
    requires: 'case.close',
    person: 'write',
    request: (f) => ({
      params: id(f.closableCase.id),
      body: { version: f.closableCase.version, closedOn: f.today, reason: 'Moved out of the region' },
    }),
  },
  {
    method: 'POST',
    path: '/api/cases/:id/reopen',
    requires: 'case.reopen',
    person: 'write',
    request: (f) => ({ params: id(f.closedCase.id), body: { version: f.closedCase.version } }),
  },
  {
    method: 'POST',
    path: '/api/cases/:id/assessments',
    requires: 'assessment.write',
    person: 'write',
    request: (f) => ({
      params: id(f.caseId),
      body: { needs: ['training', 'career-planning'], primaryNeed: 'training', notes: 'Started by the matrix' },
    }),
  },
  {
    method: 'GET',
    path: '/api/assessments/:id',
    requires: 'case.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.assessmentId) }),
  },
  {
    method: 'PATCH',
    path: '/api/assessments/:id',
    requires: 'assessment.write',
    person: 'write',
    request: (f) => ({
      params: id(f.openAssessment.id),
      body: { version: f.openAssessment.version, needs: ['training'], primaryNeed: 'training', notes: 'Updated' },
    }),
  },
  {
    method: 'POST',
    path: '/api/assessments/:id/complete',
    requires: 'assessment.write',
    person: 'write',
    request: (f) => ({
      params: id(f.completableAssessment.id),
      body: { version: f.completableAssessment.version, needs: ['training'], primaryNeed: 'training', completedOn: f.today, notes: 'Done' },
    }),
  },
  { method: 'GET', path: '/api/catalogues/needs', requires: 'catalogue.read', request: () => ({}) },
  {
    method: 'GET',
    path: '/api/audit',
    requires: 'audit.read',
    person: 'read',
    request: (f) => ({ query: { recordType: 'person', recordId: f.person.id } }),
  },

  // Service Plans
  {
    method: 'GET',
    path: '/api/people/:id/service-plans',
    requires: 'plan.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.person.id) }),
  },
  {
    method: 'POST',
    path: '/api/people/:id/service-plans',
    requires: 'plan.write',
    person: 'write',
    request: (f) => ({ params: id(f.plannablePerson) }),
  },
  {
    method: 'GET',
    path: '/api/service-plans/:id',
    requires: 'plan.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.plan.id) }),
  },
  {
    method: 'POST',
    path: '/api/service-plans/:id/accept',
    requires: 'plan.write',
    person: 'write',
    request: (f) => ({ params: id(f.openPlan.id), body: { version: f.openPlan.version, acceptedOn: f.today, method: 'signed' } }),
  },
  {
    method: 'POST',
    path: '/api/service-plans/:id/close',
    requires: 'plan.close',
    person: 'write',
    ownership: { rule: 'closure-responsible', holder: 'authorized-official' },
    request: (f) => ({
      params: id(f.closablePlan.id),
      body: { version: f.closablePlan.version, closedOn: f.today, reason: 'declined-further-services', note: 'Closed by the matrix' },
    }),
  },
  {
    method: 'GET',
    path: '/api/service-plans/:id/agreement.pdf',
    requires: 'plan.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.plan.id) }),
  },
  {
    method: 'POST',
    path: '/api/service-plans/:id/sub-goals',
    requires: 'plan.write',
    person: 'write',
    request: (f) => ({ params: id(f.plan.id), body: { type: f.plan.missingSubGoalType } }),
  },
  {
    method: 'POST',
    path: '/api/service-plans/:id/items',
    requires: 'plan.write',
    person: 'write',
    request: (f) => ({
      params: id(f.plan.id),
      body: {
        subGoalId: f.plan.subGoalId,
        type: 'academic-upgrading',
        customName: 'Upgrading',
        description: 'Added by the matrix',
        expectedStart: '2026-07-06',
        expectedEnd: '2026-12-18',
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/plan-items/:id',
    requires: 'plan.write',
    person: 'write',
    ownership: { rule: 'plan-item-owner', holder: 'authorized-official' },
    request: (f) => ({
      params: id(f.ownedItem.id),
      body: {
        version: f.ownedItem.version,
        expectedStart: '2026-06-01',
        expectedEnd: '2026-12-18',
        actualStart: '2026-06-01',
        description: 'Updated by its owner',
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/plan-items/:id/complete',
    requires: 'plan.write',
    person: 'write',
    ownership: { rule: 'plan-item-owner', holder: 'authorized-official' },
    request: (f) => ({
      params: id(f.completableItem.id),
      body: { version: f.completableItem.version, outcome: 'attained', actualStart: '2026-06-01', actualEnd: f.today },
    }),
  },
  {
    method: 'POST',
    path: '/api/plan-items/:id/reassign',
    requires: 'item.reassign',
    person: 'write',
    request: (f) => ({
      params: id(f.reassignableItem.id),
      body: { version: f.reassignableItem.version, ownerId: f.users['official.ada']! },
    }),
  },
  {
    method: 'POST',
    path: '/api/plan-items/:id/pdc',
    requires: 'pdc.create',
    person: 'write',
    request: (f) => ({ params: id(f.fundableItem), body: { coordinatorId: f.users['lbc.dana']!, trainingLoad: 'full-time' } }),
  },
  { method: 'GET', path: '/api/catalogues/plan-items', requires: 'catalogue.read', request: () => ({}) },

  // Worklists, contacts, caseloads, jobs
  { method: 'GET', path: '/api/tasks', requires: 'task.read', request: () => ({ query: { status: 'open', scope: 'mine' } }) },
  { method: 'GET', path: '/api/tasks/count', requires: 'task.read', request: () => ({}) },
  { method: 'GET', path: '/api/caseload', requires: 'plan.read', request: () => ({ query: { planStatus: 'open', limit: '20' } }) },
  { method: 'GET', path: '/api/recently-viewed', requires: 'person.read', request: () => ({ query: { limit: '5' } }) },
  {
    method: 'POST',
    path: '/api/tasks/:id/complete',
    requires: 'task.read',
    person: 'write',
    ownership: { rule: 'task-assignee', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.assignedTask.id), body: { version: f.assignedTask.version } }),
  },
  {
    method: 'POST',
    path: '/api/tasks/:id/assign',
    requires: 'task.read',
    person: 'write',
    ownership: { rule: 'task-queue', holder: 'learner-benefit-specialist' },
    // Each caller takes the task for themselves: allowed from their own role's queue, or as a supervisor.
    request: (f, caller) => ({
      params: id(f.queuedTask.id),
      body: { version: f.queuedTask.version, assigneeId: caller.userId ?? f.users['lbs.farah']! },
    }),
  },
  // The correctable person, who never gets a learner case: the fixture's person gets one from POST /api/plan-items/:id/pdc above.
  {
    method: 'GET',
    path: '/api/people/:id/interactions',
    requires: 'person.read',
    person: 'read',
    ownership: { rule: 'caseload', holder: 'authorized-official' },
    request: (f) => ({ params: id(f.correctablePerson.id) }),
  },
  {
    method: 'POST',
    path: '/api/people/:id/interactions',
    requires: 'interaction.write',
    person: 'write',
    request: (f) => ({ params: id(f.person.id), body: { occurredOn: f.today, channel: 'phone', note: 'Called about the plan' } }),
  },
  {
    method: 'POST',
    path: '/api/caseloads/transfer/preview',
    requires: 'caseload.transfer',
    person: 'read',
    request: (f) => ({ body: { fromUserId: f.spareUser.id, toUserId: f.users['official.ben']! } }),
  },
  // After its preview: the transfer empties the caseload the preview reads.
  {
    method: 'POST',
    path: '/api/caseloads/transfer',
    requires: 'caseload.transfer',
    request: (f) => ({ body: { fromUserId: f.spareUser.id, toUserId: f.users['official.ben']! } }),
  },
  { method: 'GET', path: '/api/caseloads/mine', requires: 'plan.read', person: 'own-caseload', request: () => ({}) },
  { method: 'GET', path: '/api/team', requires: 'team.read', request: () => ({}) },
  { method: 'GET', path: '/api/jobs', requires: 'job.run', request: () => ({}) },
  { method: 'POST', path: '/api/jobs/:name/run', requires: 'job.run', request: () => ({ params: { name: 'passive-closure-review' } }) },

  // Learner benefits
  {
    method: 'GET',
    path: '/api/people/:id/pdcs',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.learner.personId) }),
  },
  { method: 'GET', path: '/api/pdcs/:id', requires: 'benefits.read', person: 'read', request: (f) => ({ params: id(f.pdc.id) }) },
  {
    method: 'GET',
    path: '/api/pdcs/:id/determinations.csv',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.pdc.id) }),
  },
  { method: 'GET', path: '/api/pdcs/:id/evidence', requires: 'benefits.read', person: 'read', request: (f) => ({ params: id(f.pdc.id) }) },
  {
    method: 'POST',
    path: '/api/pdcs/:id/evidence',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({
      params: id(f.pdc.id),
      body: {
        type: 'income',
        subtype: 'employment-earnings',
        personId: f.learner.personId,
        amount: '250.00',
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        note: 'Part-time job',
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/evidence-versions/:id/correct',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({
      params: id(f.evidence.activeVersion.id),
      body: { version: f.evidence.activeVersion.version, amount: '610.00', note: 'Receipt checked' },
    }),
  },
  {
    method: 'POST',
    path: '/api/evidence/:id/change',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({
      params: id(f.evidence.id),
      body: { effectiveFrom: '2027-01-01', periodEnd: null, amount: '700.00', note: 'New provider' },
    }),
  },
  {
    method: 'POST',
    path: '/api/evidence-versions/:id/discard',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({ params: id(f.inEditVersion.id), body: { version: f.inEditVersion.version } }),
  },
  { method: 'GET', path: '/api/pdcs/:id/preview', requires: 'benefits.read', person: 'read', request: (f) => ({ params: id(f.pdc.id) }) },
  {
    method: 'POST',
    path: '/api/pdcs/:id/what-if',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.pdc.id), body: { rates: { 'core-essential': { '1 adult': '450.00', '2 adults': '680.00' } } } }),
  },
  { method: 'POST', path: '/api/pdcs/:id/apply', requires: 'evidence.write', person: 'write', request: (f) => ({ params: id(f.pdc.id) }) },
  {
    method: 'POST',
    path: '/api/evidence-versions/:id/approval',
    requires: 'evidence.approve',
    person: 'write',
    request: (f) => ({
      params: id(f.pendingApproval.id),
      body: { version: f.pendingApproval.version, decision: 'approved', reason: 'Within the director limits' },
    }),
  },
  { method: 'GET', path: '/api/catalogues/evidence-types', requires: 'catalogue.read', request: () => ({}) },
  // Learner program rules (issue 16): the learning stream counter and training exceptions.
  {
    method: 'GET',
    path: '/api/people/:id/learning-streams',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.learner.personId) }),
  },
  {
    method: 'POST',
    path: '/api/people/:id/training-exceptions',
    requires: 'training-exception.record',
    person: 'write',
    request: (f) => ({
      params: id(f.learner.personId),
      body: {
        kind: 'subsequent-training',
        grounds: ['skills-deficit'],
        explanation: 'Worked two years in retail; needs the next level of training.',
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/training-exceptions/:id/decision',
    requires: 'training-exception.decide',
    person: 'write',
    request: (f) => ({
      params: id(f.pendingException.id),
      body: { version: f.pendingException.version, decision: 'approved', note: 'The reassessment supports it' },
    }),
  },
  {
    method: 'POST',
    path: '/api/simulations',
    requires: 'simulation.run',
    request: () => ({
      body: {
        asOf: '2025-08-15',
        people: [{ id: 'L', birthDate: '1995-02-11' }],
        relationships: [],
        learners: [{ person: 'L', training: { start: '2025-09-15', end: '2026-04-24', load: 'full-time' } }],
        evidence: [
          { type: 'shelter', subtype: 'renting', amount: '950.00', period: { start: '2025-09-01' } },
          { type: 'income', subtype: 'scholarship', person: 'L', amount: '4700.00', period: { start: '2025-09-01', end: '2026-04-30' } },
        ],
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/two-attending',
    requires: 'benefits.read',
    request: (f) => ({ query: { status: 'detected', personId: f.learner.personId } }),
  },
  // Issue 10: the preview of confirming, while the fixture's situation is still detected.
  {
    method: 'GET',
    path: '/api/two-attending/:id/preview',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.situation.id) }),
  },
  {
    method: 'POST',
    path: '/api/two-attending/:id/confirm',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({ params: id(f.situation.id), body: { version: f.situation.version } }),
  },
  {
    method: 'GET',
    path: '/api/two-attending/:id/reconciliation',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.situation.id) }),
  },
  // Access by caseload: offices, placements, sensitivity, the access log, and break-glass (the grant opens the person to the caller for an hour).
  { method: 'GET', path: '/api/offices', requires: 'user.read', request: () => ({}) },
  {
    method: 'POST',
    path: '/api/offices',
    requires: 'user.placement',
    request: (f) => ({ body: { code: `matrix-${f.unique()}`, name: 'Matrix office' } }),
  },
  {
    method: 'PATCH',
    path: '/api/users/:id/placement',
    requires: 'user.placement',
    request: (f) => ({
      params: id(f.placeableUser.id),
      body: { version: f.placeableUser.version, officeCode: 'main', teamCode: null, clearance: 2 },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/people/:id/sensitivity',
    requires: 'person.sensitivity',
    person: 'write',
    request: (f) => ({ params: id(f.sensitivePerson.id), body: { version: f.sensitivePerson.version, sensitivity: 1 } }),
  },
  {
    method: 'GET',
    path: '/api/access-log',
    requires: 'access-log.read',
    request: (f) => ({ query: { personId: f.person.id, from: f.today, to: f.today, limit: '20' } }),
  },
  // The auditors' page (/audit): the whole trail's search, its CSV export and the chain's status.
  {
    method: 'GET',
    path: '/api/audit/export.csv',
    requires: 'audit.search',
    request: (f) => ({ query: { person: f.person.id, from: f.today, to: f.today } }),
  },
  { method: 'GET', path: '/api/audit/chain', requires: 'audit.search', request: () => ({}) },
  {
    method: 'POST',
    path: '/api/people/:id/break-glass',
    requires: 'person.break-glass',
    person: 'break-glass',
    request: (f) => ({ params: id(f.personWithoutCase), body: { reason: 'The person phoned the office and asked about their file.' } }),
  },
  {
    method: 'PATCH',
    path: '/api/pdcs/:id/training',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({ params: id(f.pdc.id), body: { version: f.pdc.version, trainingEnd: f.pdc.trainingEnd } }),
  },
  // Issue 10: previews before the actions that re-determine two cases, and the two-attending hold.
  { method: 'GET', path: '/api/two-attending/holds', requires: 'benefits.read', request: () => ({}) },
  {
    method: 'POST',
    path: '/api/pdcs/:id/training/preview',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.pdc.id), body: { trainingEnd: f.pdc.trainingEnd } }),
  },
  // Issue 16: late applications, payments, debts and their recovery (docs/policy/payments.md).
  {
    method: 'PATCH',
    path: '/api/pdcs/:id/application',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({ params: id(f.paymentCase.id), body: { version: f.paymentCase.version, receivedOn: '2026-03-10' } }),
  },
  {
    method: 'GET',
    path: '/api/pdcs/:id/payments',
    requires: 'benefits.read',
    person: 'read',
    request: (f) => ({ params: id(f.paymentCase.id) }),
  },
  {
    method: 'GET',
    path: '/api/payment-runs',
    requires: 'payment.export',
    request: () => ({}),
  },
  {
    method: 'GET',
    path: '/api/payment-runs/:issueDate/export.csv',
    requires: 'payment.export',
    request: () => ({ params: { issueDate: '2026-05-28' } }),
  },
  {
    method: 'PATCH',
    path: '/api/debts/:id/agreement',
    requires: 'evidence.write',
    person: 'write',
    request: (f) => ({ params: id(f.debt.id), body: { version: f.debt.version, receivedOn: f.today } }),
  },
  {
    method: 'POST',
    path: '/api/debts/:id/adjustments',
    requires: 'evidence.approve',
    person: 'write',
    request: (f) => ({ params: id(f.debt.id), body: { direction: 'raise', amount: '5.00', reason: 'Matrix adjustment' } }),
  },
  {
    method: 'POST',
    path: '/api/debt-adjustments/:id/reversal',
    requires: 'evidence.approve',
    person: 'write',
    request: (f) => ({ params: id(f.adjustment.id), body: { reason: 'Entered in error' } }),
  },
];

/** "POST /api/people/:id/cases" */
export const operationName = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

/** The OpenAPI spelling of the path ("/api/people/{id}"). */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/** The URL of a request: path parameters filled in (encoded) and the query string appended. */
export function urlOf(op: Pick<Operation, 'path'>, request: OperationRequest): string {
  const path = op.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new Error(`${op.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(request.query ?? {})).toString();
  return query ? `${path}?${query}` : path;
}

/** Allowed or refused by the permission table alone (ownership rules aside). */
export function expectedOutcome(op: Pick<Operation, 'requires'>, role: Role): 'allowed' | 'refused' {
  if (op.requires === 'public' || op.requires === 'signed-in') return 'allowed';
  const allowed: readonly Role[] = PERMISSIONS[op.requires];
  return allowed.includes(role) ? 'allowed' : 'refused';
}

export type ExpectedAnswer =
  | { readonly outcome: 'allowed' }
  | {
      readonly outcome: 'refused';
      readonly status: 401 | 403;
      readonly code: string;
      readonly because: 'sign-in' | 'permission' | OwnershipRuleName;
    };

/**
 * The answer a caller should get for the operation's fixture request: anonymous callers are
 * refused with 401 unless the operation is public; then the permission table decides; then the
 * ownership rule, against the fixture, whose record the `holder` role's user holds.
 */
export function expectedAnswer(op: Operation, role: Role | null): ExpectedAnswer {
  if (role === null) {
    return op.requires === 'public'
      ? { outcome: 'allowed' }
      : { outcome: 'refused', status: 401, code: 'UNAUTHENTICATED', because: 'sign-in' };
  }
  if (expectedOutcome(op, role) === 'refused') return { outcome: 'refused', status: 403, code: 'FORBIDDEN', because: 'permission' };
  if (op.ownership && role !== op.ownership.holder) {
    const rule = OWNERSHIP_RULES[op.ownership.rule];
    if (!rule.bypass.includes(role)) return { outcome: 'refused', status: rule.status, code: rule.code, because: op.ownership.rule };
  }
  return { outcome: 'allowed' };
}

/** Every role, for walking the table. */
export const MATRIX_ROLES: readonly Role[] = ROLES;
