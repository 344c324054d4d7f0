/**
 * The values of an audit event's changes, dressed for reading. The server gives each value as text
 * (src/domain/audit/difference.ts: ids already shown as references or names where it knows them, a
 * record's parts as "Label: value; Label: value", a list joined by ", "); the CSV keeps that text as
 * it is. Here dates and instants read as everywhere else in the web, true and false as Yes and No,
 * amounts in cents as dollars, and codes of the fields that hold codes in words. Anything else is
 * shown as written: a note or a name is never rewritten.
 */
import type { AuditRecordType } from '../../api.ts';
import {
  ACCEPTANCE_METHOD_LABELS,
  APPROVAL_LABELS,
  CHANNEL_LABELS,
  DETAIL_LABELS,
  DIFFERENCE_KIND_LABELS,
  EVIDENCE_KIND_LABELS,
  formatDate,
  formatInstant,
  formatMoney,
  formatMonth,
  humanize,
  LEARNING_STREAM_LABELS,
  OUTCOME_LABELS,
  PROGRAM_LABELS,
  roleLabel,
  TASK_KIND_LABELS,
  TRAINING_LOAD_LABELS,
} from '../../format.ts';

/** A label for every record type the server writes audit events for (a new one fails the type check until named here). */
const RECORD_TYPES: Record<AuditRecordType, string> = {
  person: 'Person',
  relationship: 'Relationship',
  integrated_case: 'Integrated case',
  assessment: 'Assessment',
  user: 'User',
  office: 'Office',
  service_plan: 'Service plan',
  plan_item: 'Plan item',
  task: 'Task',
  pdc: 'Learner income support case',
  debt: 'Debt',
  'payment-run': 'Payment run',
  two_attending: 'Two-attending situation',
  training_exception: 'Training exception',
};

/** The kind of record an event is about, in words ("pdc" -> "Learner income support case"). */
export const recordTypeLabel = (type: string): string => RECORD_TYPES[type as AuditRecordType] ?? type;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is an id (a UUID) with no reference or name the server knew to show instead. */
export const isIdValue = (value: string): boolean => UUID.test(value);

/**
 * A date (2026-12-01), an instant (2026-12-01T10:00:00.000Z) or a month (2027-01) standing as a
 * token of its own: not part of a longer word, an id or a number.
 */
const DATES =
  /(?<![\w-])(\d{4}-(?:0[1-9]|1[0-2]))(?:-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))|-(\d{2}))?(?![\w:-])/g;

/** Every date, instant and month in a text in words. */
function datesInWords(text: string): string {
  return text.replace(DATES, (token: string, month: string, instantDay?: string, time?: string, day?: string) => {
    if (instantDay && time) return formatInstant(token);
    if (day) return formatDate(`${month}-${day}`);
    return formatMonth(month);
  });
}

/** `true` and `false` as a whole value or as the value of one of a record's parts. */
const BOOLEANS = /(^|: )(true|false)(?=$|; |, )/g;

/** A code as the server stores it: lowercase words joined by dashes or underscores ("in-progress"). */
const CODE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/**
 * The fields (by the last part of their label) whose values are codes, with the words for them
 * where the web has them; codes it has no words for are made readable ("job-search" -> "Job search").
 */
const CODE_FIELDS: Record<string, (code: string) => string | undefined> = {
  status: () => undefined,
  type: () => undefined,
  subtype: () => undefined,
  kind: (code) => TASK_KIND_LABELS[code] ?? EVIDENCE_KIND_LABELS[code] ?? DIFFERENCE_KIND_LABELS[code] ?? DETAIL_LABELS[code as 'address'],
  'primary need': () => undefined,
  needs: () => undefined,
  'plan item': () => undefined,
  channel: (code) => CHANNEL_LABELS[code],
  'training load': (code) => TRAINING_LOAD_LABELS[code],
  program: (code) => PROGRAM_LABELS[code],
  approval: (code) => APPROVAL_LABELS[code],
  outcome: (code) => OUTCOME_LABELS[code],
  method: (code) => ACCEPTANCE_METHOD_LABELS[code],
  'acceptance method': (code) => ACCEPTANCE_METHOD_LABELS[code],
  'learning stream': (code) => LEARNING_STREAM_LABELS[code],
  roles: (code) => roleLabel(code),
  role: (code) => roleLabel(code),
  'assignee role': (code) => roleLabel(code),
  'record type': (code) => RECORD_TYPES[code as AuditRecordType],
  clearance: () => undefined,
};

/** "145000" (cents) -> "$1,450.00". */
function centsInDollars(cents: string): string {
  const [, sign = '', digits = ''] = /^(-?)(\d+)$/.exec(cents) ?? [];
  const whole = digits.padStart(3, '0');
  return formatMoney(`${sign}${whole.slice(0, -2).replace(/^0+(?=\d)/, '')}.${whole.slice(-2)}`);
}

/** A value of the field labelled `field` ("Birth date", "Version, amount cents"), for reading. */
export function readableValue(field: string, value: string): string {
  const name = (field.split(', ').pop() ?? field).toLowerCase();
  if (name === 'amount cents' && /^-?\d+$/.test(value)) return centsInDollars(value);
  const words = CODE_FIELDS[name];
  if (words) {
    const items = value.split(', ');
    if (items.every((item) => CODE.test(item))) return items.map((item) => words(item) ?? humanize(item)).join(', ');
  }
  return datesInWords(value).replace(BOOLEANS, (_all, before: string, bool: string) => `${before}${bool === 'true' ? 'Yes' : 'No'}`);
}
