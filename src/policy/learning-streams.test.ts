import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import raw from './data/learning-streams.json' with { type: 'json' };
import { PolicyCoverageError } from './effective.ts';
import { loadLearningStreamPolicy } from './learning-streams.ts';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('learning stream figures are dated data with a source', () => {
  it('the figures in force today are 48 months, the 16th, 20 per stream, 30 combined and 10 more for low literacy', () => {
    const p = loadLearningStreamPolicy()(Temporal.PlainDate.from('2026-11-30'));
    expect([p.subsequentTrainingMonths, p.monthCountsWhenSessionStartsBeforeDay, p.combinedCapMonths, p.lowLiteracyExtraMonths]).toEqual([
      48, 16, 30, 10,
    ]);
    expect(p.streams.find((s) => s.code === 'esl')?.capMonths).toBe(20);
  });

  it('the ISTHB s.44 plan limits in force today are a first plan 30/40/50 months and a subsequent plan 30 or 50, at 40% load', () => {
    const p = loadLearningStreamPolicy()(Temporal.PlainDate.from('2026-11-30'));
    expect(p.planLimits).toEqual({
      firstPlan: { standardMonths: 30, exceptionalMonths: 40, reducedLoadMonths: 50 },
      subsequentPlan: { standardMonths: 30, exceptionalMonths: null, reducedLoadMonths: 50 },
      reducedLoadMinPercent: 40,
    });
  });

  it('plan limits without their source are refused at load', () => {
    const bad = clone(raw) as { periods: Record<string, unknown>[] };
    delete bad.periods[0]!.planLimitSource;
    expect(() => loadLearningStreamPolicy(bad)).toThrow(/planLimitSource/);
  });

  it('an exceptional limit shorter than the standard one is refused at load', () => {
    const bad = clone(raw);
    bad.periods[0]!.planLimits.firstPlan.exceptionalMonths = 20;
    expect(() => loadLearningStreamPolicy(bad)).toThrow(/at least the standard limit/);
  });

  it('asking before the first period is an error, never a silent default', () => {
    expect(() => loadLearningStreamPolicy()(Temporal.PlainDate.from('2010-01-01'))).toThrow(PolicyCoverageError);
  });

  it('a figure without its source is refused at load, naming the file', () => {
    const bad = clone(raw) as { periods: Record<string, unknown>[] };
    delete bad.periods[0]!.combinedCapSource;
    expect(() => loadLearningStreamPolicy(bad)).toThrow(/learning-streams\.json is invalid[\s\S]*combinedCapSource/);
  });

  it('two streams with one code are refused at load', () => {
    const bad = clone(raw);
    bad.periods[0]!.streams.push({ ...bad.periods[0]!.streams[0]! });
    expect(() => loadLearningStreamPolicy(bad)).toThrow(/stream codes must be unique/);
  });
});
