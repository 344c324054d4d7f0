import { describe, expect, it } from 'vitest';
import { chunkWorkers } from './chunked.ts';

describe('chunk loops per process (WAYPOINT_JOB_WORKERS, jobs run --workers)', () => {
  it('defaults to one loop when not set', () => {
    expect(chunkWorkers(undefined)).toBe(1);
  });

  it('takes a whole number of loops', () => {
    expect(chunkWorkers('4')).toBe(4);
  });

  it.each(['abc', '0', '-2', '1.5', '65'])('refuses %s by name instead of running no loop at all', (value) => {
    expect(() => chunkWorkers(value)).toThrow(/WAYPOINT_JOB_WORKERS \(--workers\) must be a whole number from 1 to 64/);
  });
});
