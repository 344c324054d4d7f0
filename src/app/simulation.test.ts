/**
 * The household calculator, tried as a coordinator would (`waypoint simulate`, POST /api/simulations):
 * the shapes of household an independent review found paid twice or misexplained (issue 10), one
 * test per finding. Amounts are the calculator's decimal strings.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { type SimulationOutput, simulate } from './simulation.ts';

type Input = Record<string, unknown>;
const people = [
  { id: 'A', birthDate: '1990-04-02' },
  { id: 'B', birthDate: '1991-07-19' },
  { id: 'C', birthDate: '2021-03-10' },
];
const fullTime = (person: string, start: string, end: string, load = 'full-time') => ({ person, training: { start, end, load } });
const household = (fields: Input): Input => ({
  asOf: '2025-01-15',
  people,
  rates: { 'core-essential': { '2 adults': '646.00' } },
  ...fields,
});
const caseOf = (out: SimulationOutput, person: string) => out.learners.find((l) => l.person === person)!;
const monthOf = (out: SimulationOutput, person: string, month: string) => caseOf(out, person).months.find((m) => m.month === month);
const amountOf = (out: SimulationOutput, person: string, month: string, code: string) =>
  (monthOf(out, person, month)?.components ?? [])
    .filter((c) => c.code === code)
    .reduce((s, c) => s + Math.round(Number(c.amount) * 100), 0) / 100;
const appliedOf = (out: SimulationOutput, person: string, evidence: number) =>
  caseOf(out, person).evidence.filter((e) => e.evidence === evidence);

function refusal(input: Input): AppError {
  try {
    simulate(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the calculator answered instead of refusing');
}

describe('finding 1: two learners who are not partners in a month are two households that month', () => {
  const separated = household({
    relationships: [
      { type: 'spouse', people: ['A', 'B'], start: '2015-06-01', end: '2025-05-15' },
      { type: 'dependant', people: ['C', 'A'], start: '2021-03-10' },
    ],
    learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
    evidence: [
      { type: 'child-care', person: 'C', amount: '600.00', period: { start: '2025-03-01', end: '2025-08-31' } },
      { type: 'income', subtype: 'other', person: 'B', amount: '900.00', period: { start: '2025-03-01', end: '2025-08-31' } },
    ],
  });

  it("finding 1: after a separation on 15 May, the child care of A's child counts once, on A's case, in June to August", () => {
    const out = simulate(separated);
    for (const month of ['2025-06', '2025-07', '2025-08']) {
      expect(amountOf(out, 'A', month, 'child-care')).toBe(600);
      expect(amountOf(out, 'B', month, 'child-care')).toBe(0);
    }
  });

  it("finding 1: after a separation, B's income is deducted on B's case only", () => {
    const out = simulate(separated);
    expect(amountOf(out, 'A', '2025-07', 'income')).toBe(0);
    expect(amountOf(out, 'B', '2025-07', 'income')).toBe(900);
  });

  it('finding 1: each of the two households is reported for every month after the separation', () => {
    const out = simulate(separated);
    const july = out.household.months.filter((m) => m.month === '2025-07');
    expect(july.map((m) => Object.keys(m.byCode['core-essential']!).filter((k) => k !== 'total'))).toEqual([['A'], ['B']]);
    expect(july.every((m) => m.balanced)).toBe(true);
  });

  it('finding 1: a spouse relationship starting on 20 May splits nothing in March and April', () => {
    const out = simulate(
      household({
        relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2025-05-20' }],
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [{ type: 'income', subtype: 'other', person: 'A', amount: '300.00', period: { start: '2025-03-01', end: '2025-08-31' } }],
      }),
    );
    expect(out.twoAttending?.months).toEqual(['2025-05', '2025-06', '2025-07', '2025-08']);
    expect(amountOf(out, 'A', '2025-04', 'income')).toBe(300);
    expect(amountOf(out, 'B', '2025-04', 'income')).toBe(0);
    expect(amountOf(out, 'A', '2025-06', 'income') + amountOf(out, 'B', '2025-06', 'income')).toBe(300);
  });

  it('finding 1: two adult siblings who are both learners each count only their own evidence', () => {
    const out = simulate(
      household({
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [
          { type: 'additional-health-benefits', person: 'A', amount: '80.00', period: { start: '2025-03-01', end: '2025-08-31' } },
          { type: 'income', subtype: 'other', person: 'A', amount: '200.00', period: { start: '2025-03-01', end: '2025-08-31' } },
        ],
      }),
    );
    expect(out.twoAttending).toBeUndefined();
    expect(amountOf(out, 'A', '2025-04', 'additional-health-benefits')).toBe(80);
    expect(amountOf(out, 'B', '2025-04', 'additional-health-benefits')).toBe(0);
    expect(amountOf(out, 'B', '2025-04', 'income')).toBe(0);
    expect(out.household.months.filter((m) => m.month === '2025-04')).toHaveLength(2);
  });

  it("finding 1: B's travel dated before B's training starts is not paid on A's case", () => {
    const out = simulate(
      household({
        relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
        learners: [fullTime('A', '2025-01-06', '2025-06-27'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [
          {
            type: 'extraordinary-training-travel',
            subtype: 'public-transit',
            person: 'B',
            amount: '120.00',
            period: { start: '2025-01-01', end: '2025-08-31' },
          },
        ],
      }),
    );
    expect(amountOf(out, 'A', '2025-01', 'extraordinary-training-travel')).toBe(0);
    expect(
      amountOf(out, 'A', '2025-04', 'extraordinary-training-travel') + amountOf(out, 'B', '2025-04', 'extraordinary-training-travel'),
    ).toBe(120);
    // What A's months count, A's applied evidence lists.
    const onA = appliedOf(out, 'A', 0);
    expect(onA).toHaveLength(1);
    expect(onA[0]!.amount).toBe('60.00');
  });

  it('finding 1: evidence that could belong to either of two households is refused, naming the entry', () => {
    const error = refusal(
      household({
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [
          { type: 'income', subtype: 'other', person: 'A', amount: '200.00', period: { start: '2025-03-01', end: '2025-08-31' } },
          { type: 'child-care', amount: '600.00', period: { start: '2025-03-01', end: '2025-08-31' } },
        ],
      }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extras.field).toBe('evidence.1');
    expect(error.extras.errors?.[0]?.code).toBe('AMBIGUOUS_EVIDENCE');
    expect(error.detail).toContain('Evidence 2 could belong to');
    expect(error.detail).not.toContain('evidence.1');
  });
});

describe('finding 3: two attending needs two full-time learners', () => {
  it("finding 3: a part-time partner's case is not split 50/50 and the household is paid once", () => {
    const out = simulate(
      household({
        relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29', 'part-time')],
        evidence: [{ type: 'child-care', amount: '600.00', period: { start: '2025-03-01', end: '2025-08-31' } }],
      }),
    );
    expect(out.twoAttending).toBeUndefined();
    expect(amountOf(out, 'A', '2025-04', 'director-approval-cost-adjustment')).toBe(0);
    expect(amountOf(out, 'A', '2025-04', 'core-essential')).toBe(646);
    expect(amountOf(out, 'B', '2025-04', 'core-essential')).toBe(0);
    expect(amountOf(out, 'A', '2025-04', 'child-care') + amountOf(out, 'B', '2025-04', 'child-care')).toBe(600);
    const april = out.household.months.filter((m) => m.month === '2025-04');
    expect(april).toHaveLength(1);
    expect(april[0]!.balanced).toBe(true);
  });
});

describe('finding 4: the E04 scholarship figure tells the same story as the months', () => {
  const example = household({
    relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
    learners: [fullTime('A', '2025-01-06', '2025-06-27'), fullTime('B', '2025-03-03', '2025-08-29')],
    evidence: [
      { type: 'income', subtype: 'scholarship', person: 'A', amount: '5000.00', period: { start: '2025-01-01', end: '2025-06-30' } },
    ],
  });

  it("finding 4: a January-June scholarship with a March-June overlap is applied as the exemption plus what each case's months count", () => {
    const out = simulate(example);
    const counted = (person: string) => caseOf(out, person).months.reduce((s, m) => s + amountOf(out, person, m.month, 'income'), 0);
    expect(counted('A')).toBe(1000);
    expect(counted('B')).toBe(500);
    expect(appliedOf(out, 'A', 0)[0]!.amount).toBe('4500.00');
    expect(appliedOf(out, 'B', 0)[0]!.amount).toBe('4000.00');
    expect(appliedOf(out, 'A', 0)[0]!.rule).toContain('$1,000.00');
  });

  it('finding 4: a $5,000 scholarship inside the overlap is still applied as $4,250.00 on each case (the E04 example)', () => {
    const out = simulate({
      ...example,
      evidence: [
        { type: 'income', subtype: 'scholarship', person: 'A', amount: '5000.00', period: { start: '2025-03-01', end: '2025-06-30' } },
      ],
    });
    expect(appliedOf(out, 'A', 0)[0]!.amount).toBe('4250.00');
    expect(appliedOf(out, 'B', 0)[0]!.amount).toBe('4250.00');
  });
});

describe('finding 5: only what counts is listed as applied', () => {
  it('finding 5: unapproved Director Approval is shown as waiting for a specialist, not as applied', () => {
    const out = simulate(
      household({
        relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [
          {
            type: 'director-approval',
            subtype: 'director-approval',
            amount: '500.00',
            approved: false,
            period: { start: '2025-03-01', end: '2025-08-31' },
          },
        ],
      }),
    );
    for (const person of ['A', 'B']) {
      const [row] = appliedOf(out, person, 0);
      expect(row!.status).toBe('waiting');
      expect(row!.rule).toMatch(/Learner Benefit Specialist/);
      expect(amountOf(out, person, '2025-04', 'director-approval')).toBe(0);
    }
  });
});

describe('finding 6: the liquid asset limit is an eligibility test, month by month', () => {
  const withAssets = (amount: string) =>
    household({
      people: [{ id: 'L', birthDate: '1995-02-11' }],
      rates: { 'core-essential': { '1 adult': '400.00' } },
      learners: [fullTime('L', '2025-09-02', '2025-12-19')],
      evidence: [{ type: 'assets', amount, period: { start: '2025-10-01', end: '2025-10-31' } }],
    });

  it('finding 6: assets at or above 3 x core benefits + $10,000 make the month ineligible, and only that month', () => {
    // Core Essential $400 (no shelter): the limit is 3 x $400 + $10,000 = $11,200.
    const out = simulate(withAssets('11200.00'));
    expect(monthOf(out, 'L', '2025-10')!.entitlement).toBe('0.00');
    expect(monthOf(out, 'L', '2025-10')!.components.find((c) => c.code === 'assets')!.rule).toMatch(/not eligible/);
    expect(monthOf(out, 'L', '2025-11')!.entitlement).toBe('400.00');
  });

  it('finding 6: assets below the limit deduct nothing', () => {
    const out = simulate(withAssets('11199.99'));
    expect(monthOf(out, 'L', '2025-10')!.entitlement).toBe('400.00');
  });
});

describe('finding 7: explanations say the true reason and cite the true source', () => {
  const partners = household({
    relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
    learners: [fullTime('A', '2025-01-06', '2025-02-28'), fullTime('B', '2025-03-03', '2025-08-29')],
    evidence: [
      { type: 'income', subtype: 'other', person: 'A', amount: '100.00', period: { start: '2025-01-01', end: '2025-02-28' } },
      {
        type: 'extraordinary-training-travel',
        subtype: 'private-vehicle',
        person: 'B',
        amount: '120.00',
        period: { start: '2025-03-01', end: '2025-08-31' },
      },
    ],
  });

  it('finding 7: evidence of two learners with no two-attending months is not said to be "not split (E04.01 list)"', () => {
    const out = simulate(partners);
    const [row] = appliedOf(out, 'A', 0);
    expect(row!.rule).not.toMatch(/E04\.01/);
    expect(row!.rule).toMatch(/no two-attending month/);
  });

  it('finding 7: private-vehicle travel says it is not split because it is private vehicle', () => {
    const out = simulate({ ...partners, learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')] });
    const travel = monthOf(out, 'B', '2025-04')!.components.find((c) => c.code === 'extraordinary-training-travel')!;
    expect(travel.rule).toMatch(/private vehicle/);
    expect(appliedOf(out, 'B', 1)[0]!.rule).toMatch(/private vehicle/);
  });

  it("finding 7: the negative-balance carry cites Waypoint's own rule, not E04.01", () => {
    const out = simulate(
      household({
        relationships: [{ type: 'spouse', people: ['A', 'B'], start: '2015-06-01' }],
        learners: [fullTime('A', '2025-03-03', '2025-08-29'), fullTime('B', '2025-03-03', '2025-08-29')],
        evidence: [
          { type: 'director-approval', subtype: 'cost-adjustment', amount: '-400.00', period: { start: '2025-03-01', end: '2025-08-31' } },
          {
            type: 'extraordinary-training-travel',
            subtype: 'private-vehicle',
            person: 'B',
            amount: '300.00',
            period: { start: '2025-03-01', end: '2025-08-31' },
          },
        ],
      }),
    );
    const carry = monthOf(out, 'A', '2025-04')!.components.find((c) => c.code === 'two-attending-balance')!;
    expect(carry.source).not.toMatch(/E04\.01/);
    expect(`${carry.rule} ${carry.source}`).toMatch(/docs\/policy\/e04-two-attending\.md/);
  });
});
