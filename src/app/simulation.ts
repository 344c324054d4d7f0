/**
 * The household calculator (docs/scenarios.md): "what would this household get?" without creating
 * records, by the same engine that pays real cases. Used by `waypoint simulate FILE.json` and
 * `POST /api/simulations`. Input is validated first (the field and the rule are named); the domain
 * then decides; the output is plain JSON with amounts as decimal strings.
 */
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { WithArticle } from '../domain/articles.ts';
import { determineHousehold, type HouseholdDetermination } from '../domain/benefits/determine.ts';
import { basisOf, EVIDENCE_TYPES, type Evidence, evidenceType } from '../domain/benefits/evidence.ts';
import type { Attendance } from '../domain/benefits/household-month.ts';
import { MissingRateError } from '../domain/benefits/policy.ts';
import { AmbiguousEvidenceError } from '../domain/benefits/whose-evidence.ts';
import { compareDates, monthPeriod, overlaps, type Period, type PlainYearMonth } from '../domain/calendar.ts';
import { monthInWords } from '../domain/dates-in-words.ts';
import { parseDecimalAmount, toDecimalString } from '../domain/money.ts';
import { householdInMonth, type Relationship } from '../domain/people/relationships.ts';
import { loadBenefitPolicy, type RateOverrides } from '../policy/benefit-rates.ts';
import { policyRefusal } from './benefits/policy-errors.ts';
import type { Actor } from './context.ts';
import { AppError, type FieldError } from './errors.ts';
import { DecimalAmount, IsoDate } from './fields.ts';
import { fieldLabel, inputErrorsDetail, inputFieldErrors } from './input-errors.ts';
import { authorize } from './permissions.ts';
import { checkSimulationSize } from './simulation-bounds.ts';

const date = IsoDate;
const amount = DecimalAmount;
const id = z.string().min(1).max(64);

export const SimulationInput = z
  .strictObject({
    asOf: date,
    people: z
      .array(z.strictObject({ id, birthDate: date }))
      .min(1)
      .max(20),
    relationships: z
      .array(z.strictObject({ type: z.enum(['spouse', 'dependant']), people: z.tuple([id, id]), start: date, end: date.optional() }))
      .max(40)
      .default([]),
    learners: z
      .array(z.strictObject({ person: id, training: z.strictObject({ start: date, end: date, load: z.enum(['full-time', 'part-time']) }) }))
      .min(1)
      .max(2),
    evidence: z
      .array(
        z.strictObject({
          type: z.string().min(1).max(60),
          subtype: z.string().max(60).optional(),
          person: id.optional(),
          amount: amount.optional(),
          approved: z.boolean().optional(),
          period: z.strictObject({ start: date, end: date.optional() }),
        }),
      )
      .max(200)
      .default([]),
    rates: z.record(z.string(), z.record(z.string(), amount)).optional(),
  })
  .meta({ id: 'SimulationInput', description: 'A household to calculate (docs/scenarios.md).' });

export type SimulationInputData = z.infer<typeof SimulationInput>;

const plain = (iso: string) => Temporal.PlainDate.from(iso);

