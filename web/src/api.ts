/**
 * A small typed client for the Waypoint HTTP API (docs/api.md). Every failure is thrown as a
 * `ProblemError` carrying the server's problem+json, so pages can show `detail`, map `errors[]`
 * to fields and react to a stable `code`.
 */

import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api-schema.ts';
import type {
  AcceptanceMethod,
  AccessLogPage,
  Assessment,
  AuditChainStatus,
  AuditEvent,
  AuditPage,
  BodyOf,
  Caseload,
  CaseloadTransfer,
  CaseloadTransferPreview,
  CasePreview,
  Channel,
  DetailKind,
  DetailValues,
  DeterminationPreview,
  EvidenceInput,
  EvidenceRecord,
  EvidenceType,
  Household,
  Id,
  IntegratedCase,
  Interaction,
  IsoDate,
  JobSummary,
  JobWithRuns,
  LearningStreams,
  Need,
  OutcomeKind,
  PaymentHold,
  PdcSummary,
  PdcView,
  Person,
  PersonSearchPage,
  PlanItemCatalogue,
  Problem,
  ProductDeliveryCase,
  Reassessment,
  Reconciliation,
  RegisterPerson,
  RelationshipKind,
  ServicePlan,
  ServicePlanReadiness,
  ServicePlanSummary,
  SimulationResult,
  SituationConfirmed,
  SituationStatus,
  Task,
  TaskPage,
  TaskQuery,
  TeamDashboard,
  TeamList,
  TrainingChange,
  TrainingExceptionGround,
  TrainingExceptionKind,
  TrainingLoad,
  TrainingPreview,
  TwoAttendingSituation,
  User,
} from './types.ts';

type DetailBody = BodyOf<'/api/people/{id}/details', 'post'>;
type ClosePlanBody = BodyOf<'/api/service-plans/{id}/close', 'post'>;
type SimulationBody = BodyOf<'/api/simulations', 'post'>;
/** The record types audit events are written for (the server's one list, src/app/audit.ts). */
export type AuditRecordType = NonNullable<NonNullable<paths['/api/audit']['get']['parameters']['query']>['recordType']>;
type RelationshipRecord = components['schemas']['Relationship'];
type RecordedInteraction = components['schemas']['RecordedInteraction'];

export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

export function isProblem(error: unknown, code?: string): error is ProblemError {
  return error instanceof ProblemError && (code === undefined || error.problem.code === code);
}

/** Called when the server says the session is gone (401 on anything but signing in). */
let unauthorizedHandler: (() => void) | null = null;
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

/** The API's operations, typed from the OpenAPI document (web/src/generated/api-schema.ts). */
const client = createClient<paths>({ credentials: 'same-origin', headers: { accept: 'application/json' } });

/** A query without its empty fields (an empty search box sends nothing). */
function present<Q extends Record<string, string | undefined>>(query: Q): Partial<Q> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) as Partial<Q>;
}

function toProblem(response: Response, body: unknown): Problem {
  const fallback: Problem = {
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
  };
  if (typeof body !== 'object' || body === null) return fallback;
  const problem = body as Partial<Problem>;
  return { ...fallback, ...problem, status: problem.status ?? response.status };
}

/**
 * The answer of an openapi-fetch call, or a thrown ProblemError: the server's problem+json, or one
 * saying the server could not be reached. A 401 (but signing in) tells the session it is gone.
 */
async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ProblemError({
      title: 'Waypoint could not be reached',
      status: 0,
      code: 'NETWORK_ERROR',
      detail: 'Waypoint could not be reached. Check your connection and try again.',
    });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    if (response.status === 401 && new URL(response.url, 'http://waypoint.invalid').pathname !== '/api/session') unauthorizedHandler?.();
    throw new ProblemError(toProblem(response, error));
  }
  return data as T;
}

const id = (value: Id) => ({ path: { id: value } });

// Session

