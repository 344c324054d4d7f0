/**
 * The conservation property (docs/policy/payments.md): over generated case histories (determinations
 * over time, issue runs as dates pass, corrections, recoveries, adjustments and their reversals),
 * in every month, what was issued plus arrears, minus the debt raised, equals what the rules say is
 * due, to the cent; and every debt's amount = outstanding + recovered - net adjustments.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { wasIssued } from '../benefits/payment-changes.ts';
import { addDays, compareDates, type PlainDate } from '../calendar.ts';
import { type DeterminationVersion, dueIn, monthsToIssue, settlement } from './issuing.ts';
import { allocateDeduction, deductionFrom, outstandingOf, reversalOf } from './recovery.ts';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02'];
const START = Temporal.PlainDate.from('2026-08-01');

type Step =
  | { kind: 'determine'; gapDays: number; amounts: (number | null)[]; hold: boolean[] }
  | { kind: 'issue-run'; gapDays: number }
  | { kind: 'adjust'; gapDays: number; cents: number; reverse: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('determine' as const),
    gapDays: fc.integer({ min: 0, max: 40 }),
    amounts: fc.array(fc.option(fc.integer({ min: 0, max: 2_000_00 }), { nil: null, freq: 5 }), {
      minLength: MONTHS.length,
      maxLength: MONTHS.length,
    }),
    hold: fc.array(fc.boolean(), { minLength: MONTHS.length, maxLength: MONTHS.length }),
  }),
  fc.record({ kind: fc.constant('issue-run' as const), gapDays: fc.integer({ min: 0, max: 40 }) }),
  fc.record({
    kind: fc.constant('adjust' as const),
    gapDays: fc.integer({ min: 0, max: 10 }),
    cents: fc.integer({ min: -50_00, max: 50_00 }),
    reverse: fc.boolean(),
  }),
);

interface Ledger {
  issued: Map<string, number>;
  arrears: Map<string, number>;
  debts: {
    id: string;
    month: string;
    amountCents: number;
    recovered: number[];
    adjustments: { id: string; amountCents: number; reversesId: string | null; reason: string }[];
  }[];
}

function run(steps: readonly Step[], rateBasisPoints: number) {
  const versions: DeterminationVersion[] = [];
  const ledger: Ledger = { issued: new Map(), arrears: new Map(), debts: [] };
  let today: PlainDate = START;
  let seq = 0;
  const settle = () => {
    const latest = versions.at(-1);
    for (const [month, gross] of ledger.issued) {
      const raised = ledger.debts.filter((d) => d.month === month).reduce((s, d) => s + d.amountCents, 0);
      const settled = gross + (ledger.arrears.get(month) ?? 0) - raised;
      const s = settlement(settled, dueIn(latest, month));
      if (s?.kind === 'underpayment') ledger.arrears.set(month, (ledger.arrears.get(month) ?? 0) + s.amountCents);
      if (s?.kind === 'overpayment')
        ledger.debts.push({ id: `d${seq++}`, month, amountCents: s.amountCents, recovered: [], adjustments: [] });
    }
  };
  const outstanding = () =>
    ledger.debts.map((d) => ({
      debtId: d.id,
      outstandingCents: outstandingOf(
        d,
        d.recovered,
        d.adjustments.map((a) => a.amountCents),
      ) as number,
    }));
  for (const s of steps) {
    today = addDays(today, s.gapDays);
    if (s.kind === 'determine') {
      const previous = versions.at(-1);
      const months = MONTHS.flatMap((month, i) => {
        const amount = s.amounts[i];
        if (amount === null || amount === undefined) return [];
        const before = previous?.months.find((m) => m.month === month);
        // As the hold does (two-attending/hold.ts): a month already issued is never held.
        const held = s.hold[i]! && !wasIssued(before, today) && !ledger.issued.has(month);
        return [{ month, entitlementCents: amount, held }];
      });
      versions.push({ version: versions.length + 1, determinedOn: today, months });
      settle();
    } else if (s.kind === 'issue-run') {
      for (const m of monthsToIssue(versions, new Set(ledger.issued.keys()), today)) {
        ledger.issued.set(m.month, m.entitlementCents);
        settle();
        const owed = outstanding().filter((o) => o.outstandingCents > 0);
        const total = owed.reduce((t, o) => t + o.outstandingCents, 0);
        const deduction = deductionFrom(m.entitlementCents, total, rateBasisPoints);
        for (const a of allocateDeduction(deduction, owed)) ledger.debts.find((d) => d.id === a.debtId)!.recovered.push(a.amountCents);
      }
    } else {
      const debt = ledger.debts.at(-1);
      if (!debt) continue;
      const last = debt.adjustments.at(-1);
      if (s.reverse && last) {
        const r = reversalOf({ ...last }, debt.adjustments, 'Entered in error');
        if (r.ok) debt.adjustments.push({ id: `a${seq++}`, ...r.value });
      } else if (s.cents !== 0) debt.adjustments.push({ id: `a${seq++}`, amountCents: s.cents, reversesId: null, reason: 'Adjusted' });
    }
  }
  return { versions, ledger, today };
}

describe('conservation of money over case histories (docs/policy/payments.md)', () => {
  it('in every issued month, issued plus arrears minus the debt raised equals what the rules say is due, to the cent', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 10_000 }), (steps, rate) => {
        const { versions, ledger } = run(steps, rate);
        for (const [month, gross] of ledger.issued) {
          const raised = ledger.debts.filter((d) => d.month === month).reduce((t, d) => t + d.amountCents, 0);
          expect(gross + (ledger.arrears.get(month) ?? 0) - raised).toBe(dueIn(versions.at(-1), month));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every debt equals what is outstanding plus what was recovered minus its net adjustments', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 10_000 }), (steps, rate) => {
        const { ledger } = run(steps, rate);
        for (const d of ledger.debts) {
          const recovered = d.recovered.reduce((t, r) => t + r, 0);
          const adjusted = d.adjustments.reduce((t, a) => t + a.amountCents, 0);
          expect(
            outstandingOf(
              d,
              d.recovered,
              d.adjustments.map((a) => a.amountCents),
            ) +
              recovered -
              adjusted,
          ).toBe(d.amountCents);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no month is issued twice, and every month whose issue date has come and is not held is issued by the next run', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const { versions, ledger, today } = run([...steps, { kind: 'issue-run', gapDays: 0 }], 0);
        const again = monthsToIssue(versions, new Set(ledger.issued.keys()), today);
        expect(again).toEqual([]);
        const latest = versions.at(-1);
        for (const m of latest?.months ?? []) {
          const due = compareDates(Temporal.PlainYearMonth.from(m.month).toPlainDate({ day: 1 }), addDays(today, 2)) <= 0;
          if (due && !m.held) expect(ledger.issued.has(m.month)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a deduction is never more than the payment, nor than is owed, nor below zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 3_000_00 }),
        fc.integer({ min: -1000, max: 3_000_00 }),
        fc.integer({ min: 0, max: 10_000 }),
        (pay, owed, rate) => {
          const d = deductionFrom(pay, owed, rate);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(Math.max(pay, 0));
          expect(d).toBeLessThanOrEqual(Math.max(owed, 0));
        },
      ),
    );
  });
});
