/**
 * Whose household a piece of evidence belongs to in a month, when a determination covers two
 * learners (docs/policy/learner-benefits.md "Whose evidence counts where", our reading):
 *
 * - Partners in the month: one household. Its evidence counts once for it, split by E04 when both
 *   attend full-time, except that a learner's own evidence (naming them) counts only on their own
 *   case: in a month they do not attend it counts nowhere.
 * - Not partners in the month (separated, not yet together, siblings): two households. A learner's
 *   own evidence counts on their case only; evidence naming someone else counts in the household
 *   that person belongs to that month; evidence naming nobody (or someone in both households or in
 *   neither) belongs to the case it was entered on. When no case is known (the household
 *   calculator), it could belong to two households and is refused, never guessed.
 */
import type { Evidence } from './evidence.ts';

/** Evidence that could belong to either of two households in a month (see the module comment). */
export class AmbiguousEvidenceError extends Error {
  constructor(
    readonly evidenceId: string,
    readonly month: string,
    readonly learners: readonly [string, string],
  ) {
    super(
      `${evidenceId} could belong to ${learners[0]}'s household or ${learners[1]}'s in ${month} (they are not partners then): name the person it is about, so that it counts in one household.`,
    );
    this.name = 'AmbiguousEvidenceError';
  }
}

export interface MonthOfTwo {
  /** The learner whose case is asked about, and the other learner. */
  readonly self: string;
  readonly other: string;
  /** Whether the two are partners in the month. */
  readonly partnered: boolean;
  /** Whether a person belongs to a learner's household in the month. */
  readonly inHousehold: (learner: string, person: string) => boolean;
}

/** Whether the evidence counts on `self`'s case this month, or 'ambiguous' (see the module comment). */
export function countsOnCase(e: Evidence, m: MonthOfTwo): boolean | 'ambiguous' {
  const person = e.personId;
  if (person === m.self) return true;
  if (person === m.other) return false;
  if (m.partnered) return true;
  if (person !== null) {
    const mine = m.inHousehold(m.self, person);
    if (mine !== m.inHousehold(m.other, person)) return mine;
  }
  if (e.caseOf === m.self) return true;
  if (e.caseOf === m.other) return false;
  return 'ambiguous';
}
