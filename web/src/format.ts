/**
 * Display helpers. Dates stay ISO calendar dates; they are only formatted for reading, in the one
 * wording the server's messages and the service agreement PDF use too (src/domain/dates-in-words.ts).
 */
import { ROLE_LABELS } from '../../src/app/roles.ts';
import { dateInWords, monthInWords } from '../../src/domain/dates-in-words.ts';
import type { Address, DetailKind, DetailValues, PersonSummary, Role } from './types.ts';

/** "1990-04-02" -> "2 Apr 1990"; anything unexpected is shown as given. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateInWords(iso) : '';
}

/** An instant (ISO timestamp) in the reader's time zone: "2 Apr 2025, 14:05". */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${formatDate(day)}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The date to offer by default on a person's forms: the server's today (the `asOf` it read the
 * person at), so the browser's clock never disagrees with the server's.
 */
export function todayFor(person: { asOf?: string | undefined }): string {
  return person.asOf ?? today();
}

/** Today's calendar date where the caseworker is, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function fullName(person: Pick<PersonSummary, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`.trim();
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? humanize(role);
}

/** "adult-interdependent" -> "Adult interdependent", "postalCode" -> "Postal code". */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const DETAIL_LABELS: Record<DetailKind, string> = {
  address: 'Address',
  phone: 'Phone',
  email: 'Email',
  education: 'Education',
  employment: 'Employment',
};

export function formatAddress(address: Address): string {
  return [address.line1, address.line2, `${address.city}, ${address.province} ${address.postalCode}`]
    .filter((part) => part && String(part).trim() !== '')
    .join(', ');
}

export function formatDetail<K extends DetailKind>(kind: K, value: DetailValues[K] | undefined | null): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'address':
      return formatAddress(value as Address);
    case 'education': {
      const v = value as DetailValues['education'];
      return [humanize(v.level ?? ''), v.institution, v.completedOn ? `completed ${formatDate(v.completedOn)}` : null]
        .filter(Boolean)
        .join(', ');
    }
    case 'employment': {
      const v = value as DetailValues['employment'];
      return [humanize(v.status ?? ''), v.occupation, v.employer].filter(Boolean).join(', ');
    }
    default:
      return String(value);
  }
}

// Service Plans, contacts

export const PLAN_STATUS_LABELS: Record<string, string> = {
  open: 'Open: not yet accepted',
  active: 'Active',
  closed: 'Closed',
  exited: 'Exited',
};

export const ITEM_STATUS_LABELS: Record<string, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
};

export const OUTCOME_LABELS: Record<string, string> = {
  attained: 'Attained',
  'not-attained': 'Not attained',
  cancelled: 'Cancelled',
};

export const ACCEPTANCE_METHOD_LABELS: Record<string, string> = {
  signed: 'Signed',
  verbal: 'Verbal',
  electronic: 'Electronic',
};

export const CHANNEL_LABELS: Record<string, string> = {
  'in-person': 'In person',
  phone: 'Phone',
  email: 'Email',
  video: 'Video call',
  letter: 'Letter',
};

export const TRAINING_LOAD_LABELS: Record<string, string> = {
  'full-time': 'Full time',
  'part-time': 'Part time',
};

/** A label from one of the maps above, or the code made readable. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? humanize(code);
}

/** "8 Sep 2026 – 25 Jun 2027"; an open end reads "from 8 Sep 2026". */
export function formatRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '';
  if (from && to) return `${formatDate(from)} – ${formatDate(to)}`;
  return from ? `from ${formatDate(from)}` : `until ${formatDate(to)}`;
}

// Learner benefits. Amounts are the server's decimal strings; they are only dressed for reading
// here (a dollar sign, thousands separators), never computed with.

/** "1450.00" -> "$1,450.00", "-323.00" -> "-$323.00"; anything unexpected is shown as given. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** Whether a decimal string is below zero (for a tone, never for arithmetic). */
/** In place of a learner's amounts while their case has no determination (the two-attending reconciliation). */
export const NOT_DETERMINED = 'Not determined yet';

export function isNegative(amount: string | null | undefined): boolean {
  return !!amount && /^-\d*\.?\d*[1-9]/.test(amount.trim());
}

/** "2026-09" -> "Sep 2026" (or "September 2026" when `long`). */
export function formatMonth(month: string, long = false): string {
  return monthInWords(month, long);
}

/** "Jan 2027 – Jun 2027" for a list of YYYY-MM months (in order). */
export function formatMonths(months: readonly string[]): string {
  if (months.length === 0) return '';
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  return first === last ? formatMonth(first) : `${formatMonth(first)} – ${formatMonth(last)}`;
}

