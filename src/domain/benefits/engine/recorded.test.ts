/**
 * The engine (engine/*.ts, rules/*.ts) against outcomes recorded from the implementation it replaced:
 * 10,000 households from a fixed seed, of every shape the household property test makes
 * (two-attending/household.property.test.ts, whose generator is repeated here), each determined with
 * both learners and with A alone; the SHA-256 of their JSON (amounts, explanations, key order, or the
 * refusal) must be the recorded one. Before the old implementation was removed, a property test
 * found the two identical over 100,000 generated households (see the commit that removed it).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdArb, snapshotOf } from '#test/support/household-arbitrary.ts';
import { determineHousehold, type HouseholdSnapshot } from '../determine.ts';

/** The outcome of a determination as JSON: the result, or the refusal's name and message. */
function outcome(determine: (s: HouseholdSnapshot) => unknown, snapshot: HouseholdSnapshot): string {
  try {
    return JSON.stringify(determine(snapshot));
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return JSON.stringify({ refused: error.name, message: error.message });
  }
}

/** Households determined for the recorded digest, from a fixed seed. */
const RECORDED_HOUSEHOLDS = 10_000;
const RECORDED_SEED = 20_261_130;
/** SHA-256 of the outcomes (both learners, then A alone) of those households, one JSON line each, recorded from the implementation the engine replaced (commit 3c9df21). */
const RECORDED_DIGEST = '3534e187c079e5b25bd49fbff7ae2b9ba39ee05c0c777b581a1f53425fc464b2';

/**
 * Wording changed on purpose since the recording, new text first: each is put back to the recorded
 * wording before hashing, so amounts and every other word are still compared with the recording.
 */
const WORDING_CHANGES_SINCE_RECORDING: readonly (readonly [string, string])[] = [
  ['(our reading of the scholarship exemption)', '(our reading: docs/policy/learner-benefits.md)'],
  ['(our reading of the scholarship exemption, in the learner benefits policy)', '(our reading, docs/policy/learner-benefits.md)'],
];

const asRecorded = (line: string) => WORDING_CHANGES_SINCE_RECORDING.reduce((text, [now, then]) => text.replaceAll(now, then), line);

function digestOf(determine: (s: HouseholdSnapshot) => unknown): string {
  const hash = createHash('sha256');
  for (const h of fc.sample(householdArb, { seed: RECORDED_SEED, numRuns: RECORDED_HOUSEHOLDS })) {
    const both = snapshotOf(h);
    for (const snapshot of [both, { ...both, learners: [h.a] }]) hash.update(`${asRecorded(outcome(determine, snapshot))}\n`);
  }
  return hash.digest('hex');
}

describe('the engine', () => {
  it(`determines ${RECORDED_HOUSEHOLDS.toLocaleString('en')} generated households of seed ${RECORDED_SEED} exactly as recorded from the implementation it replaced`, () => {
    expect(digestOf(determineHousehold)).toBe(RECORDED_DIGEST);
  }, 600_000);
});