/** Rules the schema cannot see: references between people, evidence types, periods. */
function checkReferences(input: SimulationInputData): FieldError[] {
  const errors: FieldError[] = [];
  const people = new Set(input.people.map((p) => p.id));
  if (people.size !== input.people.length)
    errors.push({ field: 'people', code: 'DUPLICATE_ID', detail: 'Each person needs a different id.' });
  const period = (field: string, start: string, end: string | undefined) => {
    if (end && compareDates(plain(end), plain(start)) < 0)
      errors.push({ field: `${field}.end`, code: 'END_BEFORE_START', detail: 'The end is before the start.' });
  };
  input.relationships.forEach((r, i) => {
    r.people.forEach((p, j) => {
      if (!people.has(p))
        errors.push({ field: `relationships.${i}.people.${j}`, code: 'UNKNOWN_PERSON', detail: `No person "${p}" in people.` });
    });
    if (r.people[0] === r.people[1])
      errors.push({
        field: `relationships.${i}.people`,
        code: 'RELATIONSHIP_WITH_SELF',
        detail: 'A person cannot be related to themselves.',
      });
    period(`relationships.${i}`, r.start, r.end);
  });
  input.learners.forEach((l, i) => {
    if (!people.has(l.person))
      errors.push({ field: `learners.${i}.person`, code: 'UNKNOWN_PERSON', detail: `No person "${l.person}" in people.` });
    if (compareDates(plain(l.training.end), plain(l.training.start)) < 0)
      errors.push({ field: `learners.${i}.training.end`, code: 'END_BEFORE_START', detail: 'Training ends before it starts.' });
  });
  if (input.learners.length === 2 && input.learners[0]!.person === input.learners[1]!.person) {
    errors.push({ field: 'learners.1.person', code: 'DUPLICATE_ID', detail: 'The two learners must be different people.' });
  }
  input.evidence.forEach((e, i) => {
    const field = `evidence.${i}`;
    const type = evidenceType(e.type);
    if (!type) {
      errors.push({
        field: `${field}.type`,
        code: 'UNKNOWN_EVIDENCE_TYPE',
        detail: `Evidence types are: ${EVIDENCE_TYPES.map((t) => t.code).join(', ')}.`,
      });
      return;
    }
    if (e.subtype !== undefined && !type.subtypes.includes(e.subtype)) {
      errors.push({
        field: `${field}.subtype`,
        code: 'UNKNOWN_SUBTYPE',
        detail: type.subtypes.length ? `${type.code} subtypes are: ${type.subtypes.join(', ')}.` : `${type.code} has no subtypes.`,
      });
    }
    if (type.subtypeRequired && e.subtype === undefined)
      errors.push({ field: `${field}.subtype`, code: 'REQUIRED', detail: `${type.code} needs a subtype: ${type.subtypes.join(', ')}.` });
    if (type.personRequired && e.person === undefined)
      errors.push({ field: `${field}.person`, code: 'REQUIRED', detail: `${type.code} evidence names the person it is about.` });
    if (e.person !== undefined && !people.has(e.person))
      errors.push({ field: `${field}.person`, code: 'UNKNOWN_PERSON', detail: `No person "${e.person}" in people.` });
    const needsAmount = type.basis !== 'none' && type.code !== 'shelter';
    if (needsAmount && e.amount === undefined)
      errors.push({ field: `${field}.amount`, code: 'REQUIRED', detail: `${type.code} evidence needs an amount.` });
    if (e.amount?.startsWith('-') && !type.signed)
      errors.push({ field: `${field}.amount`, code: 'NEGATIVE_AMOUNT', detail: `${WithArticle(type.code)} amount cannot be negative.` });
    if (basisOf(type, e.subtype ?? null) === 'period-total' && !e.period.end)
      errors.push({ field: `${field}.period.end`, code: 'REQUIRED', detail: 'A lump sum needs the period it covers.' });
    period(`${field}.period`, e.period.start, e.period.end);
  });
  return errors;
}

function snapshotOf(input: SimulationInputData) {
  const spouses = input.relationships.filter((r) => r.type === 'spouse');
  const periodOf = (r: { start: string; end?: string | undefined }): Period => ({
    start: plain(r.start),
    end: r.end ? plain(r.end) : null,
  });
  const inMonth = (r: { start: string; end?: string | undefined }, month: PlainYearMonth) => overlaps(periodOf(r), monthPeriod(month));
  const asRelationships: Relationship[] = input.relationships.map((r, i) => ({
    id: `relationship.${i}`,
    kind: r.type,
    subtype: r.type === 'spouse' ? 'married' : 'child',
    personId: r.people[0],
    relatedPersonId: r.people[1],
    period: periodOf(r),
  }));
  const householdOf = (personId: string, month: PlainYearMonth) => householdInMonth(personId, asRelationships, monthPeriod(month));
  const learners: Attendance[] = input.learners.map((l) => ({
    personId: l.person,
    training: { start: plain(l.training.start), end: plain(l.training.end) },
    load: l.training.load,
  }));
  const [a, b] = learners;
  const partneredIn = (month: PlainYearMonth) =>
    !!a && !!b && spouses.some((r) => r.people.includes(a.personId) && r.people.includes(b.personId) && inMonth(r, month));
  const evidence: Evidence[] = input.evidence.map((e, i) => ({
    id: `evidence.${i}`,
    type: e.type,
    subtype: e.subtype ?? null,
    personId: e.person ?? null,
    amount: e.amount === undefined ? null : (parseDecimalAmount(e.amount) as { ok: true; value: never }).value,
    period: periodOf(e.period),
    approved: e.approved ?? true,
    label: `evidence ${i} (${e.type}${e.subtype ? `, ${e.subtype}` : ''}${e.amount ? `, ${e.amount}` : ''})`,
  }));
  return { learners, householdOf, partneredIn, evidence };
}

