/**
 * The household calculator's form and the scenario the API takes (docs/scenarios.md), as pure
 * functions: the form holds every value as text (what the controls hold), the scenario is the JSON
 * of `POST /api/simulations`. Export is `formToScenario`, import is `parseScenario` then
 * `scenarioToForm`; exporting what was imported gives the same scenario back. The server checks
 * every value; here only the shape is read.
 */
import { z } from 'zod';
import type { components } from '../../generated/api-schema.ts';

/** The body of `POST /api/simulations`. */
export type Scenario = components['schemas']['SimulationInputInput'];

export interface PersonRow {
  id: string;
  birthDate: string;
}
export type RelationshipType = '' | 'spouse' | 'dependant';
export interface RelationshipRow {
  type: RelationshipType;
  /** For a dependant, the first depends on the second. */
  people: [string, string];
  start: string;
  end: string;
}
export interface LearnerRow {
  person: string;
  training: { start: string; end: string; load: '' | 'full-time' | 'part-time' };
}
export interface EvidenceRow {
  type: string;
  subtype: string;
  person: string;
  amount: string;
  /** '' when the scenario does not say (Director Approval then counts as approved). */
  approved: '' | 'yes' | 'no';
  period: { start: string; end: string };
}
export interface RateRow {
  table: string;
  key: string;
  amount: string;
}
export interface ScenarioForm {
  asOf: string;
  people: PersonRow[];
  relationships: RelationshipRow[];
  learners: LearnerRow[];
  evidence: EvidenceRow[];
  rates: RateRow[];
}

export const EMPTY_PERSON: PersonRow = { id: '', birthDate: '' };
export const EMPTY_RELATIONSHIP: RelationshipRow = { type: '', people: ['', ''], start: '', end: '' };
export const EMPTY_LEARNER: LearnerRow = { person: '', training: { start: '', end: '', load: '' } };
export const EMPTY_EVIDENCE: EvidenceRow = { type: '', subtype: '', person: '', amount: '', approved: '', period: { start: '', end: '' } };
export const EMPTY_RATE: RateRow = { table: 'core-essential', key: '2 adults', amount: '' };

/** A blank scenario: the date of the question, one person who is the one learner. */
export function emptyForm(asOf: string): ScenarioForm {
  return { asOf, people: [EMPTY_PERSON], relationships: [], learners: [EMPTY_LEARNER], evidence: [], rates: [] };
}

/** A text value, trimmed; left out of the scenario when empty. */
const text = (value: string) => value.trim();
const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());
/** Drops the members whose value is undefined, so the JSON has no `"end": undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The form as the scenario the API takes (what "Export" gives and "Calculate" sends). */
export function formToScenario(form: ScenarioForm): Scenario {
  const rates: Record<string, Record<string, string>> = {};
  for (const row of form.rates) rates[text(row.table)] = { ...rates[text(row.table)], [text(row.key)]: text(row.amount) };
  return defined({
    asOf: text(form.asOf),
    people: form.people.map((p) => ({ id: text(p.id), birthDate: text(p.birthDate) })),
    relationships: form.relationships.map((r) =>
      defined({
        type: r.type as 'spouse' | 'dependant',
        people: [text(r.people[0]), text(r.people[1])] as [string, string],
        start: text(r.start),
        end: optionalText(r.end),
      }),
    ),
    learners: form.learners.map((l) => ({
      person: text(l.person),
      training: { start: text(l.training.start), end: text(l.training.end), load: l.training.load as 'full-time' | 'part-time' },
    })),
    evidence: form.evidence.map((e) =>
      defined({
        type: text(e.type),
        subtype: optionalText(e.subtype),
        person: optionalText(e.person),
        amount: optionalText(e.amount),
        approved: e.approved === '' ? undefined : e.approved === 'yes',
        period: defined({ start: text(e.period.start), end: optionalText(e.period.end) }),
      }),
    ),
    rates: form.rates.length ? rates : undefined,
  });
}

/** A scenario as the form shows it (what "Import" fills in). */
export function scenarioToForm(scenario: Scenario): ScenarioForm {
  return {
    asOf: scenario.asOf,
    people: scenario.people.map((p) => ({ id: p.id, birthDate: p.birthDate })),
    relationships: (scenario.relationships ?? []).map((r) => ({
      type: r.type,
      people: [r.people[0], r.people[1]],
      start: r.start,
      end: r.end ?? '',
    })),
    learners: scenario.learners.map((l) => ({
      person: l.person,
      training: { start: l.training.start, end: l.training.end, load: l.training.load },
    })),
    evidence: (scenario.evidence ?? []).map((e) => ({
      type: e.type,
      subtype: e.subtype ?? '',
      person: e.person ?? '',
      amount: e.amount ?? '',
      approved: e.approved === undefined ? '' : e.approved ? 'yes' : 'no',
      period: { start: e.period.start, end: e.period.end ?? '' },
    })),
    rates: Object.entries(scenario.rates ?? {}).flatMap(([table, keys]) =>
      Object.entries(keys).map(([key, amount]) => ({ table, key, amount })),
    ),
  };
}

/** The scenario as a file or the clipboard holds it: indented JSON. */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

// The shape only: what the form can hold. Values (dates, amounts, known types) are the server's to check.
const str = z.string();
const ScenarioShape = z.object({
  asOf: str,
  people: z.array(z.object({ id: str, birthDate: str })),
  relationships: z
    .array(z.object({ type: z.enum(['spouse', 'dependant']), people: z.tuple([str, str]), start: str, end: str.optional() }))
    .default([]),
  learners: z.array(z.object({ person: str, training: z.object({ start: str, end: str, load: z.enum(['full-time', 'part-time']) }) })),
  evidence: z
    .array(
      z.object({
        type: str,
        subtype: str.optional(),
        person: str.optional(),
        amount: str.optional(),
        approved: z.boolean().optional(),
        period: z.object({ start: str, end: str.optional() }),
      }),
    )
    .default([]),
  rates: z.record(str, z.record(str, str)).optional(),
});

export type Parsed = { ok: true; scenario: Scenario } | { ok: false; message: string };

const EXPECTED: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', boolean: 'true or false' };

/**
 * A pasted or uploaded scenario, read for the form: JSON of the documented shape, or a message in
 * words naming the first place it differs (`label` turns a path into words).
 */
export function parseScenario(json: string, label: (path: string) => string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, message: 'This is not JSON a scenario can be read from: check the brackets, quotes and commas.' };
  }
  const parsed = ScenarioShape.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const where = path ? label(path) : 'The scenario';
  if (issue?.code === 'invalid_type') {
    const missing = (issue as { input?: unknown }).input === undefined;
    const expected = EXPECTED[(issue as { expected?: string }).expected ?? ''] ?? 'another kind of value';
    return { ok: false, message: missing ? `${where} is missing.` : `${where} should be ${expected}.` };
  }
  if (issue?.code === 'invalid_value') return { ok: false, message: `${where}: choose one of ${issue.values.map(String).join(', ')}.` };
  return { ok: false, message: `${where} is not in the form a scenario takes (see docs/scenarios.md).` };
}
