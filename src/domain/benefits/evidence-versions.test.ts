/**
 * Evidence versions (docs/records-and-statuses.md "Records"): "a correction replaces a wrong value for the same
 * period; a change of circumstance starts a new period. Nothing is deleted; superseded versions
 * stay readable." Statuses: in edit -> active -> superseded / cancelled.
 * Amounts are in cents: `150_00` is $150.00.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { loadBenefitPolicy } from '#policy/benefit-rates.ts';
import { addDays, monthPeriod, overlaps, type Period, type PlainYearMonth } from '../calendar.ts';
import { cents, type Money } from '../money.ts';
import type { Evidence } from './evidence.ts';
import {
  type ApprovalStatus,
  type EvidenceVersion,
  resolveEvidence,
  supersededBy,
  type VersionKind,
  type VersionStatus,
} from './evidence-versions.ts';
import { householdMonth, scholarshipExemptions } from './household-month.ts';

const day = (text: string) => Temporal.PlainDate.from(text);
const ym = (text: string) => Temporal.PlainYearMonth.from(text);
const months2025 = Array.from({ length: 12 }, (_, i) => Temporal.PlainYearMonth.from({ year: 2025, month: i + 1 }));

interface VersionFields {
  number: number;
  kind?: VersionKind;
  corrects?: string;
  amount: number;
  start: string;
  end?: string | null;
  status?: VersionStatus;
  approval?: ApprovalStatus;
  type?: string;
  subtype?: string | null;
}

const version = (f: VersionFields): EvidenceVersion => ({
  id: `v${f.number}`,
  evidenceId: 'e1000000-shelter',
  number: f.number,
  kind: f.kind ?? 'original',
  correctsVersionId: f.corrects ?? null,
  type: f.type ?? 'additional-shelter',
  subtype: f.subtype ?? null,
  personId: null,
  amount: cents(f.amount),
  period: { start: day(f.start), end: f.end ? day(f.end) : null },
  status: f.status ?? 'active',
  approval: f.approval ?? 'not-required',
});

/** The monthly amount in force in each month of 2025 (the sum of the pieces in force that month). */
const monthlyAmounts = (pieces: readonly Evidence[]): number[] =>
  months2025.map((m) => pieces.filter((p) => overlaps(p.period, monthPeriod(m))).reduce((s, p) => s + (p.amount ?? 0), 0));

/** The same, as the benefit rules see it: the additional-shelter component of a household month. */
const policy = loadBenefitPolicy();
function additionalShelterIn(month: PlainYearMonth, pieces: readonly Evidence[]): number {
  const rules = policy.rules(month);
  const result = householdMonth({
    month,
    adults: ['A', 'B'],
    children: [],
    attending: [{ personId: 'A', training: { start: day('2025-01-06'), end: day('2025-12-19') }, load: 'full-time' }],
    evidence: pieces,
    rates: policy.rates,
    rules,
    scholarshipExemptions: scholarshipExemptions(pieces, rules),
  });
  return result.components
    .filter((c) => c.code === 'additional-shelter' || c.code === 'director-approval')
    .reduce((s, c) => s + c.amount, 0);
}

const original = version({ number: 1, amount: 100_00, start: '2025-01-01' });
/** After applying v2: the correction supersedes v1 (as `supersededBy` says). */
const afterCorrection = [
  { ...original, status: 'superseded' as const },
  version({ number: 2, kind: 'correction', corrects: 'v1', amount: 150_00, start: '2025-01-01' }),
];
/** After applying v2: a change of circumstance leaves v1 active for its (shortened) time. */
const afterChange = [original, version({ number: 2, kind: 'change', amount: 150_00, start: '2025-04-01' })];

