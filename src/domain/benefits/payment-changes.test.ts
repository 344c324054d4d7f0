import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { changeTotals, type DeterminedMonth, paymentChanges } from './payment-changes.ts';

const day = (s: string) => Temporal.PlainDate.from(s);
const months = (entries: [string, number, boolean?][]): DeterminedMonth[] =>
  entries.map(([month, entitlementCents, held = false]) => ({ month, entitlementCents, held }));

describe('labelling what a new determination changes (docs/policy/issued-months.md)', () => {
  it('finding 8: a first determination is an initial determination, with no over- or underpayment', () => {
    const result = paymentChanges(null, [{ month: '2026-09', entitlementCents: 158_700 }], day('2026-11-20'));
    expect(result).toEqual({ initial: true, changes: [] });
  });

  it('finding 8: a correction made in November labels months after November a change in scheduled amounts, not an overpayment', () => {
    const previous = months([
      ['2026-09', 100_00],
      ['2026-10', 100_00],
      ['2026-11', 100_00],
      ['2026-12', 100_00],
      ['2027-01', 100_00],
    ]);
    const next = previous.map((m) => ({ month: m.month, entitlementCents: 80_00 }));
    const { changes } = paymentChanges(previous, next, day('2026-11-20'));
    // December is issued on 2026-11-27 (two weekdays before Tuesday 1 December): still to come on 20 November.
    expect(changes.map((c) => `${c.month} ${c.kind}`)).toEqual([
      '2026-09 overpayment',
      '2026-10 overpayment',
      '2026-11 overpayment',
      '2026-12 scheduled-change',
      '2027-01 scheduled-change',
    ]);
  });

  it('more for an issued month is an underpayment', () => {
    const { changes } = paymentChanges(months([['2026-10', 100_00]]), [{ month: '2026-10', entitlementCents: 150_00 }], day('2026-11-20'));
    expect(changes).toEqual([{ month: '2026-10', previousCents: 100_00, nextCents: 150_00, differenceCents: 50_00, kind: 'underpayment' }]);
  });

  it('a held month was not issued, so a change to it is a change in its scheduled amount', () => {
    const { changes } = paymentChanges(
      months([['2026-10', 100_00, true]]),
      [{ month: '2026-10', entitlementCents: 50_00 }],
      day('2026-11-20'),
    );
    expect(changes[0]!.kind).toBe('scheduled-change');
  });

  it('an issued month that leaves the determination (training ends earlier) is an overpayment of its whole amount', () => {
    const { changes } = paymentChanges(months([['2026-10', 100_00]]), [], day('2026-11-20'));
    expect(changes).toEqual([{ month: '2026-10', previousCents: 100_00, nextCents: 0, differenceCents: -100_00, kind: 'overpayment' }]);
  });

  it('totals add the changes of each kind', () => {
    const totals = changeTotals([
      { differenceCents: -10_00, kind: 'overpayment' },
      { differenceCents: -5_01, kind: 'overpayment' },
      { differenceCents: 7_00, kind: 'underpayment' },
      { differenceCents: 3_00, kind: 'scheduled-change' },
      { differenceCents: -1_00, kind: 'scheduled-change' },
    ]);
    expect(totals).toEqual({ overpayments: -(10_00 + 5_01), underpayments: 7_00, scheduledChanges: 3_00 - 1_00 });
  });
});
