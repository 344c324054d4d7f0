/**
 * Evidence: typed, effective-dated facts about a learner's household (docs/policy/learner-benefits.md,
 * "Benefits"). Each type says what it is for (a need, a resource, or a fact that an automatic
 * benefit reads), how its amount is spread over months, and whether E04 splits it in half when two
 * attend.
 *
 * E04.01 "Manually Entered Evidence ... must be entered for exactly half of the amount": Director
 * Approval (type "Director Approval"), Assets, Income, Additional Shelter, Child Care, Extraordinary
 * Training Travel (where Type does not equal private vehicle), NCBS Replacement Benefit, Special Diet
 * Benefit (for Infant Formula only), Additional Health Benefits.
 */
import type { Period } from '../calendar.ts';
import type { Money } from '../money.ts';

export type EvidenceRole = 'need' | 'resource' | 'fact';
/** monthly: the amount applies in full to every month of the period; period-total: a lump sum spread over its months; point-in-time: a value held (assets). */
export type Basis = 'monthly' | 'period-total' | 'point-in-time' | 'none';

export interface EvidenceTypeDef {
  readonly code: string;
  readonly label: string;
  readonly role: EvidenceRole;
  readonly basis: Basis;
  readonly subtypes: readonly string[];
  readonly subtypeRequired: boolean;
  /** Whether the amount may be negative (Director Approval adjustments). */
  readonly signed: boolean;
  /** Whether the evidence names the household member it is about. */
  readonly personRequired: boolean;
  /** E04.01: split in half in two-attending months (given its subtype). */
  readonly splitsWhenTwoAttend: (subtype: string | null) => boolean;
  /** Why E04.01 leaves it whole when it does not split (given its subtype). */
  readonly notSplitBecause?: (subtype: string | null) => string;
  readonly rule: string;
}

const always = () => true;
const never = () => false;

export const EVIDENCE_TYPES: readonly EvidenceTypeDef[] = [
  {
    code: 'additional-shelter',
    label: 'Additional Shelter',
    role: 'need',
    basis: 'monthly',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: Additional Shelter',
  },
  {
    code: 'child-care',
    label: 'Child Care',
    role: 'need',
    basis: 'monthly',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: Child Care',
  },
  {
    code: 'extraordinary-training-travel',
    label: 'Extraordinary Training Travel',
    role: 'need',
    basis: 'monthly',
    subtypes: ['private-vehicle', 'public-transit', 'air', 'other'],
    subtypeRequired: true,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: (subtype) => subtype !== 'private-vehicle',
    notSplitBecause: () =>
      "private vehicle travel is not on the E04.01 list (Extraordinary Training Travel only where Type does not equal private vehicle): it stays whole on the traveller's case",
    rule: 'E04.01 list: Extraordinary Training Travel (where Type does not equal private vehicle)',
  },
  {
    code: 'ncbs-replacement',
    label: 'NCBS Replacement Benefit',
    role: 'need',
    basis: 'monthly',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: NCBS Replacement Benefit',
  },
  {
    code: 'special-diet-benefit',
    label: 'Special Diet Benefit',
    role: 'need',
    basis: 'monthly',
    subtypes: ['infant-formula', 'other'],
    subtypeRequired: true,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: (subtype) => subtype === 'infant-formula',
    notSplitBecause: () =>
      'a Special Diet Benefit other than infant formula is not on the E04.01 list (Special Diet Benefit for Infant Formula only)',
    rule: 'E04.01 list: Special Diet Benefit (for Infant Formula only)',
  },
  {
    code: 'additional-health-benefits',
    label: 'Additional Health Benefits',
    role: 'need',
    basis: 'monthly',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: Additional Health Benefits',
  },
  {
    code: 'director-approval',
    label: 'Director Approval',
    role: 'need',
    basis: 'monthly',
    subtypes: ['director-approval', 'cost-adjustment'],
    subtypeRequired: false,
    signed: true,
    personRequired: false,
    splitsWhenTwoAttend: (subtype) => subtype === null || subtype === 'director-approval',
    notSplitBecause: () =>
      'a Director Approval cost adjustment is not on the E04.01 list (Director Approval where Type is "Director Approval" only)',
    rule: 'E04.01 list: Director Approval (where Type is "Director Approval")',
  },
  {
    code: 'income',
    label: 'Income',
    role: 'resource',
    basis: 'monthly',
    subtypes: ['scholarship', 'employment-earnings', 'other'],
    subtypeRequired: true,
    signed: false,
    personRequired: true,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: Income',
  },
  {
    code: 'assets',
    label: 'Assets (liquid)',
    role: 'resource',
    basis: 'point-in-time',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: always,
    rule: 'E04.01 list: Assets',
  },
  {
    code: 'shelter',
    label: 'Shelter situation and cost',
    role: 'fact',
    basis: 'monthly',
    subtypes: ['renting', 'homeowner', 'boarding'],
    subtypeRequired: true,
    signed: false,
    personRequired: false,
    splitsWhenTwoAttend: never,
    rule: 'Core Shelter rate by housing situation',
  },
  {
    code: 'disability',
    label: 'Disability (Handicap Benefit eligibility)',
    role: 'fact',
    basis: 'none',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: true,
    splitsWhenTwoAttend: never,
    rule: 'Handicap Benefit eligibility',
  },
  {
    code: 'special-diet-need',
    label: 'Special diet need',
    role: 'fact',
    basis: 'none',
    subtypes: [],
    subtypeRequired: false,
    signed: false,
    personRequired: true,
    splitsWhenTwoAttend: never,
    rule: 'Special Diet eligibility',
  },
  {
    code: 'child-care-need',
    label: 'Child care need',
    role: 'fact',
    basis: 'none',
    subtypes: ['babysitting'],
    subtypeRequired: true,
    signed: false,
    personRequired: true,
    splitsWhenTwoAttend: never,
    rule: 'Child Care - Babysitting eligibility',
  },
];

/** Why E04.01 leaves evidence of this type and subtype whole (types it never splits feed an automatic benefit). */
export const notSplitReason = (type: EvidenceTypeDef, subtype: string | null): string =>
  type.notSplitBecause?.(subtype) ?? `${type.label} is not on the E04.01 list: it feeds an automatic benefit, which E04 adjusts instead`;

export const evidenceType = (code: string): EvidenceTypeDef | undefined => EVIDENCE_TYPES.find((t) => t.code === code);

/** Income subtypes: scholarship is a lump sum over its period (period-total); the others are monthly. */
export const basisOf = (type: EvidenceTypeDef, subtype: string | null): Basis =>
  type.code === 'income' && subtype === 'scholarship' ? 'period-total' : type.basis;

/** One piece of evidence as the rules read it: the version in force, already resolved. */
export interface Evidence {
  readonly id: string;
  readonly type: string;
  readonly subtype: string | null;
  /** The household member it is about, when that matters. */
  readonly personId: string | null;
  readonly amount: Money | null;
  readonly period: Period;
  /** Director Approval counts only once approved. Other evidence is always approved. */
  readonly approved: boolean;
  /** Shown in explanations, e.g. "evidence 3f2a, version 2". */
  readonly label: string;
  /**
   * The learner whose case it was entered on, when known (a stored case always knows; the household
   * calculator names no case). Decides whose household evidence naming nobody belongs to in a month
   * the two learners are two households (whose-evidence.ts).
   */
  readonly caseOf?: string | null;
}
