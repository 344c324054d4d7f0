/** The figures of src/policy/data/learning-streams.json as a plain value, for the unit tests of this folder. */
import type { LearningStreamPolicy } from './streams.ts';

export const POLICY: LearningStreamPolicy = {
  subsequentTrainingMonths: 48,
  monthCountsWhenSessionStartsBeforeDay: 16,
  streams: [
    { code: 'esl', label: 'English as a Second Language', capMonths: 20 },
    { code: 'basic-skills', label: 'Basic Skills', capMonths: 30 },
    { code: 'academic-upgrading', label: 'Academic Upgrading', capMonths: 20 },
    { code: 'transitional-vocational', label: 'Transitional Vocational', capMonths: 20 },
  ],
  combinedCapMonths: 30,
  lowLiteracyExtraMonths: 10,
  planLimits: {
    firstPlan: { standardMonths: 30, exceptionalMonths: 40, reducedLoadMonths: 50 },
    subsequentPlan: { standardMonths: 30, exceptionalMonths: null, reducedLoadMonths: 50 },
    reducedLoadMinPercent: 40,
  },
  reference: 'test',
};
