/**
 * Bounds on the household calculator (POST /api/simulations), so that a small request cannot ask
 * for an enormous answer: its response has a line per learner, month and piece of evidence, so a
 * training of 175 years with 150 pieces of evidence once made a 17 KB request answer 52 MB.
 * These are our own limits on the calculator, not policy rules: a training of at most 60 months,
 * and at most 10,000 learner-months times pieces of evidence (about 2 MB of answer). The route is
 * also rate-limited per address.
 */
import { AppError } from './errors.ts';

export const MAX_TRAINING_MONTHS = 60;
export const MAX_SIMULATION_CELLS = 10_000;
export const SIMULATIONS_PER_MINUTE = 30;
/** Request bodies: 200 pieces of evidence at most, well under this. */
export const SIMULATION_BODY_LIMIT = 64 * 1024;

/** Calendar months a period touches, both ends included (dates already validated as YYYY-MM-DD). */
const monthsTouched = (start: string, end: string) =>
  (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7)) + 1;

interface SimulationShape {
  readonly learners: readonly { training: { start: string; end: string } }[];
  readonly evidence: readonly unknown[];
}

/** REQUEST_TOO_LARGE naming the field, before anything is calculated. */
export function checkSimulationSize(input: SimulationShape): void {
  let cells = 0;
  input.learners.forEach((learner, i) => {
    const months = monthsTouched(learner.training.start, learner.training.end);
    if (months > MAX_TRAINING_MONTHS) {
      throw new AppError(
        'REQUEST_TOO_LARGE',
        `The calculator takes a training of at most ${MAX_TRAINING_MONTHS} months; this one spans ${months}.`,
        {
          field: `learners.${i}.training.end`,
          rule: 'Waypoint calculator bounds',
        },
      );
    }
    cells += Math.max(months, 0) * (input.evidence.length + 1);
  });
  if (cells > MAX_SIMULATION_CELLS) {
    throw new AppError(
      'REQUEST_TOO_LARGE',
      `Months of training times pieces of evidence come to ${cells}; the calculator takes at most ${MAX_SIMULATION_CELLS}. Calculate a shorter period or fewer pieces of evidence.`,
      {
        field: 'evidence',
        rule: 'Waypoint calculator bounds',
      },
    );
  }
}
