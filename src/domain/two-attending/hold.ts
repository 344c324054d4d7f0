/**
 * The hold while a detected two-attending situation awaits confirmation (docs/policy/issued-months.md,
 * our reading of E04): until a coordinator confirms it (the split then applies) or it ends, each case
 * is determined as if its learner attended alone, so the household could be paid twice. The second
 * learner's overlap months are therefore held: determined, shown, but not issued. A month already
 * issued before the hold began cannot be recalled by it and is not held.
 */

import { type DeterminedMonth, wasIssued } from '../benefits/payment-changes.ts';
import type { PlainDate } from '../calendar.ts';

/** Our reading of E04 with the issue schedule (docs/policy/issued-months.md), in words for the reader. */
export const HOLD_RULE = 'E04 two attending; our reading of when a month is issued';

/** A live situation as the hold needs it. */
export interface SituationForHold {
  readonly id: string;
  readonly status: string;
  readonly firstPdcId: string;
  readonly secondPdcId: string;
  readonly months: readonly string[];
}

export interface Hold {
  readonly situationId: string;
  /** The case whose months are held: the second learner's. */
  readonly pdcId: string;
  readonly months: readonly string[];
  readonly reason: string;
}

/** How a hold's reason names the partner's case to a reader who may not read the partner (docs/access-control.md). */
export const WITHHELD_PARTNER_CASE = "the partner's case";

/** The hold a situation puts on a case, if any: only a detected situation holds, and only the second learner's case. */
export function holdOn(situation: SituationForHold, pdcId: string, partnerReference: string): Hold | null {
  if (situation.status !== 'detected' || situation.secondPdcId !== pdcId || situation.months.length === 0) return null;
  return {
    situationId: situation.id,
    pdcId,
    months: [...situation.months],
    reason: `Two attending with ${partnerReference} awaits a coordinator's confirmation: held, not issued, so that the household is not paid twice (${HOLD_RULE}).`,
  };
}

export interface HeldMonth {
  readonly held: boolean;
  readonly holdReason: string | null;
}

/**
 * Which of the next determination's months are held: a month the hold covers, unless the
 * determination in force had already issued it by `today`.
 */
export function applyHold<M extends { readonly month: string }>(
  next: readonly M[],
  hold: Hold | null,
  previous: readonly DeterminedMonth[] | null,
  today: PlainDate,
): (M & HeldMonth)[] {
  const covered = new Set(hold?.months ?? []);
  const before = new Map((previous ?? []).map((m) => [m.month, m]));
  return next.map((m) => {
    const held = hold !== null && covered.has(m.month) && !wasIssued(before.get(m.month), today);
    return { ...m, held, holdReason: held ? hold.reason : null };
  });
}
