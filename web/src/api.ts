/**
 * A small typed client for the Waypoint HTTP API (docs/api.md). Every failure is thrown as a
 * `ProblemError` carrying the server's problem+json, so pages can show `detail`, map `errors[]`
 * to fields and react to a stable `code`.
 */
import type {
  AcceptanceMethod,
  Assessment,
  AuditEvent,
  CaseloadTransfer,
  Channel,
  DeterminationPreview,
  EvidenceInput,
  EvidenceRecord,
  EvidenceType,
  DetailKind,
  DetailValues,
  Household,
  Id,
  IntegratedCase,
  Interaction,
  IsoDate,
  Need,
  OutcomeKind,
  Person,
  PersonSearchPage,
  PersonSummary,
  PlanItemCatalogue,
  PdcSummary,
  PdcView,
  Problem,
  ProductDeliveryCase,
  Reassessment,
  Reconciliation,
  RegisterPerson,
  Relationship,
  RelationshipKind,
  ServicePlan,
  ServicePlanReadiness,
  ServicePlanSummary,
  SimulationResult,
  SituationConfirmed,
  CasePreview,
  PaymentHold,
  TrainingPreview,
  Task,
  TrainingChange,
  TrainingLoad,
  TwoAttendingSituation,
  User,
} from './types.ts';

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

type Query = Record<string, string | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
  };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: body.status ?? response.status };
  } catch {
    return fallback;
  }
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ProblemError({
      title: 'Waypoint could not be reached',
      status: 0,
      code: 'NETWORK_ERROR',
      detail: 'Waypoint could not be reached. Check your connection and try again.',
    });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && path !== '/api/session') unauthorizedHandler?.();
    throw new ProblemError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// Session