/** Names of the components of a determination, by their stable code (docs/scenarios.md). */
export const COMPONENT_LABELS: Record<string, string> = {
  'core-essential': 'Core Essential',
  'core-shelter': 'Core Shelter',
  'handicap-benefit': 'Handicap Benefit',
  'special-diet': 'Special Diet',
  'child-care-babysitting': 'Child Care – Babysitting',
  'director-approval-cost-adjustment': 'Director Approval cost adjustment',
  'two-attending-balance': 'Two-attending balance',
  'household-on-partner-case': "Household paid on the partner's case",
  'additional-shelter': 'Additional Shelter',
  'child-care': 'Child Care',
  'extraordinary-training-travel': 'Extraordinary Training Travel',
  'ncbs-replacement': 'NCBS Replacement Benefit',
  'special-diet-benefit': 'Special Diet Benefit',
  'additional-health-benefits': 'Additional Health Benefits',
  'director-approval': 'Director Approval',
  'late-application': 'Late application (not paid)',
  income: 'Income',
  assets: 'Assets',
};

export function componentLabel(code: string): string {
  return labelOf(COMPONENT_LABELS, code);
}

/** The server marks every rate that is not from a published table: "(placeholder rate)". */
export function isPlaceholderSource(source: string | null | undefined): boolean {
  return !!source && source.includes('(placeholder rate)');
}

export const EVIDENCE_STATUS_LABELS: Record<string, string> = {
  'in-edit': 'In edit',
  active: 'Active',
  superseded: 'Superseded',
  cancelled: 'Cancelled',
};

export const EVIDENCE_KIND_LABELS: Record<string, string> = {
  original: 'Original',
  correction: 'Correction',
  change: 'Change of circumstance',
};

export const APPROVAL_LABELS: Record<string, string> = {
  'not-required': 'Not required',
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** Learning streams (duration caps, docs/policy/learner-program-rules.md); the server's counter carries the same labels. */
export const LEARNING_STREAM_LABELS: Record<string, string> = {
  esl: 'English as a Second Language',
  'basic-skills': 'Basic Skills',
  'academic-upgrading': 'Academic Upgrading',
  'transitional-vocational': 'Transitional Vocational',
};

export const TRAINING_EXCEPTION_KIND_LABELS: Record<string, string> = {
  'subsequent-training': 'A new training plan within 48 months',
  'duration-cap': 'Training past a duration cap',
  'plan-limit': 'A first training plan longer than 30 months (up to 40)',
};

export const TRAINING_EXCEPTION_GROUND_LABELS: Record<string, string> = {
  'labour-force-attachment': 'Attachment to the labour force since the last training',
  'learning-since': 'Learning since the last training',
  'skills-deficit': 'A skills deficit',
  'progressive-training': 'The new training is progressive',
};

export const TRAINING_EXCEPTION_STATUS_LABELS: Record<string, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
  used: 'Approved and used',
};

export const PDC_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  active: 'Active',
  closed: 'Closed',
};

export const SITUATION_STATUS_LABELS: Record<string, string> = {
  detected: 'Detected, not yet confirmed',
  coordinated: 'Coordinated, split applied',
  ended: 'Ended',
};

export const DIFFERENCE_KIND_LABELS: Record<string, string> = {
  underpayment: 'Underpayment',
  overpayment: 'Overpayment',
  'scheduled-change': 'Change in scheduled amount',
};

export const PROGRAM_LABELS: Record<string, string> = {
  'learner-income-support': 'Learner income support',
};

/** Kinds of task as the worklist's type filter names them. */
export const TASK_KIND_LABELS: Record<string, string> = {
  'director-approval': 'Director Approval decision',
  'plan-closure': 'Close a service plan',
  'plan-closure-review': 'Review a plan closure',
  'lis-personal-info-changed': 'Learner’s personal information changed',
  'two-attending-detected': 'Two attending detected',
};

/** The worklist's due windows. */
export const DUE_WINDOW_LABELS: Record<string, string> = {
  overdue: 'Overdue',
  'this-week': 'Due this week',
  later: 'Due later',
};

/**
 * ISTHB s.44 limits of a plan kind in words (docs/policy/learner-program-rules.md): "A first training plan
 * may run 30 months, 40 in exceptional cases (an approved exception), 50 with a reduced course load of at least 40%".
 */
export function planLimitsInWords(
  plan: { kind: 'first' | 'subsequent'; standardMonths: number; exceptionalMonths: number | null; reducedLoadMonths: number | null },
  minPercent: number,
) {
  return [
    `${plan.kind === 'first' ? 'A first' : 'A subsequent'} training plan may run ${plan.standardMonths} months`,
    ...(plan.exceptionalMonths !== null ? [`${plan.exceptionalMonths} in exceptional cases (an approved exception)`] : []),
    ...(plan.reducedLoadMonths !== null ? [`${plan.reducedLoadMonths} with a reduced course load of at least ${minPercent}%`] : []),
  ].join(', ');
}
