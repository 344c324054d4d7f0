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
