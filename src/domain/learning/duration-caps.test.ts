/** Duration caps [ETS4360; IESA6404; ETS4337; ETS6312]: per stream, combined, low literacy. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { capBreaches, checkDurationCaps, checkDurationCapsOnChange } from './duration-caps.ts';
import { countStreams } from './stream-months.ts';
import { POLICY } from './test-policy.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
// 18 months of ESL: 2023-01 to 2024-06.
const esl18 = { stream: 'esl', start: d('2023-01-09'), end: d('2024-06-28') };

describe('funding past a duration cap is refused, naming the cap', () => {
  it('ESL at 18 months with 4 more months is refused: 22 months passes the 20-month stream cap', () => {
    const [refusal] = checkDurationCaps([esl18], { stream: 'esl', start: d('2024-09-03'), end: d('2024-12-20') }, POLICY);
    expect(refusal).toMatchObject({
      code: 'DURATION_CAP_EXCEEDED',
      rule: expect.stringContaining('ETS4360'),
      facts: { cap: 'stream', stream: 'esl', capMonths: 20, months: 18 + 4 },
    });
  });

  it('ESL at 18 months with 2 more months reaches the cap of 20 and is allowed', () => {
    expect(checkDurationCaps([esl18], { stream: 'esl', start: d('2024-09-03'), end: d('2024-10-31') }, POLICY)).toEqual([]);
  });

  it('a session starting on the 16th does not count its first month, so it can fit under the cap', () => {
    expect(checkDurationCaps([esl18], { stream: 'esl', start: d('2024-09-16'), end: d('2024-11-29') }, POLICY)).toEqual([]);
  });

  it('18 months of ESL and 14 of Academic Upgrading pass the combined cap of 30 months', () => {
    const [refusal] = checkDurationCaps([esl18], { stream: 'academic-upgrading', start: d('2024-09-03'), end: d('2025-10-31') }, POLICY);
    expect(refusal).toMatchObject({ rule: expect.stringContaining('ETS4337'), facts: { cap: 'combined', capMonths: 30, months: 18 + 14 } });
  });

  it('a learner with low literacy may go to 30 + 10 months combined', () => {
    const proposed = { stream: 'academic-upgrading', start: d('2024-09-03'), end: d('2025-10-31') };
    expect(checkDurationCaps([esl18], proposed, POLICY, { lowLiteracy: true })).toEqual([]);
  });

  it('Basic Skills is capped at 30 months, not 20', () => {
    const basic = { stream: 'basic-skills', start: d('2023-01-09'), end: d('2025-02-28') };
    expect(capBreaches([], basic, POLICY)).toEqual([]);
  });

  it('an approved exception lets funding past a cap go ahead', () => {
    const proposed = { stream: 'esl', start: d('2024-09-03'), end: d('2024-12-20') };
    expect(checkDurationCaps([esl18], proposed, POLICY, { exceptionApproved: true })).toEqual([]);
  });
});

describe('extending funded training past a duration cap is refused, naming the cap', () => {
  // 18 months of ESL funded, then 2 more months (Sept-Oct 2024) reaching the cap of 20.
  const esl2 = { stream: 'esl', start: d('2024-09-03'), end: d('2024-10-31') };
  it('extending ESL from 20 to 22 months is refused at the 20-month stream cap', () => {
    const [refusal] = checkDurationCapsOnChange([esl18], esl2, { ...esl2, end: d('2024-12-20') }, POLICY);
    expect(refusal).toMatchObject({
      code: 'DURATION_CAP_EXCEEDED',
      field: 'trainingEnd',
      facts: { cap: 'stream', stream: 'esl', capMonths: 20, months: 18 + 4 },
    });
  });
  it('moving the same months a few days later within the month they end in is allowed', () => {
    expect(checkDurationCapsOnChange([esl18], esl2, { ...esl2, end: d('2024-10-15') }, POLICY)).toEqual([]);
  });
  it('shortening training that is already past a cap is allowed', () => {
    const past = { stream: 'esl', start: d('2024-09-03'), end: d('2024-12-20') };
    expect(checkDurationCapsOnChange([esl18], past, { ...past, end: d('2024-11-29') }, POLICY)).toEqual([]);
  });
  it('an approved exception lets the extension go ahead', () => {
    expect(checkDurationCapsOnChange([esl18], esl2, { ...esl2, end: d('2024-12-20') }, POLICY, { exceptionApproved: true })).toEqual([]);
  });
});

describe('duration cap properties', () => {
  const date = fc.integer({ min: 0, max: 5000 }).map((n) => d('2015-01-01').add({ days: n }));
  const session = fc
    .tuple(date, fc.integer({ min: 0, max: 900 }), fc.constantFrom('esl', 'basic-skills', 'academic-upgrading'))
    .map(([start, days, stream]) => ({ stream, start, end: start.add({ days }) }));

  it('a session is refused only when a count with it is past its cap', () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 4 }), session, (funded, proposed) => {
        const after = countStreams([...funded, proposed], POLICY);
        const over = after.streams.some((s) => s.months > s.capMonths) || after.combined.months > after.combined.capMonths;
        if (!over) expect(checkDurationCaps(funded, proposed, POLICY)).toEqual([]);
      }),
    );
  });
});
