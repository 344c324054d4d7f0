/**
 * Shapes of the HTTP contract (docs/api.md) as the UI uses them. The server is the authority:
 * the UI displays what it is given and never derives policy from it.
 */

export type IsoDate = string;
export type Id = string;

export const ROLES = [
  'authorized-official',
  'learner-benefits-coordinator',
  'learner-benefit-specialist',
  'supervisor',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: Id;
  username: string;
  displayName: string;
  roles: Role[];
  /** Signed in with a one-time password (an administrator's reset): it must be changed first. */
  mustChangePassword?: boolean;
}

export interface FieldProblem {
  field: string;
  code: string;
  detail: string;
  /** The field as a person reads it ("Evidence 1 amount"), when the detail does not name it. */
  label?: string;
}

/** RFC 9457 problem details, with Waypoint's extensions. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  rule?: string;
  field?: string;
  errors?: FieldProblem[];
  /** Only on 409 POSSIBLE_DUPLICATE: each candidate with why it was suggested. */
  candidates?: DuplicateCandidate[];
  [extension: string]: unknown;
}

export interface PersonSummary {
  id: Id;
  reference: string;
  givenName: string;
  familyName: string;
  birthDate: IsoDate;
  registrationComplete: boolean;
}

/** A search hit: 'break-glass' when the person is not on the user's caseload (docs/access-control.md). */
export interface PersonHit extends PersonSummary {
  access: 'allowed' | 'break-glass';
}

export interface PersonSearchPage {
  people: PersonHit[];
  page: { limit: number; offset: number; total: number; totalIsCapped: boolean; nextOffset: number | null };
}

/** A possibly duplicate registration and why it was suggested ("names swapped", "dates of birth one month apart"...). */
export interface DuplicateCandidate extends PersonSummary {
  reasons: { code: string; text: string }[];
}

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  province: string;
  postalCode: string;
}

export interface Education {
  level: string;
  institution?: string | null;
  completedOn?: IsoDate | null;
}

export const EMPLOYMENT_STATUSES = [
  'employed-full-time',
  'employed-part-time',
  'self-employed',
  'unemployed',
  'not-in-labour-force',
] as const;

export interface Employment {
  status: string;
  employer?: string | null;
  occupation?: string | null;
}

export interface DetailValues {
  address: Address;
  phone: string;
  email: string;
  education: Education;
  employment: Employment;
}
export type DetailKind = keyof DetailValues;
export const DETAIL_KINDS: readonly DetailKind[] = ['address', 'phone', 'email', 'education', 'employment'];

export interface Entry<T> {
  from: IsoDate;
  /** null = ongoing */
  to: IsoDate | null;
  value: T;
  recordedAt: string | null;
}

export type DetailHistory = { [K in DetailKind]: Entry<DetailValues[K]>[] };

export type RelationshipKind = 'spouse' | 'dependant';
export type SpouseSubtype = 'married' | 'common-law' | 'adult-interdependent';
export type DependantSubtype = 'child' | 'other';

export interface Relationship {
  id: Id;
  kind: RelationshipKind;
  subtype: string;
  personId: Id;
  relatedPersonId: Id;
  startDate: IsoDate;
  endDate: IsoDate | null;
  version: number;
  /** The person on the other side, seen from the person page being viewed. */
  otherPerson: PersonSummary;
}

export interface Household {
  asOf: IsoDate;
  person: PersonSummary;
  partner: PersonSummary | null;
  dependants: PersonSummary[];
}

export interface Assessment {
  id: Id;
  caseId: Id;
  status: 'in-progress' | 'completed';
  needs: string[];
  primaryNeed: string | null;
  notes: string | null;
  startedOn: IsoDate;
  completedOn: IsoDate | null;
  assessor: { id: Id; displayName: string };
  version: number;
}

export interface IntegratedCase {
  id: Id;
  reference: string;
  personId: Id;
  status: 'open' | 'closed';
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  closeReason: string | null;
  version: number;
  assessments: Assessment[];
}

export interface Person extends PersonSummary {
  version: number;
  /** The date the server read the person as of (its today unless ?asOf was given). */
  asOf?: IsoDate;
  registration: { complete: boolean; missing: string[] };
  current: Partial<DetailValues>;
  history: DetailHistory;
  relationships: Relationship[];
  household: Household;
  cases: IntegratedCase[];
}

