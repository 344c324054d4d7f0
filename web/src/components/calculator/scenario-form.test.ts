import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import exampleJson from '../../../../examples/two-attending-household.json' with { type: 'json' };
import { fieldLabel } from './field-words.ts';
import { formToScenario, parseScenario, type Scenario, type ScenarioForm, scenarioJson, scenarioToForm } from './scenario-form.ts';

/** The documented example (examples/two-attending-household.json). */
const example = exampleJson as unknown as Scenario;

const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Ids and codes as a scenario holds them: trimmed, not empty. */
const word = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== '');
const amount = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
});
const rateTable = fc.constantFrom('core-essential', 'core-shelter', 'handicap-benefit', 'special-diet', 'child-care-babysitting');
const rateKey = fc.constantFrom('1 adult', '2 adults', 'each child', 'renting: 1 adult', 'each person');

/** A scenario as the API takes it, in the form export writes: lists present, optional members absent rather than empty. */
const scenario: fc.Arbitrary<Scenario> = fc.record(
  {
    asOf: isoDate,
    people: fc.array(fc.record({ id: word, birthDate: isoDate }), { minLength: 1, maxLength: 5 }),
    relationships: fc.array(
      fc.record(
        { type: fc.constantFrom('spouse' as const, 'dependant' as const), people: fc.tuple(word, word), start: isoDate, end: isoDate },
        { requiredKeys: ['type', 'people', 'start'] },
      ),
      { maxLength: 4 },
    ),
    learners: fc.array(
      fc.record({
        person: word,
        training: fc.record({ start: isoDate, end: isoDate, load: fc.constantFrom('full-time' as const, 'part-time' as const) }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    evidence: fc.array(
      fc.record(
        {
          type: word,
          subtype: word,
          person: word,
          amount,
          approved: fc.boolean(),
          period: fc.record({ start: isoDate, end: isoDate }, { requiredKeys: ['start'] }),
        },
        { requiredKeys: ['type', 'period'] },
      ),
      { maxLength: 6 },
    ),
    rates: fc.dictionary(rateTable, fc.dictionary(rateKey, amount, { minKeys: 1, maxKeys: 3 }), { minKeys: 1, maxKeys: 3 }),
  },
  { requiredKeys: ['asOf', 'people', 'relationships', 'learners', 'evidence'] },
);

/** What a person may have typed: any text, spaces around it, optional fields left empty. */
const typed = fc.string({ maxLength: 6 });
const form: fc.Arbitrary<ScenarioForm> = fc.record({
  asOf: typed,
  people: fc.array(fc.record({ id: typed, birthDate: typed }), { maxLength: 4 }),
  relationships: fc.array(
    fc.record({
      type: fc.constantFrom('' as const, 'spouse' as const, 'dependant' as const),
      people: fc.tuple(typed, typed),
      start: typed,
      end: typed,
    }),
    { maxLength: 3 },
  ),
  learners: fc.array(
    fc.record({
      person: typed,
      training: fc.record({ start: typed, end: typed, load: fc.constantFrom('' as const, 'full-time' as const, 'part-time' as const) }),
    }),
    { maxLength: 2 },
  ),
  evidence: fc.array(
    fc.record({
      type: typed,
      subtype: typed,
      person: typed,
      amount: typed,
      approved: fc.constantFrom('' as const, 'yes' as const, 'no' as const),
      period: fc.record({ start: typed, end: typed }),
    }),
    { maxLength: 4 },
  ),
  rates: fc.array(fc.record({ table: rateTable, key: rateKey, amount: typed }), { maxLength: 4 }),
});

describe('the calculator form and the scenario it stands for', () => {
  test('a scenario shown in the form and exported again is the same scenario', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(formToScenario(scenarioToForm(s))).toEqual(s);
      }),
    );
  });

  test('an exported file imported again fills the form with what it held', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const parsed = parseScenario(scenarioJson(s), fieldLabel);
        expect(parsed.ok && scenarioToForm(parsed.scenario)).toEqual(scenarioToForm(s));
      }),
    );
  });

  test('whatever was typed, export then import then export gives the first export again', () => {
    fc.assert(
      fc.property(form, (f) => {
        const exported = formToScenario(f);
        expect(formToScenario(scenarioToForm(exported))).toEqual(exported);
      }),
    );
  });

  test('the two-attending example goes through the form unchanged', () => {
    expect(formToScenario(scenarioToForm(example))).toEqual(example);
  });

  test('empty optional fields are left out of the scenario and spaces around values are dropped', () => {
    const exported = formToScenario({
      asOf: ' 2025-01-15 ',
      people: [{ id: ' A ', birthDate: '1990-04-02' }],
      relationships: [],
      learners: [{ person: 'A', training: { start: '2025-01-06', end: '2025-06-27', load: 'full-time' } }],
      evidence: [
        { type: 'child-care', subtype: ' ', person: '', amount: '600.00', approved: '', period: { start: '2025-01-01', end: '' } },
      ],
      rates: [],
    });
    expect(exported).toEqual({
      asOf: '2025-01-15',
      people: [{ id: 'A', birthDate: '1990-04-02' }],
      relationships: [],
      learners: [{ person: 'A', training: { start: '2025-01-06', end: '2025-06-27', load: 'full-time' } }],
      evidence: [{ type: 'child-care', amount: '600.00', period: { start: '2025-01-01' } }],
    });
  });

  test('Director Approval not yet approved stays not approved through the form', () => {
    const row = { type: 'director-approval', amount: '-100.00', approved: false, period: { start: '2025-02-01' } };
    const s: Scenario = { ...example, evidence: [row] };
    expect(scenarioToForm(s).evidence[0]?.approved).toBe('no');
    expect(formToScenario(scenarioToForm(s)).evidence?.[0]).toEqual(row);
  });
});

describe('reading a pasted or uploaded scenario', () => {
  test('text that is not JSON is refused in words', () => {
    const parsed = parseScenario('{ "asOf": ', fieldLabel);
    expect(parsed).toEqual({ ok: false, message: 'This is not JSON a scenario can be read from: check the brackets, quotes and commas.' });
  });

  test('a missing list is named in words', () => {
    const { people: _, ...rest } = example;
    expect(parseScenario(JSON.stringify(rest), fieldLabel)).toEqual({ ok: false, message: 'People is missing.' });
  });

  test('an amount given as a number names its evidence row and field', () => {
    const s = { ...example, evidence: [{ type: 'child-care', amount: 600, period: { start: '2025-01-01' } }] };
    expect(parseScenario(JSON.stringify(s), fieldLabel)).toEqual({ ok: false, message: 'Evidence row 1, amount should be text.' });
  });

  test('a scenario without relationships or evidence is read with empty lists', () => {
    const { relationships: _r, evidence: _e, ...rest } = example;
    const parsed = parseScenario(JSON.stringify(rest), fieldLabel);
    expect(parsed.ok && [parsed.scenario.relationships, parsed.scenario.evidence]).toEqual([[], []]);
  });
});