/** Who is signed in, and the ministry's today by the server's clock (GET and POST /api/session). */
export interface Session {
  readonly user: User;
  readonly today: string;
}

export async function getSession(): Promise<Session | null> {
  try {
    return await answer(client.GET('/api/session'));
  } catch (error) {
    if (isProblem(error) && error.status === 401) return null;
    throw error;
  }
}

export function signIn(username: string, password: string): Promise<Session> {
  return answer(client.POST('/api/session', { body: { username, password } }));
}

export async function signOut(): Promise<void> {
  await answer(client.DELETE('/api/session'));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<{ changed: true }> {
  await answer(client.POST('/api/session/password', { body: { currentPassword, newPassword } }));
  return { changed: true };
}

// People

/** One page of a person search: each hit says whether the user may open it or must break the glass. */
export function searchPeople(q: string, birthDate: string, offset = 0): Promise<PersonSearchPage> {
  return answer(client.GET('/api/people', { params: { query: { ...present({ q, birthDate }), ...(offset > 0 && { offset }) } } }));
}

/** Break-glass: read a person outside the caseload, with a reason (logged and reviewed). */
export function breakGlass(personId: string, reason: string): Promise<{ personId: string; reason: string; expiresAt: string }> {
  return answer(client.POST('/api/people/{id}/break-glass', { params: id(personId), body: { reason } }));
}

/** `key`: the form's Idempotency-Key, the same for every try of one registration, so that a retry never registers the person twice. */
export function registerPerson(body: RegisterPerson, key: string): Promise<Person> {
  return answer(client.POST('/api/people', { params: { header: { 'idempotency-key': key } }, body }));
}

export function getPerson(personId: Id, asOf?: IsoDate): Promise<Person> {
  return answer(client.GET('/api/people/{id}', { params: { ...id(personId), query: present({ asOf }) } }));
}

export function recordDetail<K extends DetailKind>(
  personId: Id,
  body: { version: number; kind: K; value: DetailValues[K]; effectiveFrom: IsoDate; acknowledgeLisWarning?: boolean },
): Promise<Person> {
  // One kind at a time: the generic body is the document's union for that kind.
  return answer(client.POST('/api/people/{id}/details', { params: id(personId), body: body as DetailBody }));
}

/** Correct a name or date of birth (a keying mistake, not a change over time). */
export function correctPerson(
  personId: Id,
  body: { version: number; givenName?: string; familyName?: string; birthDate?: IsoDate; acknowledgeLisWarning?: boolean },
): Promise<Person> {
  return answer(client.PATCH('/api/people/{id}', { params: id(personId), body }));
}

export function getHousehold(personId: Id, asOf?: IsoDate): Promise<Household> {
  return answer(client.GET('/api/people/{id}/household', { params: { ...id(personId), query: present({ asOf }) } }));
}

export function getReadiness(personId: Id): Promise<ServicePlanReadiness> {
  return answer(client.GET('/api/people/{id}/service-plan-readiness', { params: id(personId) }));
}

// Relationships

export function addRelationship(body: {
  kind: RelationshipKind;
  subtype: string;
  personId: Id;
  relatedPersonId: Id;
  startDate: IsoDate;
  endDate?: IsoDate;
}): Promise<RelationshipRecord> {
  return answer(client.POST('/api/relationships', { body }));
}

export function endRelationship(relationshipId: Id, body: { version: number; endDate: IsoDate }): Promise<RelationshipRecord> {
  return answer(client.PATCH('/api/relationships/{id}', { params: id(relationshipId), body }));
}

// Integrated Cases and assessments

export function openCase(personId: Id, openedOn?: IsoDate): Promise<IntegratedCase> {
  return answer(client.POST('/api/people/{id}/cases', { params: id(personId), body: openedOn ? { openedOn } : {} }));
}

export function closeCase(caseId: Id, body: { version: number; closedOn: IsoDate; reason: string }): Promise<IntegratedCase> {
  return answer(client.POST('/api/cases/{id}/close', { params: id(caseId), body }));
}

export function reopenCase(caseId: Id, body: { version: number }): Promise<IntegratedCase> {
  return answer(client.POST('/api/cases/{id}/reopen', { params: id(caseId), body }));
}

export function startAssessment(caseId: Id, body: { needs: string[]; primaryNeed?: string; notes?: string }): Promise<Assessment> {
  return answer(client.POST('/api/cases/{id}/assessments', { params: id(caseId), body }));
}

export function completeAssessment(
  assessmentId: Id,
  body: { version: number; needs: string[]; primaryNeed: string; completedOn?: IsoDate },
): Promise<Assessment> {
  return answer(client.POST('/api/assessments/{id}/complete', { params: id(assessmentId), body }));
}

export async function getNeeds(): Promise<Need[]> {
  const { needs } = await answer(client.GET('/api/catalogues/needs'));
  return needs;
}

// Audit

export async function getAudit(recordType: string, recordId: Id): Promise<AuditEvent[]> {
  const query = { recordType: recordType as AuditRecordType, recordId };
  const { events } = await answer(client.GET('/api/audit', { params: { query } }));
  return events;
}

// Users (supervisors and administrators)

export async function listUsers(): Promise<User[]> {
  const { users } = await answer(client.GET('/api/users'));
  return users;
}

// Accounts (administrators)

export type Account = components['schemas']['Account'];
export type AccountList = components['schemas']['AccountList'];
export type NewAccount = BodyOf<'/api/users', 'post'>;
export type AccountChange = BodyOf<'/api/users/{id}', 'patch'>;

/** One page of accounts whose username or name contains `q`. */
export function searchAccounts(q: string, offset: number, limit: number): Promise<AccountList> {
  return answer(client.GET('/api/users', { params: { query: { ...present({ q }), limit, ...(offset > 0 && { offset }) } } }));
}

export function createAccount(body: NewAccount): Promise<User> {
  return answer(client.POST('/api/users', { body }));
}

/** Roles, active or unlocked: the server audits each change. */
export function updateAccount(userId: Id, body: AccountChange): Promise<Account> {
  return answer(client.PATCH('/api/users/{id}', { params: id(userId), body }));
}

/** A one-time password, shown once; the account must change it at its next sign-in. */
export function resetAccountPassword(userId: Id): Promise<{ username: string; oneTimePassword: string }> {
  return answer(client.POST('/api/users/{id}/password-reset', { params: id(userId) }));
}

export function revokeAccountSessions(userId: Id): Promise<{ revoked: number }> {
  return answer(client.POST('/api/users/{id}/sessions/revoke', { params: id(userId) }));
}

// Service Plans (R03)

export async function listPlansOf(personId: Id): Promise<ServicePlanSummary[]> {
  const { plans } = await answer(client.GET('/api/people/{id}/service-plans', { params: id(personId) }));
  return plans;
}

export function createPlan(personId: Id): Promise<ServicePlan> {
  return answer(client.POST('/api/people/{id}/service-plans', { params: id(personId) }));
}

export function getPlan(planId: Id): Promise<ServicePlan> {
  return answer(client.GET('/api/service-plans/{id}', { params: id(planId) }));
}

/** The agreement as a PDF, downloaded by the browser (a plain link: the session cookie goes with it). */
export function agreementPdfUrl(planId: Id): string {
  return `/api/service-plans/${encodeURIComponent(planId)}/agreement.pdf`;
}

/** A learner case's determinations as CSV, downloaded by the browser (a plain link: the session cookie goes with it). */
export function determinationsCsvUrl(pdcId: Id): string {
  return `/api/pdcs/${encodeURIComponent(pdcId)}/determinations.csv`;
}

export function acceptPlan(planId: Id, body: { version: number; acceptedOn: IsoDate; method: AcceptanceMethod }): Promise<ServicePlan> {
  return answer(client.POST('/api/service-plans/{id}/accept', { params: id(planId), body }));
}

export function closePlan(planId: Id, body: { version: number; closedOn: IsoDate; reason: string; note?: string }): Promise<ServicePlan> {
  return answer(client.POST('/api/service-plans/{id}/close', { params: id(planId), body: body as ClosePlanBody }));
}

export function addSubGoal(planId: Id, type: string): Promise<ServicePlan> {
  return answer(client.POST('/api/service-plans/{id}/sub-goals', { params: id(planId), body: { type } }));
}

export function addPlanItem(
  planId: Id,
  body: {
    subGoalId: Id;
    type: string;
    customName?: string;
    description?: string;
    expectedStart: IsoDate;
    expectedEnd: IsoDate;
    learningStream?: string;
  },
): Promise<ServicePlan> {
  return answer(client.POST('/api/service-plans/{id}/items', { params: id(planId), body }));
}

export function updatePlanItem(
  itemId: Id,
  body: {
    version: number;
    expectedStart?: IsoDate;
    expectedEnd?: IsoDate;
    actualStart?: IsoDate | null;
    courseLoadPercent?: number | null;
    description?: string;
  },
): Promise<ServicePlan> {
  return answer(client.PATCH('/api/plan-items/{id}', { params: id(itemId), body }));
}

export function completePlanItem(
  itemId: Id,
  body: { version: number; outcome: OutcomeKind | null; goodCauseReason?: string; actualStart?: IsoDate; actualEnd: IsoDate | null },
): Promise<ServicePlan> {
  return answer(client.POST('/api/plan-items/{id}/complete', { params: id(itemId), body }));
}

export function reassignPlanItem(itemId: Id, body: { version: number; ownerId: Id }): Promise<ServicePlan> {
  return answer(client.POST('/api/plan-items/{id}/reassign', { params: id(itemId), body }));
}

export function fundPlanItem(
  itemId: Id,
  body: { trainingLoad: TrainingLoad; coordinatorId?: Id; lowLiteracy?: boolean },
): Promise<ProductDeliveryCase> {
  return answer(client.POST('/api/plan-items/{id}/pdc', { params: id(itemId), body }));
}

// Learner program rules (issue 16): the learning stream counter and training exceptions

export function getLearningStreams(personId: Id): Promise<LearningStreams> {
  return answer(client.GET('/api/people/{id}/learning-streams', { params: id(personId) }));
}

export function recordTrainingException(
  personId: Id,
  body: { kind: TrainingExceptionKind; grounds: TrainingExceptionGround[]; explanation: string; planItemId?: Id },
): Promise<LearningStreams> {
  return answer(client.POST('/api/people/{id}/training-exceptions', { params: id(personId), body }));
}

export function decideTrainingException(
  exceptionId: Id,
  body: { version: number; decision: 'approved' | 'rejected'; note?: string },
): Promise<LearningStreams> {
  return answer(client.POST('/api/training-exceptions/{id}/decision', { params: id(exceptionId), body }));
}

export function getPlanItemCatalogue(): Promise<PlanItemCatalogue> {
  return answer(client.GET('/api/catalogues/plan-items'));
}

// Contacts with a person

export async function listInteractions(personId: Id): Promise<Interaction[]> {
  const { interactions } = await answer(client.GET('/api/people/{id}/interactions', { params: id(personId) }));
  return interactions;
}

/** `key`: the form's Idempotency-Key for this contact, the same for every try of it, so that a retry never records it twice. */
export function recordInteraction(
  personId: Id,
  body: { occurredOn: IsoDate; channel: Channel; note?: string },
  key: string,
): Promise<RecordedInteraction> {
  return answer(client.POST('/api/people/{id}/interactions', { params: { ...id(personId), header: { 'idempotency-key': key } }, body }));
}

// Worklist

/** A worklist page: filtered by queue, type and due window, sorted, paged on the server, with counts per filter value. */
export function listTasks(query: TaskQuery = {}): Promise<TaskPage> {
  return answer(client.GET('/api/tasks', { params: { query } }));
}

/** The first `limit` of my open tasks, soonest due first (the home page's short list). */
export async function listMyFirstTasks(limit: number): Promise<Task[]> {
  const { tasks } = await answer(client.GET('/api/tasks', { params: { query: { status: 'open', scope: 'mine', limit } } }));
  return tasks;
}

export async function countTasks(): Promise<number> {
  const { open } = await answer(client.GET('/api/tasks/count'));
  return open;
}

export function completeTask(taskId: Id, body: { version: number }): Promise<unknown> {
  return answer(client.POST('/api/tasks/{id}/complete', { params: id(taskId), body }));
}

export function assignTask(taskId: Id, body: { version: number; assigneeId: Id }): Promise<unknown> {
  return answer(client.POST('/api/tasks/{id}/assign', { params: id(taskId), body }));
}

export function transferCaseload(body: { fromUserId: Id; toUserId: Id }): Promise<CaseloadTransfer> {
  return answer(client.POST('/api/caseloads/transfer', { body }));
}

export function previewCaseloadTransfer(body: { fromUserId: Id; toUserId: Id }): Promise<CaseloadTransferPreview> {
  return answer(client.POST('/api/caseloads/transfer/preview', { body }));
}

export function teamDashboard(offset = 0): Promise<TeamDashboard> {
  return answer(client.GET('/api/team', { params: { query: { offset } } }));
}

/** One of the team dashboard's lists of open tasks, every worklist's (supervisor). */
export async function listTeamTasks(list: TeamList, offset = 0): Promise<Task[]> {
  const { tasks } = await answer(client.GET('/api/tasks', { params: { query: { scope: 'all', list, offset } } }));
  return tasks;
}

export async function listJobs(): Promise<JobWithRuns[]> {
  const { jobs } = await answer(client.GET('/api/jobs'));
  return jobs;
}

export function runJob(name: string): Promise<JobSummary> {
  return answer(client.POST('/api/jobs/{name}/run', { params: { path: { name } } }));
}

/** The open plan items and tasks I own (what a caseload transfer gave me shows here). */
export function myOwnedWork(): Promise<Caseload> {
  return answer(client.GET('/api/caseloads/mine'));
}

// Learner benefits (docs/api.md "Learner benefits")

export async function listPdcsOf(personId: Id): Promise<PdcSummary[]> {
  const { pdcs } = await answer(client.GET('/api/people/{id}/pdcs', { params: id(personId) }));
  return pdcs;
}

export function getPdc(pdcId: Id): Promise<PdcView> {
  return answer(client.GET('/api/pdcs/{id}', { params: id(pdcId) }));
}

export async function listEvidence(pdcId: Id): Promise<EvidenceRecord[]> {
  const { evidence } = await answer(client.GET('/api/pdcs/{id}/evidence', { params: id(pdcId) }));
  return evidence;
}

export async function getEvidenceTypes(): Promise<EvidenceType[]> {
  const { evidenceTypes } = await answer(client.GET('/api/catalogues/evidence-types'));
  return evidenceTypes;
}

/** `key`: the form's Idempotency-Key, the same for every try of one piece of evidence, so that a retry never adds it twice. */
export function addEvidence(
  pdcId: Id,
  body: EvidenceInput & { type: string; periodStart: IsoDate; periodEnd?: IsoDate | null },
  key: string,
): Promise<{ evidenceId: Id; versionId: Id }> {
  return answer(client.POST('/api/pdcs/{id}/evidence', { params: { ...id(pdcId), header: { 'idempotency-key': key } }, body }));
}

/** A correction: the value was wrong for the same period. */
export function correctEvidence(versionId: Id, body: EvidenceInput & { version: number }): Promise<{ evidenceId: Id; versionId: Id }> {
  return answer(client.POST('/api/evidence-versions/{id}/correct', { params: id(versionId), body }));
}

/** A change of circumstance: a new value from a date. */
export function changeEvidence(
  evidenceId: Id,
  body: EvidenceInput & { effectiveFrom: IsoDate; periodEnd?: IsoDate | null },
): Promise<{ evidenceId: Id; versionId: Id }> {
  return answer(client.POST('/api/evidence/{id}/change', { params: id(evidenceId), body }));
}

export function discardEvidenceVersion(versionId: Id, body: { version: number }): Promise<{ versionId: Id; status: string }> {
  return answer(client.POST('/api/evidence-versions/{id}/discard', { params: id(versionId), body }));
}

export function previewPdc(pdcId: Id): Promise<DeterminationPreview> {
  return answer(client.GET('/api/pdcs/{id}/preview', { params: id(pdcId) }));
}

/** The determination with other rates: `{ table: { key: amount } }`. Nothing is saved. */
export function whatIfPdc(pdcId: Id, rates: Record<string, Record<string, string>>): Promise<DeterminationPreview> {
  return answer(client.POST('/api/pdcs/{id}/what-if', { params: id(pdcId), body: { rates } }));
}

export function applyPdcChanges(pdcId: Id): Promise<Reassessment> {
  return answer(client.POST('/api/pdcs/{id}/apply', { params: id(pdcId) }));
}

export function decideApproval(
  versionId: Id,
  body: { version: number; decision: 'approved' | 'rejected'; reason?: string },
): Promise<Reassessment> {
  return answer(client.POST('/api/evidence-versions/{id}/approval', { params: id(versionId), body }));
}

/** What changing the training dates would do to this case and a partner's: nothing is saved. */
export function previewTraining(pdcId: Id, body: { trainingStart?: IsoDate; trainingEnd: IsoDate }): Promise<TrainingPreview> {
  return answer(client.POST('/api/pdcs/{id}/training/preview', { params: id(pdcId), body }));
}

export function changeTraining(
  pdcId: Id,
  body: { version: number; trainingStart?: IsoDate; trainingEnd: IsoDate },
): Promise<TrainingChange> {
  return answer(client.PATCH('/api/pdcs/{id}/training', { params: id(pdcId), body }));
}

// Payments and debts (issue 16, docs/policy/payments.md)
type PaymentSchemas = components['schemas'];

export function recordApplication(
  pdcId: Id,
  body: { version: number; receivedOn: IsoDate | null },
): Promise<PaymentSchemas['ApplicationRecorded']> {
  return answer(client.PATCH('/api/pdcs/{id}/application', { params: id(pdcId), body }));
}

export function getPayments(pdcId: Id): Promise<PaymentSchemas['PaymentsView']> {
  return answer(client.GET('/api/pdcs/{id}/payments', { params: id(pdcId) }));
}

export function recordAgreement(debtId: Id, body: { version: number; receivedOn: IsoDate }): Promise<PaymentSchemas['DebtAgreement']> {
  return answer(client.PATCH('/api/debts/{id}/agreement', { params: id(debtId), body }));
}

/**
 * A new Idempotency-Key (docs/api.md "Retrying a write"): 128 random bits as hex, from
 * `crypto.getRandomValues`, which (unlike `randomUUID`) a page served over plain HTTP also has.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A signed adjustment to what a debt owes, with its reason (Learner Benefit Specialists). `key`: the
 * form's Idempotency-Key, the same for every try of one adjustment, so that a retry is never a second one.
 */
export function adjustDebt(
  debtId: Id,
  body: { direction: 'raise' | 'lower'; amount: string; reason: string },
  key: string,
): Promise<PaymentSchemas['DebtAdjustment']> {
  return answer(client.POST('/api/debts/{id}/adjustments', { params: { ...id(debtId), header: { 'idempotency-key': key } }, body }));
}

export function reverseAdjustment(adjustmentId: Id, body: { reason: string }): Promise<PaymentSchemas['DebtAdjustment']> {
  return answer(client.POST('/api/debt-adjustments/{id}/reversal', { params: id(adjustmentId), body }));
}

/** The payment runs, newest first, with their counts and net totals, whole or within the reader's reach (GET /api/payment-runs). */
export function listPaymentRuns(limit: number): Promise<PaymentSchemas['PaymentRuns']> {
  return answer(client.GET('/api/payment-runs', { params: { query: { limit } } }));
}

/** The address of a payment run's export (a download link): `payment-run-DATE.csv`, whole or within the reader's reach. */
export function paymentRunCsvUrl(issueDate: IsoDate): string {
  return `/api/payment-runs/${encodeURIComponent(issueDate)}/export.csv`;
}

/** The household calculator: the scenario as docs/scenarios.md describes it (checked by the server, not here). Nothing is saved. */
export function simulate(scenario: unknown): Promise<SimulationResult> {
  return answer(client.POST('/api/simulations', { body: scenario as SimulationBody }));
}

// Two attending (E04)

export async function listSituations(filter: { personId?: Id; status?: string } = {}): Promise<TwoAttendingSituation[]> {
  const query = present(filter) as { personId?: Id; status?: SituationStatus };
  const { situations } = await answer(client.GET('/api/two-attending', { params: { query } }));
  return situations;
}

export function getReconciliation(situationId: Id): Promise<Reconciliation> {
  return answer(client.GET('/api/two-attending/{id}/reconciliation', { params: id(situationId) }));
}

/** What confirming would do to both cases: nothing is saved. */
export function previewConfirmation(situationId: Id): Promise<{ situation: TwoAttendingSituation; cases: CasePreview[] }> {
  return answer(client.GET('/api/two-attending/{id}/preview', { params: id(situationId) }));
}

/** Months held while two attending awaits confirmation. */
export async function listHolds(): Promise<PaymentHold[]> {
  const { holds } = await answer(client.GET('/api/two-attending/holds'));
  return holds;
}

export function confirmSituation(situationId: Id, body: { version: number }): Promise<SituationConfirmed> {
  return answer(client.POST('/api/two-attending/{id}/confirm', { params: id(situationId), body }));
}

// The auditors' page (/audit): the whole audit trail, its CSV export, the chain's status, the access log

/** What an auditor searches the trail by; empty fields are left out. */
export interface AuditFilters {
  reference?: string;
  person?: string;
  actor?: string;
  action?: string;
  from?: IsoDate;
  to?: IsoDate;
}

export function searchAuditTrail(filters: AuditFilters, cursor?: number): Promise<AuditPage> {
  const query = { ...present({ ...filters }), limit: 25, ...(cursor !== undefined && { cursor }) };
  return answer(client.GET('/api/audit', { params: { query } }));
}

/** The address of the search's CSV export (a download link; the same filters). */
export function auditExportHref(filters: AuditFilters): string {
  const query = new URLSearchParams(present({ ...filters }) as Record<string, string>);
  return `/api/audit/export.csv${query.size ? `?${query}` : ''}`;
}

export function getAuditChainStatus(): Promise<AuditChainStatus> {
  return answer(client.GET('/api/audit/chain'));
}

export function searchAccessLog(reference: string, before?: number): Promise<AccessLogPage> {
  const query = { ...present({ reference }), limit: 25, ...(before !== undefined && { before }) };
  return answer(client.GET('/api/access-log', { params: { query } }));
}

// My work (home page)

export type CaseloadFilter = NonNullable<paths['/api/caseload']['get']['parameters']['query']>;

/** One page of my caseload, soonest next due date first. */
export function myCaseload(filter: CaseloadFilter): Promise<components['schemas']['CaseloadPage']> {
  return answer(client.GET('/api/caseload', { params: { query: filter } }));
}

/** The people I opened lately, most recent first. */
export function recentlyViewed(limit: number, offset = 0): Promise<components['schemas']['RecentlyViewedPage']> {
  return answer(client.GET('/api/recently-viewed', { params: { query: { limit, ...(offset > 0 && { offset }) } } }));
}