export interface RegisterPerson {
  givenName: string;
  familyName: string;
  birthDate: IsoDate;
  address?: Address;
  phone?: string;
  email?: string;
  effectiveFrom?: IsoDate;
  acknowledgeDuplicates?: boolean;
}

export interface UnmetCondition {
  condition: string;
  rule: string;
  detail: string;
}

export interface ServicePlanReadiness {
  ready: boolean;
  unmet: UnmetCondition[];
  primaryNeed: string | null;
  /** When ready: the goal the Primary Need sets, and the case it comes from. */
  goal?: string;
  caseId?: Id;
}

export interface Need {
  code: string;
  label: string;
  goal: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: { id: Id; displayName: string } | null;
  action: string;
  recordType: string;
  recordId: Id;
  before: unknown;
  after: unknown;
}

// Service Plans (R03), tasks and contacts

export type PlanStatus = 'open' | 'active' | 'closed' | 'exited';
export type ItemStatus = 'not-started' | 'in-progress' | 'completed';
export type OutcomeKind = 'attained' | 'not-attained' | 'cancelled';
export type AcceptanceMethod = 'signed' | 'verbal' | 'electronic';
export type TrainingLoad = 'full-time' | 'part-time';

export interface UserRef {
  id: Id | null;
  displayName: string;
}

/** A row of `GET /api/people/:id/service-plans`. */
export interface ServicePlanSummary {
  id: Id;
  reference: string;
  status: PlanStatus;
  goal: string;
  createdOn: IsoDate;
  closedOn: IsoDate | null;
}

export interface PdcRef {
  id: Id;
  reference: string;
  program: string;
  status: string;
}

export interface PlanItem {
  id: Id;
  subGoalId: Id;
  type: string;
  name: string;
  customName: string | null;
  description: string;
  owner: { id: Id; displayName: string };
  expectedStart: IsoDate;
  expectedEnd: IsoDate;
  actualStart: IsoDate | null;
  actualEnd: IsoDate | null;
  status: ItemStatus;
  outcome: OutcomeKind | null;
  goodCauseReason: string | null;
  pdc: PdcRef | null;
  version: number;
}

export interface SubGoal {
  id: Id;
  type: string;
  label: string;
  items: PlanItem[];
}

export interface ServicePlan {
  id: Id;
  reference: string;
  caseId: Id;
  person: Pick<PersonSummary, 'id' | 'reference' | 'givenName' | 'familyName' | 'birthDate'>;
  status: PlanStatus;
  primaryNeed: string;
  goal: string;
  createdBy: { id: Id; displayName: string };
  createdOn: IsoDate;
  acceptance: { acceptedOn: IsoDate; method: AcceptanceMethod | null; recordedBy: UserRef } | null;
  closure: { closedOn: IsoDate; reason: string | null; note: string | null; closedBy: UserRef } | null;
  exitedOn: IsoDate | null;
  subGoals: SubGoal[];
  closureInfo: {
    responsible: { id: Id; displayName: string };
    /** First day the plan may close when funded training holds it (R03.1 Exception), else null. */
    heldUntil: IsoDate | null;
    openItems: number;
    lastContact: IsoDate | null;
    summary: { attained: PlanItem[]; notAttained: PlanItem[]; cancelled: PlanItem[] };
  };
  version: number;
}

export interface PlanItemCatalogue {
  subGoalTypes: { code: string; label: string }[];
  itemTypes: { code: string; label: string; subGoalType: string; fundable: boolean }[];
  closureReasons: { code: string; label: string }[];
  placeholder: boolean;
  source: string;
}

export interface ProductDeliveryCase {
  id: Id;
  reference: string;
  program: string;
  status: string;
  planItemId: Id;
  trainingLoad: TrainingLoad;
}

