import { describe, expect, it } from 'vitest';
import { workerCount } from './chunked.ts';
import { packGroups } from './groups.ts';

describe('workers for one run in this process (jobs run --workers)', () => {
  it('defaults to one worker when not given', () => {
    expect(workerCount(undefined)).toBe(1);
  });

  it('takes a whole number of workers', () => {
    expect(workerCount('4')).toBe(4);
  });

  it.each(['abc', '0', '-2', '1.5', '65'])('refuses %s by name instead of running no worker at all', (value) => {
    expect(() => workerCount(value)).toThrow(/--workers must be a whole number from 1 to 64/);
  });
});

describe('chunks of a run', () => {
  it('keeps each household whole in one chunk', () => {
    const households = [Array.from({ length: 49 }, (_, i) => `a${i}`), ['b1', 'b2'], ['c1']];
    expect(packGroups(households, 50)).toEqual([[...households[0]!, 'b1', 'b2'], ['c1']]);
  });
});

describe('chunk sizes towards the end of a run', () => {
  const singles = (n: number) => Array.from({ length: n }, (_, i) => [`k${i}`]);
  const sizes = (n: number, size: number) => packGroups(singles(n), size).map((c) => c.length);

  it('packs the bulk of a big run in full-size chunks', () => {
    expect(sizes(100_000, 500).filter((n) => n === 500).length).toBeGreaterThan(190);
  });

  it('makes each chunk at most a quarter of the keys left, so that the last chunks of 2,655 cases are small ones', () => {
    expect(sizes(2_655, 500)).toEqual([500, 500, 414, 311, 233, 175, 131, 98, 74, 55, 50, 50, 50, 14]);
  });

  it('keeps every key of the run exactly once', () => {
    expect(packGroups(singles(3_511), 500).flat()).toEqual(singles(3_511).flat());
  });

  it('keeps a configured size of 50 or less for every chunk but the last', () => {
    expect(sizes(200, 10)).toEqual(Array(20).fill(10));
  });
});
