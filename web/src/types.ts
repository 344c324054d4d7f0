/**
 * Shapes of the HTTP contract as the UI uses them: the server's OpenAPI document is the authority,
 * and these are its schemas (web/src/generated/api-schema.ts, `npm run gen:api`) under the names
 * the pages use. The UI displays what it is given and never derives policy from it.
 */
import type { components, paths } from './generated/api-schema.ts';

export { PERMISSIONS, type Permission } from '../../src/app/permission-table.ts';
export { ROLES, type Role, roleSetProblem } from '../../src/app/roles.ts';

type Schemas = components['schemas'];
/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type IsoDate = string;
export type Id = string;

export type User = Schemas['User'];
export type FieldProblem = Schemas['FieldProblem'];

/** A possibly duplicate registration and why it was suggested ("names swapped", "dates of birth one month apart"...). */
export interface DuplicateCandidate extends PersonSummary {
  reasons: { code: string; text: string }[];
}

/**
 * RFC 9457 problem details with Waypoint's members, as the UI holds them: the server's Problem, or
 * one the client makes itself when the server cannot be reached (status 0) or answers no problem.
 */
export type Problem = Partial<Schemas['Problem']> & {
  title: string;
  status: number;
  /** Only on 409 POSSIBLE_DUPLICATE: each candidate with why it was suggested. */
  candidates?: DuplicateCandidate[];
  [extension: string]: unknown;
};

// People
export type PersonSummary = Schemas['PersonSummary'];
/** A search hit: 'break-glass' when the person is not on the user's caseload (docs/access-control.md). */
export type PersonHit = Schemas['PersonHit'];
export type PersonSearchPage = Schemas['PersonSearchPage'];
export type Person = Schemas['Person'];
export type Household = Schemas['Household'];
export type RegisterPerson = BodyOf<'/api/people', 'post'>;

export type Address = Schemas['AddressValue'];
export type Education = Schemas['EducationValue'];
export type Employment = Schemas['EmploymentValue'];
export type DetailValues = Required<Schemas['CurrentDetails']>;
export type DetailKind = keyof DetailValues;
export type DetailHistory = Schemas['DetailHistory'];
export type Entry<K extends DetailKind> = DetailHistory[K][number];
export const DETAIL_KINDS: readonly DetailKind[] = ['address', 'phone', 'email', 'education', 'employment'];
export const EMPLOYMENT_STATUSES = [
  'employed-full-time',
  'employed-part-time',
  'self-employed',
  'unemployed',
  'not-in-labour-force',
] as const;

/** A relationship as the person page shows it, with the person on the other side. */
export type Relationship = Person['relationships'][number];
export type RelationshipKind = BodyOf<'/api/relationships', 'post'>['kind'];
export type SpouseSubtype = 'married' | 'common-law' | 'adult-interdependent';
export type DependantSubtype = 'child' | 'other';

export type Assessment = Schemas['Assessment'];
export type IntegratedCase = Schemas['IntegratedCase'];
export type ServicePlanReadiness = Schemas['ServicePlanReadiness'];
export type UnmetCondition = ServicePlanReadiness['unmet'][number];
export type Need = paths['/api/catalogues/needs']['get']['responses'][200]['content']['application/json']['needs'][number];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditPage = Schemas['AuditPage'];
export type AuditChainStatus = Schemas['AuditChainStatus'];
export type AccessLogPage = Schemas['AccessLogPage'];

// Service Plans (R03), tasks and contacts
export type PlanStatus = 'open' | 'active' | 'closed' | 'exited';
export type ItemStatus = PlanItem['status'];
export type OutcomeKind = NonNullable<BodyOf<'/api/plan-items/{id}/complete', 'post'>['outcome']>;
export type AcceptanceMethod = BodyOf<'/api/service-plans/{id}/accept', 'post'>['method'];
export type TrainingLoad = BodyOf<'/api/plan-items/{id}/pdc', 'post'>['trainingLoad'];
export type UserRef = Schemas['UserRef'];
/** A row of `GET /api/people/:id/service-plans`. */
export type ServicePlanSummary = Schemas['ServicePlanSummary'];
export type PlanItem = Schemas['PlanItem'];
export type PdcRef = NonNullable<PlanItem['pdc']>;
export type ServicePlan = Schemas['ServicePlan'];
export type SubGoal = ServicePlan['subGoals'][number];
export type PlanItemCatalogue = Schemas['PlanItemCatalogue'];
export type ProductDeliveryCase = Schemas['ProductDeliveryCase'];