export const CHANNELS = ['in-person', 'phone', 'email', 'video', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Interaction {
  id: Id;
  occurredOn: IsoDate;
  channel: Channel;
  note: string;
  recordedBy: { id: Id; displayName: string };
}

export interface Task {
  id: Id;
  kind: string;
  title: string;
  detail: string;
  assignee: { id: Id; displayName: string } | null;
  assigneeRole: Role | null;
  person: { id: Id; reference: string; givenName: string; familyName: string } | null;
  recordType: string | null;
  recordId: Id | null;
  /** Set when the task stands for a decision: it ends only through that decision, never a plain "complete". */
  decision: TaskDecision | null;
  dueOn: IsoDate;
  status: 'open' | 'completed';
  createdAt: string;
  version: number;
}

export interface TaskDecision {
  kind: 'director-approval';
  label: string;
  choices: ('approved' | 'rejected')[];
  reasonRequiredFor: ('approved' | 'rejected')[];
}

export interface CaseloadTransfer {
  planItemsMoved: number;
  tasksMoved: number;
  from: { id: Id; displayName: string };
  to: { id: Id; displayName: string };
}

// Learner benefits (docs/api.md "Learner benefits"): money is always a decimal string in dollars
// ("646.00", "-323.00") exactly as the server computed it.

export type Money = string;

/** A row of `GET /api/people/:id/pdcs`. */
export interface PdcSummary {
  id: Id;
  reference: string;
  program: string;
  status: string;
  trainingStart: IsoDate | null;
  trainingEnd: IsoDate | null;
  trainingLoad: TrainingLoad | null;
  planItemId: Id | null;
}

/** One part of a month's determination, explaining itself (its rule and source). */
export interface BenefitComponent {
  code: string;
  /** Stored determinations say whether it is a need or a resource; the calculator does not. */
  kind?: 'need' | 'resource';
  amount: Money;
  /** For an adjustment, the benefit it adjusts. */
  adjusts?: string;
  rule: string;
  source: string;
  evidenceId?: Id;
}

export interface DeterminationMonth {
  /** YYYY-MM */
  month: string;
  components: BenefitComponent[];
  needs: Money;
  countableResources: Money;
  entitlement: Money;
  /** Held while two attending awaits confirmation: determined, not issued (stored determinations and previews). */
  held?: boolean;
  holdReason?: string | null;
}

/** docs/policy/issued-months.md: over/underpayments only for issued months; otherwise a change in the scheduled amount. */
export type PaymentDifferenceKind = 'underpayment' | 'overpayment' | 'scheduled-change';

/** Totals of a determination version or a preview. */
export interface ChangeTotals {
  /** The entitlement over all its months. */
  entitlement: Money;
  overpayments: Money;
  underpayments: Money;
  scheduledChanges: Money;
}

/** The second learner's overlap months, held while two attending awaits confirmation. */
export interface PaymentHold {
  situationId: Id;
  pdcId: Id;
  pdcReference: string;
  personId: Id;
  personReference: string;
  partnerPdcId: Id;
  partnerPdcReference: string;
  months: string[];
  reason: string;
  coordinatorIds: Id[];
}

/** One case as an action would determine it (nothing saved). */
export interface CasePreview {
  pdcId: Id;
  pdcReference: string;
  basedOnVersion: number | null;
  initial: boolean;
  months: DeterminationMonth[];
  differences: PaymentDifference[];
  totals: ChangeTotals;
}

export interface PaymentDifference {
  month: string;
  previous: Money;
  next: Money;
  difference: Money;
  kind: PaymentDifferenceKind;
  /** On stored differences: the determination that recorded it. */
  determinationId?: Id;
}

export interface DeterminationVersion {
  version: number;
  reason: string;
  /** The day it was made, by the server's clock: the months issued by then are over/underpaid. */
  determinedOn: IsoDate;
  createdAt: string;
  by: string | null;
  totals: ChangeTotals;
}

/** `GET /api/pdcs/:id`. */
export interface PdcView {
  pdc: {
    id: Id;
    reference: string;
    status: string;
    personId: Id;
    trainingStart: IsoDate | null;
    trainingEnd: IsoDate | null;
    trainingLoad: TrainingLoad | null;
    version: number;
  };
  current: { version: number; reason: string; createdAt: string; months: DeterminationMonth[] } | null;
  versions: DeterminationVersion[];
  differences: PaymentDifference[];
  /** Holds on this case or its partner's (both cases show them). */
  holds: PaymentHold[];
}

/** `GET /api/pdcs/:id/preview` and `POST /api/pdcs/:id/what-if`: nothing saved. */
export interface DeterminationPreview {
  months: DeterminationMonth[];
  differences: PaymentDifference[];
  basedOnVersion: number | null;
  /** A first determination: nothing to compare with. */
  initial: boolean;
  totals: ChangeTotals;
}

/** A reassessment: `POST /api/pdcs/:id/apply`, an approval decision. */
export interface Reassessment {
  changed: boolean;
  /** The case's first determination. */
  initial?: boolean;
  version: number;
  differences: PaymentDifference[];
}

export type EvidenceStatus = 'in-edit' | 'active' | 'superseded' | 'cancelled';
export type EvidenceKind = 'original' | 'correction' | 'change';
export type ApprovalStatus = 'not-required' | 'pending' | 'approved' | 'rejected';

export interface EvidenceVersion {
  id: Id;
  number: number;
  kind: EvidenceKind;
  correctsVersionId: Id | null;
  subtype: string | null;
  person: { id: Id; name: string } | null;
  amount: Money | null;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
  note: string;
  status: EvidenceStatus;
  approval: ApprovalStatus;
  approvalReason: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

export interface EvidenceRecord {
  id: Id;
  type: string;
  label: string;
  versions: EvidenceVersion[];
}

export interface EvidenceType {
  code: string;
  label: string;
  role: 'need' | 'resource' | 'fact';
  /** How the amount counts: monthly, point-in-time, none (no amount)... */
  basis: string;
  subtypes: string[];
  subtypeRequired: boolean;
  /** May be negative (a Director Approval adjustment). */
  signed: boolean;
  personRequired: boolean;
  rule: string;
}

export interface EvidenceInput {
  subtype?: string | null;
  personId?: Id | null;
  amount?: Money | null;
  note?: string;
}

/** `PATCH /api/pdcs/:id/training`. */
export interface TrainingChange {
  pdc: { id: Id; reference: string; trainingStart: IsoDate; trainingEnd: IsoDate; version: number };
  reassessed: Reassessment;
  partner: (Reassessment & { pdcId: Id }) | null;
}

/** `POST /api/pdcs/:id/training/preview`: the case with the new dates, and a partner case it re-determines. */
export interface TrainingPreview {
  pdc: { id: Id; reference: string; trainingStart: IsoDate; trainingEnd: IsoDate; version: number };
  cases: CasePreview[];
}

// Two attending (E04)

export type SituationStatus = 'detected' | 'coordinated' | 'ended';

export interface SituationLearner {
  pdcId: Id;
  pdcReference: string;
  person: { id: Id; reference: string; givenName: string; familyName: string };
  trainingStart: IsoDate | null;
  trainingEnd: IsoDate | null;
  coordinator: { id: Id; displayName: string | null } | null;
}

export interface TwoAttendingSituation {
  id: Id;
  status: SituationStatus;
  months: string[];
  first: SituationLearner;
  second: SituationLearner;
  responsibleCoordinatorId: Id | null;
  detectedAt: string;
  confirmedAt: string | null;
  version: number;
}

export interface ReconciliationMonth {
  month: string;
  twoAttending: boolean;
  benefits: { code: string; first: Money; second: Money; household: Money }[];
  entitlement: { first: Money; second: Money; household: Money };
  balanced: boolean;
}

export interface Reconciliation {
  situation: TwoAttendingSituation;
  coordinated: boolean;
  months: ReconciliationMonth[];
  balanced: boolean;
}

export interface SituationConfirmed {
  situation: TwoAttendingSituation;
  reassessed: { first: Reassessment; second: Reassessment };
}

// The household calculator (docs/scenarios.md)

export interface SimulationResult {
  asOf: IsoDate;
  learners: {
    person: string;
    evidence: { type: string; subtype?: string; evidence: number; amount: Money | null; rule: string; status: 'applied' | 'waiting' }[];
    months: DeterminationMonth[];
  }[];
  twoAttending?: { people: string[]; months: string[] };
  household: {
    months: { month: string; entitlement: Money; byCode: Record<string, Record<string, Money>>; balanced: boolean }[];
  };
}