export async function getSession(): Promise<User | null> {
  try {
    const { user } = await request<{ user: User }>('GET', '/api/session');
    return user;
  } catch (error) {
    if (isProblem(error) && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(username: string, password: string): Promise<User> {
  const { user } = await request<{ user: User }>('POST', '/api/session', { username, password });
  return user;
}

export function signOut(): Promise<void> {
  return request<void>('DELETE', '/api/session');
}

export function changePassword(currentPassword: string, newPassword: string): Promise<{ changed: true }> {
  return request<{ changed: true }>('POST', '/api/session/password', { currentPassword, newPassword });
}

// People

/** One page of a person search: each hit says whether the user may open it or must break the glass. */
export function searchPeople(q: string, birthDate: string, offset = 0): Promise<PersonSearchPage> {
  return request<PersonSearchPage>('GET', '/api/people', undefined, { q, birthDate, ...(offset > 0 && { offset: String(offset) }) });
}

/** Break-glass: read a person outside the caseload, with a reason (logged and reviewed). */
export function breakGlass(personId: string, reason: string): Promise<{ personId: string; reason: string; expiresAt: string }> {
  return request('POST', `/api/people/${encodeURIComponent(personId)}/break-glass`, { reason });
}

export function registerPerson(body: RegisterPerson): Promise<Person> {
  return request<Person>('POST', '/api/people', body);
}

export function getPerson(id: Id, asOf?: IsoDate): Promise<Person> {
  return request<Person>('GET', `/api/people/${encodeURIComponent(id)}`, undefined, { asOf });
}

export function recordDetail<K extends DetailKind>(
  id: Id,
  body: { version: number; kind: K; value: DetailValues[K]; effectiveFrom: IsoDate; acknowledgeLisWarning?: boolean },
): Promise<Person> {
  return request<Person>('POST', `/api/people/${encodeURIComponent(id)}/details`, body);
}

/** Correct a name or date of birth (a keying mistake, not a change over time). */
export function correctPerson(
  id: Id,
  body: { version: number; givenName?: string; familyName?: string; birthDate?: IsoDate; acknowledgeLisWarning?: boolean },
): Promise<Person> {
  return request<Person>('PATCH', `/api/people/${encodeURIComponent(id)}`, body);
}

export function getHousehold(id: Id, asOf?: IsoDate): Promise<Household> {
  return request<Household>('GET', `/api/people/${encodeURIComponent(id)}/household`, undefined, { asOf });
}

export function getReadiness(id: Id): Promise<ServicePlanReadiness> {
  return request<ServicePlanReadiness>('GET', `/api/people/${encodeURIComponent(id)}/service-plan-readiness`);
}

// Relationships

export function addRelationship(body: {
  kind: RelationshipKind;
  subtype: string;
  personId: Id;
  relatedPersonId: Id;
  startDate: IsoDate;
  endDate?: IsoDate;
}): Promise<Relationship> {
  return request<Relationship>('POST', '/api/relationships', body);
}

export function endRelationship(id: Id, body: { version: number; endDate: IsoDate }): Promise<Relationship> {
  return request<Relationship>('PATCH', `/api/relationships/${encodeURIComponent(id)}`, body);
}

// Integrated Cases and assessments

export function openCase(personId: Id, openedOn?: IsoDate): Promise<IntegratedCase> {
  return request<IntegratedCase>('POST', `/api/people/${encodeURIComponent(personId)}/cases`, openedOn ? { openedOn } : {});
}

export function closeCase(id: Id, body: { version: number; closedOn: IsoDate; reason: string }): Promise<IntegratedCase> {
  return request<IntegratedCase>('POST', `/api/cases/${encodeURIComponent(id)}/close`, body);
}

export function reopenCase(id: Id, body: { version: number }): Promise<IntegratedCase> {
  return request<IntegratedCase>('POST', `/api/cases/${encodeURIComponent(id)}/reopen`, body);
}

export function startAssessment(caseId: Id, body: { needs: string[]; primaryNeed?: string; notes?: string }): Promise<Assessment> {
  return request<Assessment>('POST', `/api/cases/${encodeURIComponent(caseId)}/assessments`, body);
}

export function completeAssessment(
  id: Id,
  body: { version: number; needs: string[]; primaryNeed: string; completedOn?: IsoDate },
): Promise<Assessment> {
  return request<Assessment>('POST', `/api/assessments/${encodeURIComponent(id)}/complete`, body);
}

export async function getNeeds(): Promise<Need[]> {
  const { needs } = await request<{ needs: Need[] }>('GET', '/api/catalogues/needs');
  return needs;
}

// Audit

export async function getAudit(recordType: string, recordId: Id): Promise<AuditEvent[]> {
  const { events } = await request<{ events: AuditEvent[] }>('GET', '/api/audit', undefined, { recordType, recordId });
  return events;
}

// Users (supervisors and administrators)

export async function listUsers(): Promise<User[]> {
  const { users } = await request<{ users: User[] }>('GET', '/api/users');
  return users;
}

// Service Plans (R03)

const planPath = (id: Id) => `/api/service-plans/${encodeURIComponent(id)}`;
const itemPath = (id: Id) => `/api/plan-items/${encodeURIComponent(id)}`;

export async function listPlansOf(personId: Id): Promise<ServicePlanSummary[]> {
  const { plans } = await request<{ plans: ServicePlanSummary[] }>('GET', `/api/people/${encodeURIComponent(personId)}/service-plans`);
  return plans;
}

export function createPlan(personId: Id): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `/api/people/${encodeURIComponent(personId)}/service-plans`, {});
}

export function getPlan(id: Id): Promise<ServicePlan> {
  return request<ServicePlan>('GET', planPath(id));
}

/** The agreement as a PDF, downloaded by the browser (a plain link: the session cookie goes with it). */
export function agreementPdfUrl(id: Id): string {
  return `${planPath(id)}/agreement.pdf`;
}

export function acceptPlan(id: Id, body: { version: number; acceptedOn: IsoDate; method: AcceptanceMethod }): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${planPath(id)}/accept`, body);
}

export function closePlan(id: Id, body: { version: number; closedOn: IsoDate; reason: string; note?: string }): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${planPath(id)}/close`, body);
}