describe('a correction and a change of circumstance differ exactly as docs/records-and-statuses.md says', () => {
  it('a correction replaces the wrong value for the same period: every month from January becomes 150', () => {
    const pieces = resolveEvidence(afterCorrection);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ amount: 150_00, period: { start: day('2025-01-01'), end: null } });
    expect(monthlyAmounts(pieces)).toEqual(months2025.map(() => 150_00));
  });

  it('a change of circumstance starts a new period and leaves earlier months as they were: 100 to March, 150 from April', () => {
    const pieces = resolveEvidence(afterChange);
    expect(pieces.map((p) => [p.amount, p.period.start.toString(), p.period.end?.toString() ?? null])).toEqual([
      [100_00, '2025-01-01', '2025-03-31'],
      [150_00, '2025-04-01', null],
    ]);
    expect(monthlyAmounts(pieces)).toEqual([100_00, 100_00, 100_00, ...months2025.slice(3).map(() => 150_00)]);
  });

  it('against the original, the correction changes January onward and the change of circumstance April onward only', () => {
    const before = monthlyAmounts(resolveEvidence([original]));
    const changedMonths = (after: number[]) => months2025.filter((_, i) => after[i] !== before[i]).map((m) => m.toString());
    expect(changedMonths(monthlyAmounts(resolveEvidence(afterCorrection)))).toEqual(months2025.map((m) => m.toString()));
    expect(changedMonths(monthlyAmounts(resolveEvidence(afterChange)))).toEqual(months2025.slice(3).map((m) => m.toString()));
  });

  it('the benefit rules see the same difference: the household month counts 150 from January after a correction, from April after a change', () => {
    expect(months2025.map((m) => additionalShelterIn(m, resolveEvidence(afterCorrection)))).toEqual(months2025.map(() => 150_00));
    expect(months2025.map((m) => additionalShelterIn(m, resolveEvidence(afterChange)))).toEqual([
      100_00,
      100_00,
      100_00,
      ...months2025.slice(3).map(() => 150_00),
    ]);
  });

  it('a correction supersedes the version it corrects; a change of circumstance supersedes nothing', () => {
    expect(supersededBy(afterCorrection[1]!, [original])).toEqual(['v1']);
    expect(supersededBy(afterChange[1]!, [original])).toEqual([]);
  });

  it('a correction of a correction replaces it in turn', () => {
    const pieces = resolveEvidence([
      { ...original, status: 'superseded' },
      version({ number: 2, kind: 'correction', corrects: 'v1', amount: 150_00, start: '2025-01-01', status: 'superseded' }),
      version({ number: 3, kind: 'correction', corrects: 'v2', amount: 125_00, start: '2025-01-01' }),
    ]);
    expect(monthlyAmounts(pieces)).toEqual(months2025.map(() => 125_00));
  });

  it('each resolved piece names its version, so explanations can cite it', () => {
    expect(resolveEvidence(afterChange).map((p) => p.label)).toEqual([
      expect.stringContaining('version 1 (original)'),
      expect.stringContaining('version 2 (change)'),
    ]);
  });
});

describe('which versions are in force', () => {
  it('an in-edit correction is not in force until the changes are applied', () => {
    const pieces = resolveEvidence([
      original,
      version({ number: 2, kind: 'correction', corrects: 'v1', amount: 150_00, start: '2025-01-01', status: 'in-edit' }),
    ]);
    expect(monthlyAmounts(pieces)).toEqual(months2025.map(() => 100_00));
  });

  it('an in-edit change of circumstance is not in force until the changes are applied', () => {
    const pieces = resolveEvidence([
      original,
      version({ number: 2, kind: 'change', amount: 150_00, start: '2025-04-01', status: 'in-edit' }),
    ]);
    expect(monthlyAmounts(pieces)).toEqual(months2025.map(() => 100_00));
  });

  it('a record whose only version is in edit has nothing in force', () => {
    expect(resolveEvidence([{ ...original, status: 'in-edit' }])).toEqual([]);
  });

  it('a cancelled version is not in force', () => {
    expect(
      monthlyAmounts(
        resolveEvidence([original, version({ number: 2, kind: 'change', amount: 150_00, start: '2025-04-01', status: 'cancelled' })]),
      ),
    ).toEqual(months2025.map(() => 100_00));
    expect(resolveEvidence([{ ...original, status: 'cancelled' }])).toEqual([]);
  });

  it('superseded versions do not count: only the correction that superseded them does', () => {
    const pieces = resolveEvidence(afterCorrection);
    expect(pieces.map((p) => p.amount)).toEqual([150_00]);
    expect(pieces.some((p) => p.label.includes('version 1'))).toBe(false);
  });

  it.each([
    ['pending', false],
    ['rejected', false],
    ['approved', true],
  ] as const)('a Director Approval whose approval is %s is approved: %s', (approval, approved) => {
    const da = version({
      number: 1,
      amount: -50_00,
      start: '2025-01-01',
      type: 'director-approval',
      subtype: 'director-approval',
      approval,
    });
    expect(resolveEvidence([da]).map((p) => p.approved)).toEqual([approved]);
  });

  it('a pending Director Approval does not count in the household month; once approved it does', () => {
    const pending = version({
      number: 1,
      amount: 75_00,
      start: '2025-01-01',
      type: 'director-approval',
      subtype: 'director-approval',
      approval: 'pending',
    });
    expect(additionalShelterIn(ym('2025-03'), resolveEvidence([pending]))).toBe(0);
    expect(additionalShelterIn(ym('2025-03'), resolveEvidence([{ ...pending, approval: 'approved' }]))).toBe(75_00);
  });

  it('evidence that needs no approval is approved', () => {
    expect(resolveEvidence([original]).map((p) => p.approved)).toEqual([true]);
  });

  it('a change of circumstance that ends leaves nothing in force after it ends', () => {
    const pieces = resolveEvidence([
      original,
      version({ number: 2, kind: 'change', amount: 150_00, start: '2025-04-01', end: '2025-06-30' }),
    ]);
    expect(monthlyAmounts(pieces)).toEqual([100_00, 100_00, 100_00, 150_00, 150_00, 150_00, 0, 0, 0, 0, 0, 0]);
  });
});

