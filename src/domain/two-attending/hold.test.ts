import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { applyHold, holdOn, type SituationForHold } from './hold.ts';

const day = (s: string) => Temporal.PlainDate.from(s);
const situation = (status: string): SituationForHold => ({
  id: 's1',
  status,
  firstPdcId: 'A',
  secondPdcId: 'B',
  months: ['2027-01', '2027-02'],
});

describe('the hold while two attending awaits confirmation (docs/policy/issued-months.md)', () => {
  it("finding 14: a detected situation holds the second learner's overlap months, with the reason", () => {
    const hold = holdOn(situation('detected'), 'B', 'PDC-000001');
    const held = applyHold(
      [{ month: '2026-12' }, { month: '2027-01' }, { month: '2027-02' }, { month: '2027-03' }],
      hold,
      null,
      day('2026-06-15'),
    );
    expect(held.map((m) => `${m.month} ${m.held}`)).toEqual(['2026-12 false', '2027-01 true', '2027-02 true', '2027-03 false']);
    expect(held[1]!.holdReason).toMatch(/PDC-000001 awaits a coordinator's confirmation/);
  });

  it("the first learner's case is not held (one case of the household keeps being paid)", () => {
    expect(holdOn(situation('detected'), 'A', 'PDC-000002')).toBeNull();
  });

  it('a confirmed (coordinated) or ended situation holds nothing', () => {
    expect(holdOn(situation('coordinated'), 'B', 'PDC-000001')).toBeNull();
    expect(holdOn(situation('ended'), 'B', 'PDC-000001')).toBeNull();
  });

  it('a month issued before the hold began stays issued, not held', () => {
    const hold = holdOn(situation('detected'), 'B', 'PDC-000001');
    const previous = [{ month: '2027-01', entitlementCents: 100_00, held: false }];
    const held = applyHold([{ month: '2027-01' }, { month: '2027-02' }], hold, previous, day('2027-01-15'));
    expect(held.map((m) => m.held)).toEqual([false, true]);
  });
});