export const CHANNELS = ['in-person', 'phone', 'email', 'video', 'letter'] as const;
export type Channel = BodyOf<'/api/people/{id}/interactions', 'post'>['channel'];
export type Interaction = Schemas['Interaction'];
export type Task = Schemas['Task'];
export type TaskPage = Schemas['TaskPage'];
export type TaskQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;
export type TaskDecision = NonNullable<Task['decision']>;
export type CaseloadTransfer = Schemas['CaseloadTransfer'];
export type Caseload = Schemas['Caseload'];
export type CaseloadTransferPreview = Schemas['CaseloadTransferPreview'];
export type TeamDashboard = Schemas['TeamDashboard'];
export type JobWithRuns = Schemas['JobWithRuns'];
export type JobSummary = Schemas['JobSummary'];
export type TeamList = keyof TeamDashboard['tasks'];

// Learner benefits: money is always a decimal string in dollars ("646.00", "-323.00") exactly as the server computed it.
export type Money = Schemas['Money'];
/** The learning stream counter, the last training and training exceptions (`GET /api/people/:id/learning-streams`). */
export type LearningStreams = Schemas['LearningStreams'];
export type TrainingException = LearningStreams['exceptions'][number];
export type TrainingExceptionKind = TrainingException['kind'];
export const TRAINING_EXCEPTION_GROUNDS = ['labour-force-attachment', 'learning-since', 'skills-deficit', 'progressive-training'] as const;
export type TrainingExceptionGround = (typeof TRAINING_EXCEPTION_GROUNDS)[number];
/** A row of `GET /api/people/:id/pdcs`. */
export type PdcSummary = Schemas['PdcSummary'];
export type BenefitComponent = Schemas['BenefitComponent'];
/** A month as the UI shows it: stored determinations and previews say whether it is held, the calculator's do not. */
export type DeterminationMonth = Omit<Schemas['DeterminationMonth'], 'held' | 'holdReason'> &
  Partial<Pick<Schemas['DeterminationMonth'], 'held' | 'holdReason'>>;
/** A difference; stored ones (a case's) name the determination that recorded it. */
export type PaymentDifference = Schemas['PaymentDifference'] & { determinationId?: Id };
/** docs/policy/issued-months.md: over/underpayments only for issued months; otherwise a change in the scheduled amount. */
export type PaymentDifferenceKind = PaymentDifference['kind'];
export type ChangeTotals = Schemas['ChangeTotals'];
/** The second learner's overlap months, held while two attending awaits confirmation. */
export type PaymentHold = Schemas['PaymentHold'];
/** A hold as a learner case shows it: the partner's references null, and `withheld` why, when the reader may not read the partner. */
export type CaseHold = Schemas['CaseHold'];
/** One case as an action would determine it (nothing saved). */
export type CasePreview = Schemas['CasePreview'];
/** `GET /api/pdcs/:id`. */
export type PdcView = Schemas['PdcView'];
export type DeterminationVersion = PdcView['versions'][number];
/** `GET /api/pdcs/:id/preview` and `POST /api/pdcs/:id/what-if`: nothing saved. */
export type DeterminationPreview = Schemas['DeterminationPreview'];
/** A reassessment (applying changes, an approval, confirming two attending, a training change: the last does not say `initial`). */
export type Reassessment = Omit<Schemas['Reassessment'], 'initial'> & { initial?: boolean };
export type EvidenceVersion = Schemas['EvidenceVersion'];
export type EvidenceStatus = EvidenceVersion['status'];
export type EvidenceKind = EvidenceVersion['kind'];
export type ApprovalStatus = EvidenceVersion['approval'];
export type EvidenceRecord = Schemas['EvidenceRecord'];
export type EvidenceType = Schemas['EvidenceType'];
export type EvidenceInput = Omit<BodyOf<'/api/evidence-versions/{id}/correct', 'post'>, 'version'>;
/** `PATCH /api/pdcs/:id/training`. */
export type TrainingChange = Schemas['TrainingChange'];
export type PaymentsView = Schemas['PaymentsView'];
export type Debt = PaymentsView['debts'][number];
/** `POST /api/pdcs/:id/training/preview`: the case with the new dates, and a partner case it re-determines. */
export type TrainingPreview = Schemas['TrainingPreview'];

// Two attending (E04)
export type SituationStatus = 'detected' | 'coordinated' | 'ended';
export type TwoAttendingSituation = Schemas['TwoAttendingSituation'];
export type SituationLearner = TwoAttendingSituation['first'];
export type Reconciliation = Schemas['Reconciliation'];
export type ReconciliationMonth = Reconciliation['months'][number];
export type SituationConfirmed = Schemas['SituationConfirmed'];

// The household calculator (docs/scenarios.md)
export type SimulationResult = Schemas['SimulationResult'];
