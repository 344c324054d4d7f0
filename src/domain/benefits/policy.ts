/**
 * What the benefit rules read from policy data (src/policy): rate rows and learner rules in force
 * for a month. The domain asks; the policy layer answers from effective-dated tables, and a question
 * outside their coverage is an error, never a silent zero.
 */
import type { PlainYearMonth } from '../calendar.ts';
import type { Money } from '../money.ts';

export interface RateRow {
  readonly table: string;
  readonly tableLabel: string;
  readonly key: string;
  readonly amount: Money;
  readonly effectiveFrom: string;
  /**
   * The last day the row is in force, when the book knows it (null: open-ended): every month whose
   * first day is from `effectiveFrom` to it has the same answer. Absent: the row answers for the
   * month asked only.
   */
  readonly effectiveTo?: string | null;
  readonly placeholder: boolean;
  readonly source: string;
}

/** Rate lookup for a month: throws MissingRateError when no row answers. */
export type RateBook = (table: string, key: string, month: PlainYearMonth) => RateRow;

export class MissingRateError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    readonly month: string,
  ) {
    super(`No ${table} rate for "${key}" is in force in ${month}.`);
    this.name = 'MissingRateError';
  }
}

export interface LearnerRules {
  readonly scholarshipExemptionPerAcademicYear: Money;
  readonly academicYearStartsMonth: number;
  readonly fullTimeEarningsExempt: boolean;
  readonly liquidAssetMultipleOfCoreBenefits: number;
  readonly liquidAssetAllowance: Money;
  readonly prorateCoreEssentialAfterDay: number;
  /**
   * A month in which two partners both attend full-time but their training days do not meet (one
   * ends on the 5th, the other starts on the 20th): 'both-attend-in-month' makes it a two-attending
   * month (split), 'training-days-meet' does not (E04 leaves it open: docs/policy/e04-two-attending.md).
   */
  readonly twoAttendingMonth: 'both-attend-in-month' | 'training-days-meet';
}