export function simulate(raw: unknown) {
  const parsed = SimulationInput.safeParse(raw);
  if (!parsed.success) {
    const errors = inputFieldErrors(parsed.error.issues, raw);
    throw new AppError('VALIDATION_FAILED', inputErrorsDetail(errors), {
      field: errors[0]?.field,
      rule: 'Household calculator input',
      errors,
    });
  }
  const input = parsed.data;
  const problems = checkReferences(input);
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.detail}`).join(' '), {
      field: problems[0]!.field,
      rule: 'Household calculator input',
      errors: problems,
    });
  }
  const policy = loadBenefitPolicy(undefined, undefined, (input.rates ?? {}) as RateOverrides);
  const snapshot = snapshotOf(input);
  let result: HouseholdDetermination;
  try {
    result = determineHousehold({ ...snapshot, rates: policy.rates, rules: policy.rules });
  } catch (error) {
    if (error instanceof AmbiguousEvidenceError) throw ambiguous(error);
    throw policyRefusal(error, error instanceof MissingRateError ? 'rates' : 'learners') ?? error;
  }
  return present(input, result);
}

/**
 * Evidence that could belong to either of two households (docs/policy/learner-benefits.md "Whose
 * evidence counts where"): the calculator names no case, so it refuses rather than guess.
 */
function ambiguous(error: AmbiguousEvidenceError): AppError {
  const field = error.evidenceId; // "evidence.<index>", as snapshotOf names them
  const [a, b] = error.learners;
  // Worded for the reader ("Evidence 2", "Apr 2025"); the field path stays in `field` for the form.
  const detail = `${fieldLabel(field)} could belong to ${a}'s household or ${b}'s in ${monthInWords(error.month)}: they are not partners then, and it names nobody who is in only one of the two households. Name the person it is about.`;
  return new AppError('VALIDATION_FAILED', detail, {
    field,
    rule: 'Learner benefits policy: whose evidence counts where',
    errors: [{ field, code: 'AMBIGUOUS_EVIDENCE', detail }],
  });
}

const money = toDecimalString;

function present(input: SimulationInputData, result: HouseholdDetermination) {
  return {
    asOf: input.asOf,
    learners: result.learners.map((l) => ({
      person: l.personId,
      evidence: l.evidence.map((e) => ({
        type: e.type,
        ...(e.subtype && { subtype: e.subtype }),
        evidence: Number(e.evidenceId.split('.')[1]),
        amount: e.amount === null ? null : money(e.amount),
        rule: e.rule,
        status: e.status,
      })),
      months: l.months.map((m) => ({
        month: m.month,
        components: m.components.map((c) => ({
          code: c.code,
          ...(c.adjusts && { adjusts: c.adjusts }),
          amount: money(c.amount),
          rule: c.rule,
          source: c.source,
        })),
        needs: money(m.needs),
        countableResources: money(m.countableResources),
        entitlement: money(m.entitlement),
      })),
    })),
    ...(result.twoAttending && {
      twoAttending: { people: [result.twoAttending.first, result.twoAttending.second], months: result.twoAttending.months },
    }),
    household: {
      months: result.household.map((h) => ({
        month: h.month,
        entitlement: money(h.household.entitlement),
        byCode: Object.fromEntries(
          Object.entries(h.byCode).map(([code, v]) => [
            code,
            { ...Object.fromEntries(Object.entries(v.byLearner).map(([p, amt]) => [p, money(amt)])), total: money(v.total) },
          ]),
        ),
        balanced: h.balanced,
      })),
    },
  };
}

export type SimulationOutput = ReturnType<typeof simulate>;

/** The calculator for a signed-in user (POST /api/simulations): allowed, within its size bounds, then calculated. */
export function runSimulation(actor: Actor, input: SimulationInputData): SimulationOutput {
  authorize(actor, 'simulation.run');
  checkSimulationSize(input);
  return simulate(input);
}