export function addSubGoal(planId: Id, type: string): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${planPath(planId)}/sub-goals`, { type });
}

export function addPlanItem(
  planId: Id,
  body: { subGoalId: Id; type: string; customName?: string; description?: string; expectedStart: IsoDate; expectedEnd: IsoDate },
): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${planPath(planId)}/items`, body);
}

export function updatePlanItem(
  id: Id,
  body: { version: number; expectedStart?: IsoDate; expectedEnd?: IsoDate; actualStart?: IsoDate | null; description?: string },
): Promise<ServicePlan> {
  return request<ServicePlan>('PATCH', itemPath(id), body);
}

export function completePlanItem(
  id: Id,
  body: { version: number; outcome: OutcomeKind | null; goodCauseReason?: string; actualStart?: IsoDate; actualEnd: IsoDate | null },
): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${itemPath(id)}/complete`, body);
}

export function reassignPlanItem(id: Id, body: { version: number; ownerId: Id }): Promise<ServicePlan> {
  return request<ServicePlan>('POST', `${itemPath(id)}/reassign`, body);
}

export function fundPlanItem(id: Id, body: { trainingLoad: TrainingLoad; coordinatorId?: Id }): Promise<ProductDeliveryCase> {
  return request<ProductDeliveryCase>('POST', `${itemPath(id)}/pdc`, body);
}

export function getPlanItemCatalogue(): Promise<PlanItemCatalogue> {
  return request<PlanItemCatalogue>('GET', '/api/catalogues/plan-items');
}

// Contacts with a person

export async function listInteractions(personId: Id): Promise<Interaction[]> {
  const { interactions } = await request<{ interactions: Interaction[] }>('GET', `/api/people/${encodeURIComponent(personId)}/interactions`);
  return interactions;
}

export function recordInteraction(personId: Id, body: { occurredOn: IsoDate; channel: Channel; note?: string }): Promise<Interaction> {
  return request<Interaction>('POST', `/api/people/${encodeURIComponent(personId)}/interactions`, body);
}

// Worklist

export async function listTasks(): Promise<Task[]> {
  const { tasks } = await request<{ tasks: Task[] }>('GET', '/api/tasks');
  return tasks;
}

export async function countTasks(): Promise<number> {
  const { open } = await request<{ open: number }>('GET', '/api/tasks/count');
  return open;
}

export function completeTask(id: Id, body: { version: number }): Promise<unknown> {
  return request<unknown>('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, body);
}

export function assignTask(id: Id, body: { version: number; assigneeId: Id }): Promise<unknown> {
  return request<unknown>('POST', `/api/tasks/${encodeURIComponent(id)}/assign`, body);
}

export function transferCaseload(body: { fromUserId: Id; toUserId: Id }): Promise<CaseloadTransfer> {
  return request<CaseloadTransfer>('POST', '/api/caseloads/transfer', body);
}

// Learner benefits (docs/api.md "Learner benefits")

const pdcPath = (id: Id) => `/api/pdcs/${encodeURIComponent(id)}`;
const evidenceVersionPath = (id: Id) => `/api/evidence-versions/${encodeURIComponent(id)}`;

export async function listPdcsOf(personId: Id): Promise<PdcSummary[]> {
  const { pdcs } = await request<{ pdcs: PdcSummary[] }>('GET', `/api/people/${encodeURIComponent(personId)}/pdcs`);
  return pdcs;
}

export function getPdc(id: Id): Promise<PdcView> {
  return request<PdcView>('GET', pdcPath(id));
}

export async function listEvidence(pdcId: Id): Promise<EvidenceRecord[]> {
  const { evidence } = await request<{ evidence: EvidenceRecord[] }>('GET', `${pdcPath(pdcId)}/evidence`);
  return evidence;
}

export async function getEvidenceTypes(): Promise<EvidenceType[]> {
  const { evidenceTypes } = await request<{ evidenceTypes: EvidenceType[] }>('GET', '/api/catalogues/evidence-types');
  return evidenceTypes;
}

export function addEvidence(
  pdcId: Id,
  body: EvidenceInput & { type: string; periodStart: IsoDate; periodEnd?: IsoDate | null },
): Promise<{ evidenceId: Id; versionId: Id }> {
  return request('POST', `${pdcPath(pdcId)}/evidence`, body);
}

/** A correction: the value was wrong for the same period. */
export function correctEvidence(versionId: Id, body: EvidenceInput & { version: number }): Promise<{ evidenceId: Id; versionId: Id }> {
  return request('POST', `${evidenceVersionPath(versionId)}/correct`, body);
}

/** A change of circumstance: a new value from a date. */
export function changeEvidence(
  evidenceId: Id,
  body: EvidenceInput & { effectiveFrom: IsoDate; periodEnd?: IsoDate | null },
): Promise<{ evidenceId: Id; versionId: Id }> {
  return request('POST', `/api/evidence/${encodeURIComponent(evidenceId)}/change`, body);
}

export function discardEvidenceVersion(versionId: Id, body: { version: number }): Promise<{ versionId: Id; status: string }> {
  return request('POST', `${evidenceVersionPath(versionId)}/discard`, body);
}

export function previewPdc(id: Id): Promise<DeterminationPreview> {
  return request<DeterminationPreview>('GET', `${pdcPath(id)}/preview`);
}

/** The determination with other rates: `{ table: { key: amount } }`. Nothing is saved. */
export function whatIfPdc(id: Id, rates: Record<string, Record<string, string>>): Promise<DeterminationPreview> {
  return request<DeterminationPreview>('POST', `${pdcPath(id)}/what-if`, { rates });
}

export function applyPdcChanges(id: Id): Promise<Reassessment> {
  return request<Reassessment>('POST', `${pdcPath(id)}/apply`, {});
}

export function decideApproval(versionId: Id, body: { version: number; decision: 'approved' | 'rejected'; reason?: string }): Promise<Reassessment> {
  return request<Reassessment>('POST', `${evidenceVersionPath(versionId)}/approval`, body);
}

/** What changing the training dates would do to this case and a partner's: nothing is saved. */
export function previewTraining(id: Id, body: { trainingStart?: IsoDate; trainingEnd: IsoDate }): Promise<TrainingPreview> {
  return request<TrainingPreview>('POST', `${pdcPath(id)}/training/preview`, body);
}

export function changeTraining(id: Id, body: { version: number; trainingStart?: IsoDate; trainingEnd: IsoDate }): Promise<TrainingChange> {
  return request<TrainingChange>('PATCH', `${pdcPath(id)}/training`, body);
}

/** The household calculator: the scenario as docs/scenarios.md describes it. Nothing is saved. */
export function simulate(scenario: unknown): Promise<SimulationResult> {
  return request<SimulationResult>('POST', '/api/simulations', scenario);
}

// Two attending (E04)

export async function listSituations(filter: { personId?: Id; status?: string } = {}): Promise<TwoAttendingSituation[]> {
  const { situations } = await request<{ situations: TwoAttendingSituation[] }>('GET', '/api/two-attending', undefined, filter);
  return situations;
}

export function getReconciliation(id: Id): Promise<Reconciliation> {
  return request<Reconciliation>('GET', `/api/two-attending/${encodeURIComponent(id)}/reconciliation`);
}

/** What confirming would do to both cases: nothing is saved. */
export function previewConfirmation(id: Id): Promise<{ situation: TwoAttendingSituation; cases: CasePreview[] }> {
  return request('GET', `/api/two-attending/${encodeURIComponent(id)}/preview`);
}

/** Months held while two attending awaits confirmation. */
export async function listHolds(): Promise<PaymentHold[]> {
  const { holds } = await request<{ holds: PaymentHold[] }>('GET', '/api/two-attending/holds');
  return holds;
}

export function confirmSituation(id: Id, body: { version: number }): Promise<SituationConfirmed> {
  return request<SituationConfirmed>('POST', `/api/two-attending/${encodeURIComponent(id)}/confirm`, body);
}
