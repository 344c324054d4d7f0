import { describe, expect, it } from 'vitest';
import { JOBS } from './registry.ts';

describe('the jobs a supervisor reads on the Batch jobs page', () => {
  it.each(JOBS.map((job) => [job.name, job.description]))(
    '%s is described in words, without text arrows or the abbreviation PDC',
    (_name, description) => {
      expect(description).not.toMatch(/->|\bPDCs?\b/);
    },
  );
});
