/**
 * The calculator's fields in words. The server names a field by its path in the scenario
 * (`evidence.0.amount`); a person reads "Evidence row 1, amount". These functions name a path,
 * find the form control a server path belongs to, and rewrite a refusal so that no path or code
 * is shown as text.
 */
import { ProblemError } from '../../api.ts';
import { humanize } from '../../format.ts';
import { fieldProblems } from '../../forms/problems.ts';
import type { EvidenceType } from '../../types.ts';
import { RATE_TABLES } from '../benefits/rate-tables.ts';
import type { ScenarioForm } from './scenario-form.ts';

/** The labels the form's controls carry, by the last part of their path. */
const PARTS: Record<string, Record<string, string>> = {
  people: { id: 'name', birthDate: 'date of birth' },
  relationships: {
    type: 'relationship',
    'people.0': 'first person',
    'people.1': 'second person',
    people: 'people',
    start: 'from',
    end: 'to',
  },
  learners: {
    person: 'learner',
    'training.start': 'training starts',
    'training.end': 'training ends',
    'training.load': 'load',
    training: 'training',
  },
  evidence: {
    type: 'type',
    subtype: 'subtype',
    person: 'whose evidence',
    amount: 'amount',
    approved: 'approved',
    'period.start': 'from',
    'period.end': 'to',
    period: 'period',
  },
};
const ROWS: Record<string, string> = { people: 'Person', relationships: 'Relationship', learners: 'Learner', evidence: 'Evidence row' };
const LISTS: Record<string, string> = {
  people: 'People',
  relationships: 'Relationships',
  learners: 'Learners',
  evidence: 'Evidence',
  rates: 'Rate overrides',
};

const rateTableLabel = (code: string) => RATE_TABLES.find((t) => t.code === code)?.label ?? humanize(code);

/** A path in the scenario as a person reads it: `evidence.0.amount` -> "Evidence row 1, amount". */
export function fieldLabel(path: string): string {
  if (path === 'asOf') return 'Date of the question';
  const [list = '', index, ...rest] = path.split('.');
  if (list === 'rates') {
    if (index === undefined) return LISTS.rates ?? 'Rate overrides';
    const key = rest.join('.');
    return key ? `Rate override ${rateTableLabel(index)}, ${key}` : `Rate override ${rateTableLabel(index)}`;
  }
  const row = ROWS[list];
  if (!row || index === undefined || !/^\d+$/.test(index)) return LISTS[list] ?? humanize(path);
  const name = `${row} ${Number(index) + 1}`;
  const part = rest.join('.');
  if (!part) return name;
  return `${name}, ${PARTS[list]?.[part] ?? humanize(rest.map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p)).join(' '))}`;
}

/**
 * The form control a server path belongs to: the same path where the form has it; a row's first
 * control for the row as a whole; the row of a rate override by its table and key.
 */
export function formFieldOf(field: string, values: ScenarioForm): string | undefined {
  if (field === 'people') {
    const seen = new Set<string>();
    const duplicate = values.people.findIndex((p) => seen.has(p.id.trim()) || !seen.add(p.id.trim()));
    return `people.${Math.max(duplicate, 0)}.id`;
  }
  const rate = /^rates\.([^.]+)(?:\.(.+))?$/.exec(field);
  if (rate) {
    const index = values.rates.findIndex((r) => r.table.trim() === rate[1] && (rate[2] === undefined || r.key.trim() === rate[2]));
    return index >= 0 ? `rates.${index}.${rate[2] === undefined ? 'table' : 'amount'}` : undefined;
  }
  const row = /^(relationships|learners|evidence)\.(\d+)(?:\.(.+))?$/.exec(field);
  if (!row) return field;
  const [, list, index, part] = row;
  const first: Record<string, string> = { relationships: 'type', learners: 'person', evidence: 'type' };
  const whole: Record<string, string> = { people: 'people.0', training: 'training.start', period: 'period.start' };
  if (part === undefined) return `${list}.${index}.${first[list ?? ''] ?? ''}`;
  return `${list}.${index}.${whole[part] ?? part}`;
}

/** A server sentence without paths or codes: `evidence.2 could belong…` -> "Evidence row 3 could belong…". */
export function plainDetail(detail: string, types: readonly EvidenceType[]): string {
  let words = detail.replace(/\b(?:people|relationships|learners|evidence)\.\d+(?:\.[A-Za-z0-9]+)*/g, (path) => fieldLabel(path));
  // Longest codes first, so "special-diet-benefit" is not read as "special-diet" + "-benefit".
  const codes = types.flatMap((t) => [[t.code, t.label] as const, ...t.subtypes.map((s) => [s, humanize(s).toLowerCase()] as const)]);
  for (const [code, label] of codes.sort((a, b) => b[0].length - a[0].length)) {
    if (code.includes('-')) words = words.replace(new RegExp(`(?<![\\w-])${code}(?![\\w-])`, 'g'), label);
  }
  return words;
}

/**
 * A refusal of the calculator as the page shows it: each field problem labelled in words (the
 * summary line reads "Evidence row 1, amount: …") and its sentence free of paths; the joined detail
 * of a refusal that lists its fields is dropped (the list says it, field by field).
 */
export function inWords(error: unknown, types: readonly EvidenceType[]): unknown {
  if (!(error instanceof ProblemError)) return error;
  const items = fieldProblems(error);
  const { problem } = error;
  if (!items.length) return problem.detail ? new ProblemError({ ...problem, detail: plainDetail(problem.detail, types) }) : error;
  return new ProblemError({
    ...problem,
    detail: undefined,
    field: undefined,
    errors: items.map((item) => ({ ...item, label: fieldLabel(item.field), detail: plainDetail(item.detail, types) })),
  });
}