describe('resolved pieces never overlap in time', () => {
  // BUG (evidence-versions.ts, resolveEvidence, the correction branch `pieces[i] = v`): a correction
  // of a version that an earlier change of circumstance had shortened takes the correction's own
  // (full, "same") period, so it runs on past the change and both count from April.
  it("correcting the original after a change of circumstance keeps the original's shortened period", () => {
    const pieces = resolveEvidence([
      { ...original, status: 'superseded' },
      version({ number: 2, kind: 'change', amount: 150_00, start: '2025-04-01' }),
      version({ number: 3, kind: 'correction', corrects: 'v1', amount: 120_00, start: '2025-01-01' }),
    ]);
    expect(monthlyAmounts(pieces)).toEqual([120_00, 120_00, 120_00, ...months2025.slice(3).map(() => 150_00)]);
  });

  /**
   * Random histories of one record: an original, then corrections (each of an active version, for
   * the same period as the version it corrects, and superseding it when applied) and changes of
   * circumstance, each applied, still in edit, or cancelled.
   */
  const dayOf2025 = fc.integer({ min: 0, max: 364 }).map((n) => addDays(day('2025-01-01'), n));
  const periodArb: fc.Arbitrary<Period> = fc
    .tuple(dayOf2025, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }))
    .map(([start, length]) => ({ start, end: length === null ? null : addDays(start, length) }));
  type Step =
    | { kind: 'correction'; target: number; amount: number; status: VersionStatus }
    | { kind: 'change'; period: Period; amount: number; status: VersionStatus };
  const status = fc.constantFrom<VersionStatus>('active', 'active', 'in-edit', 'cancelled');
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('correction' as const), target: fc.nat(), amount: fc.integer({ min: 0, max: 100_000 }), status }),
    fc.record({ kind: fc.constant('change' as const), period: periodArb, amount: fc.integer({ min: 0, max: 100_000 }), status }),
  );
  const history = fc.tuple(periodArb, fc.array(step, { maxLength: 6 })).map(([first, steps]) => {
    const versions: EvidenceVersion[] = [{ ...version({ number: 1, amount: 100_00, start: '2025-01-01' }), period: first }];
    for (const s of steps) {
      const number = versions.length + 1;
      if (s.kind === 'correction') {
        // Only an applied version that is still current can be corrected (the original always is, at first).
        const applied = versions.filter((x) => x.status === 'active');
        const target = applied[s.target % applied.length]!;
        const v: EvidenceVersion = {
          ...target,
          id: `v${number}`,
          number,
          kind: 'correction',
          correctsVersionId: target.id,
          amount: cents(s.amount) as Money,
          status: s.status,
        };
        if (s.status === 'active') {
          for (const id of supersededBy(v, versions)) {
            const i = versions.findIndex((x) => x.id === id);
            versions[i] = { ...versions[i]!, status: 'superseded' };
          }
        }
        versions.push(v);
      } else {
        versions.push({
          ...version({ number, kind: 'change', amount: s.amount, start: '2025-01-01', status: s.status }),
          period: s.period,
        });
      }
    }
    return versions;
  });

  const overlapping = (pieces: readonly Evidence[]) => {
    for (let i = 0; i < pieces.length; i++)
      for (let j = i + 1; j < pieces.length; j++) if (overlaps(pieces[i]!.period, pieces[j]!.period)) return [pieces[i], pieces[j]];
    return null;
  };

  it('for histories of originals and changes of circumstance, the resolved pieces never overlap in time', () => {
    fc.assert(
      fc.property(history, (versions) => {
        const withoutCorrections = versions
          .filter((v) => v.kind !== 'correction')
          .map((v) => (v.status === 'superseded' ? { ...v, status: 'active' as const } : v));
        expect(overlapping(resolveEvidence(withoutCorrections))).toBeNull();
      }),
      { numRuns: 2_000 },
    );
  });

  // Same BUG as above: fails as soon as a correction follows a change of circumstance that shortened
  // the version it corrects, or displaced it entirely (then the correction, not finding it, is
  // appended whole). fast-check shrinks to: v1 original from Jan 1, v2 change from Jan 1, v3
  // correction of v1 -> v2 and v3 both in force from Jan 1.
  it('for random version histories, the resolved pieces never overlap in time', () => {
    fc.assert(
      fc.property(history, (versions) => {
        expect(overlapping(resolveEvidence(versions))).toBeNull();
      }),
      { numRuns: 2_000 },
    );
  });
});
