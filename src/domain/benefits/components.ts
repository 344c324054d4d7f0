/** The parts of a monthly determination, each explaining itself (each names its rule and source). */
import { add, type Money, ZERO } from '../money.ts';

export const AUTOMATIC_BENEFITS = ['core-essential', 'core-shelter', 'handicap-benefit', 'special-diet', 'child-care-babysitting'] as const;
export type AutomaticBenefit = (typeof AUTOMATIC_BENEFITS)[number];
export const isAutomatic = (code: string): code is AutomaticBenefit => (AUTOMATIC_BENEFITS as readonly string[]).includes(code);

export interface Component {
  /** Stable code (docs/scenarios.md): core-essential, child-care, income, director-approval-cost-adjustment... */
  readonly code: string;
  readonly kind: 'need' | 'resource';
  readonly amount: Money;
  /** For an adjustment, the benefit it adjusts. */
  readonly adjusts?: string;
  /** The policy rule that applied, e.g. "E04 step 2: minus half of $646.00". */
  readonly rule: string;
  /** The rate row or evidence version the amount came from. */
  readonly source: string;
  readonly evidenceId?: string;
  readonly personId?: string | null;
  /** E04.01: whether two-attending months split this component in half. */
  readonly splits: boolean;
  /** When it does not split, why (E04.01 leaves it off its list), for the explanation. */
  readonly whyNotSplit?: string;
  /**
   * An eligibility test this month failed (liquid assets at or above their limit): the month's
   * entitlement is zero, whatever the other components add up to.
   */
  readonly disqualifies?: boolean;
}

export interface MonthResult {
  readonly month: string;
  readonly components: readonly Component[];
  readonly needs: Money;
  readonly countableResources: Money;
  /** needs - countable resources, never below zero. */
  readonly entitlement: Money;
}

/**
 * Each benefit's net amount in one month's components: an adjustment counts toward the benefit it
 * adjusts (E04: a case's net share of a split benefit is the benefit less its half).
 */
export function netByBenefit(components: readonly Pick<Component, 'code' | 'adjusts' | 'amount'>[]): Record<string, Money> {
  const net: Record<string, Money> = {};
  for (const c of components) {
    const code = c.adjusts ?? c.code;
    net[code] = add(net[code] ?? ZERO, c.amount);
  }
  return net;
}
