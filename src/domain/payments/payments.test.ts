import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { issuedAmount, monthsToIssue, settlement } from './issuing.ts';
import { agreementState, allocateDeduction, debtsFromChanges, deductionFrom, mayRecover, reversalOf } from './recovery.ts';

const day = (s: string) => Temporal.PlainDate.from(s);
const version = (n: number, on: string, months: [string, number, boolean?][]) => ({
  version: n,
  determinedOn: day(on),
  months: months.map(([month, entitlementCents, held = false]) => ({ month, entitlementCents, held })),
});

describe('issuing months (IS5056: funds two banking days before the 1st)', () => {
  const v1 = version(1, '2026-08-20', [
    ['2026-09', 1000_00],
    ['2026-10', 1000_00],
    ['2026-11', 1000_00],
  ]);

  it('October (1 October 2026 is a Thursday) is issued on Tuesday 29 September, not the day before', () => {
    expect(monthsToIssue([v1], new Set(), day('2026-09-28')).map((m) => m.month)).toEqual(['2026-09']);
    expect(monthsToIssue([v1], new Set(), day('2026-09-29')).map((m) => m.month)).toEqual(['2026-09', '2026-10']);
  });

  it('a month already issued is not issued again', () => {
    expect(monthsToIssue([v1], new Set(['2026-09']), day('2026-09-29')).map((m) => m.month)).toEqual(['2026-10']);
  });

  it('a held month is not issued', () => {
    const held = version(2, '2026-08-25', [['2026-09', 1000_00, true]]);
    expect(monthsToIssue([v1, held], new Set(), day('2026-09-29')).map((m) => m.month)).toEqual([]);
  });

  it('finding 8: a correction made after a month was issued does not change what was issued (it is frozen)', () => {
    const corrected = version(2, '2026-11-20', [
      ['2026-09', 850_00],
      ['2026-10', 850_00],
      ['2026-11', 850_00],
    ]);
    expect(issuedAmount([v1, corrected], '2026-10')).toMatchObject({ version: 1, entitlementCents: 1000_00 });
  });

  it('a change before the issue date is a change to the schedule: the month is issued at the new amount', () => {
    const changed = version(2, '2026-10-05', [
      ['2026-09', 1000_00],
      ['2026-10', 1000_00],
      ['2026-11', 900_00],
    ]);
    expect(issuedAmount([v1, changed], '2026-11')).toMatchObject({ version: 2, entitlementCents: 900_00 });
  });

  it('an issued month now due less is an overpayment of the difference, one due more an underpayment', () => {
    expect(settlement(1000_00, 850_00)).toEqual({ kind: 'overpayment', amountCents: 150_00 });
    expect(settlement(850_00, 1000_00)).toEqual({ kind: 'underpayment', amountCents: 150_00 });
    expect(settlement(850_00, 850_00)).toBeNull();
  });
});

describe('recovering overpayments (E05 M7082, E06 M7083)', () => {
  it('finding 8: each overpaid month becomes a debt for the amount overpaid; a change in the schedule does not', () => {
    const debts = debtsFromChanges([
      { month: '2026-11', differenceCents: -150_00, kind: 'overpayment' },
      { month: '2026-12', differenceCents: -150_00, kind: 'scheduled-change' },
      { month: '2026-10', differenceCents: 20_00, kind: 'underpayment' },
    ]);
    expect(debts).toEqual([{ month: '2026-11', amountCents: 150_00 }]);
  });

  it("a deduction at 10% of a $1,234.56 payment is $123.45, rounded down in the learner's favour", () => {
    expect(deductionFrom(1234_56, 1000_00, 1000)).toBe(123_45);
  });

  it('the last deduction takes only what is still owed', () => {
    expect(deductionFrom(1000_00, 30_00, 1000)).toBe(30_00);
  });

  it('a deduction pays the oldest debt first', () => {
    expect(
      allocateDeduction(100_00, [
        { debtId: 'old', outstandingCents: 60_00 },
        { debtId: 'new', outstandingCents: 80_00 },
      ]),
    ).toEqual([
      { debtId: 'old', amountCents: 60_00 },
      { debtId: 'new', amountCents: 40_00 },
    ]);
  });

  it('a missing repayment agreement is brought forward at 60 days, then recovery proceeds without it', () => {
    expect(agreementState(day('2026-11-20'), null, day('2027-01-18'))).toEqual({ state: 'awaiting', bringForwardOn: day('2027-01-19') });
    expect(mayRecover(agreementState(day('2026-11-20'), null, day('2027-01-19')))).toBe(true);
  });

  it('a signed agreement allows recovery at once', () => {
    expect(mayRecover(agreementState(day('2026-11-20'), day('2026-11-25'), day('2026-11-26')))).toBe(true);
  });

  it('reversing a wrongly deducted adjustment raises the debt back by exactly the amount, with the reason', () => {
    const wrong = { id: 'a1', amountCents: -40_00, reason: 'Deducted twice', reversesId: null };
    expect(reversalOf(wrong, [wrong], 'Deducted in error')).toEqual({
      ok: true,
      value: { amountCents: 40_00, reason: 'Deducted in error', reversesId: 'a1' },
    });
  });

  it('an adjustment is reversed only once, and only with a reason', () => {
    const a = { id: 'a1', amountCents: -40_00, reason: 'x', reversesId: null };
    const r = { id: 'a2', amountCents: 40_00, reason: 'y', reversesId: 'a1' };
    expect(reversalOf(a, [a, r], 'again')).toEqual({ ok: false, reason: 'ALREADY_REVERSED' });
    expect(reversalOf(a, [a], '  ')).toEqual({ ok: false, reason: 'REASON_REQUIRED' });
    expect(reversalOf(r, [a, r], 'undo')).toEqual({ ok: false, reason: 'REVERSAL_OF_REVERSAL' });
  });
});
