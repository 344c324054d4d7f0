/**
 * Input schema failures (Zod issues, at the HTTP edge and in the household calculator) as field
 * errors of the closed catalogue, each a sentence: REQUIRED only when the field is missing, null or blank; WRONG_TYPE
 * when a JSON value has another type ("Expected text, got a number."); a custom rule's own code
 * (IMPOSSIBLE_DATE, AMOUNT_PRECISION...); UNKNOWN_FIELD for each member a strict object does not
 * state, named by its own path; INVALID_FORMAT otherwise. The value is read from the request
 * itself, since Zod 4 issues do not carry the input.
 */
import { EMAIL_TEXT } from './contact-rules.ts';
import type { FieldError } from './errors.ts';

/** A Zod issue: its code, its path, its message and the rest of its fields. */
export interface InputIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message?: string | undefined;
}

interface IssueParams {
  readonly params?: { code?: string };
  readonly keys?: readonly string[];
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly origin?: string;
  readonly format?: string;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  bigint: 'a whole number',
};

/** What a JSON value is, in words. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'an object';
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

const isDefaultMessage = (message: string | undefined) => !message || /^(Invalid|Too (big|small)|Unrecognized|Expected)/.test(message);

/** A sentence for an issue whose message is Zod's default. */
function sentenceFor(keyword: string, p: IssueParams, value: unknown): string {
  const limit = Number(keyword === 'too_big' ? p.maximum : p.minimum);
  switch (keyword) {
    case 'invalid_value':
      return p.values?.length ? `Choose one of: ${p.values.map(String).join(', ')}.` : 'This value is not one Waypoint accepts here.';
    case 'too_big':
      if (p.origin === 'string') return `Use at most ${limit} characters.`;
      if (p.origin === 'array' || p.origin === 'set') return `List at most ${limit}.`;
      return `Use a number no larger than ${limit}.`;
    case 'too_small':
      if (p.origin === 'string') return `Use at least ${limit} characters.`;
      if (p.origin === 'array' || p.origin === 'set') return `List at least ${limit}.`;
      return `Use a number no smaller than ${limit}.`;
    case 'invalid_format':
      if (p.format === 'uuid' || p.format === 'guid') return 'Use an id such as 0b7c3f2e-4d1a-4c8e-9f10-2a3b4c5d6e7f.';
      if (p.format === 'email') return EMAIL_TEXT;
      return 'This value is not in the expected form.';
    case 'invalid_union':
      return `This value (${describeJsonValue(value)}) does not match any form Waypoint accepts here.`;
    default:
      return 'This value is not accepted here.';
  }
}

function fieldError(issue: InputIssue, root: unknown, prefix: string | undefined): FieldError {
  const segments = issue.path.map(String);
  const value = valueAt(root, segments);
  const field = fieldPath(segments, prefix);
  const p = issue as IssueParams;
  if (p.params?.code) return { field, code: p.params.code, detail: issue.message ?? 'This value is not accepted here.' };
  const blank = issue.code === 'too_small' && p.origin === 'string' && Number(p.minimum) === 1;
  if (value === undefined || value === null || blank) return { field, code: 'REQUIRED', detail: 'This field is required.' };
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[p.expected ?? ''] ?? p.expected ?? 'another type';
    const got =
      typeof value === 'number' && !Number.isInteger(value) && p.expected === 'int' ? 'a decimal number' : describeJsonValue(value);
    return { field, code: 'WRONG_TYPE', detail: `Expected ${expected}, got ${got}.` };
  }
  return { field, code: 'INVALID_FORMAT', detail: isDefaultMessage(issue.message) ? sentenceFor(issue.code, p, value) : issue.message! };
}

/** Dotted path of the field ("evidence.0.amount"); route parameters and query fields are prefixed ("params.id"). */
function fieldPath(segments: readonly string[], prefix: string | undefined): string {
  const path = segments.join('.');
  if (!prefix) return path;
  return path ? `${prefix}.${path}` : prefix;
}

/** A field path a person can read: "evidence.0.periodStart" -> "Evidence 1 period start", "params.id" -> "Id in the address". */
export function fieldLabel(field: string): string {
  if (!field) return 'Request';
  const segments = field.split('.');
  const where = segments[0] === 'params' ? ' in the address' : segments[0] === 'query' ? ' in the query' : '';
  const words = (where ? segments.slice(1) : segments)
    .map((s) =>
      /^\d+$/.test(s)
        ? String(Number(s) + 1)
        : s
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .replaceAll('-', ' ')
            .toLowerCase(),
    )
    .join(' ');
  const text = words || (where ? 'Value' : 'Request');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${where}`;
}

/** The sentence of an UNKNOWN_FIELD error. */
export const UNKNOWN_FIELD_TEXT = 'This field is not part of this request (names are case-sensitive); leave it out.';

/** One error per member a strict object does not state ("birthdate", "address.line3"), each named by its own path. */
function unknownFields(issue: InputIssue, prefix: string | undefined): FieldError[] {
  const segments = issue.path.map(String);
  return ((issue as IssueParams).keys ?? []).map((key) => ({
    field: fieldPath([...segments, key], prefix),
    code: 'UNKNOWN_FIELD',
    detail: UNKNOWN_FIELD_TEXT,
  }));
}

/**
 * How specific an issue's error is, lower first: a missing value, then a rule's own code (a date's
 * form over its length), then a wrong type, then the tighter of two limits (a version's 2147483647
 * over the safe-integer range), then anything else.
 */
function specificity(issue: InputIssue, error: FieldError): readonly number[] {
  const p = issue as IssueParams;
  if (error.code === 'REQUIRED') return [0];
  if (p.params?.code) return [1];
  if (error.code === 'WRONG_TYPE') return [2];
  if (issue.code === 'too_big') return [3, Number(p.maximum)];
  if (issue.code === 'too_small') return [3, -Number(p.minimum)];
  return [4];
}

const moreSpecific = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
};

/**
 * Field errors for the issues of `root` (the input as received); `prefix` names where it came from
 * ("params", "query"). One error per field, the most specific of its issues, in the order the fields come.
 */
export function inputFieldErrors(issues: readonly InputIssue[], root: unknown, prefix?: string): FieldError[] {
  const byField = new Map<string, { error: FieldError; rank: readonly number[] }>();
  for (const issue of issues) {
    const errors = issue.code === 'unrecognized_keys' ? unknownFields(issue, prefix) : [fieldError(issue, root, prefix)];
    for (const error of errors) {
      const rank = specificity(issue, error);
      const kept = byField.get(error.field);
      if (!kept || moreSpecific(rank, kept.rank)) byField.set(error.field, { error, rank });
    }
  }
  return [...byField.values()].map(({ error }) => ({ ...error, label: fieldLabel(error.field) }));
}

/** One sentence for a list of field errors: "Amount: Expected text, got a number." or "2 fields need attention: Family name, Birth date." */
export function inputErrorsDetail(errors: readonly FieldError[]): string {
  const [first] = errors;
  if (errors.length === 1 && first) return `${fieldLabel(first.field)}: ${first.detail}`;
  return `${errors.length} fields need attention: ${[...new Set(errors.map((e) => fieldLabel(e.field)))].join(', ')}.`;
}
