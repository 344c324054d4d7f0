/**
 * Registration use cases (R03 pre-condition 2, Ongoing Service Management step 1): register a
 * person (with a possible-duplicate check), correct their name or date of birth, record a change
 * of contact details, education or employment as a new effective-dated entry, search, and read the
 * Service Plan preconditions.
 */
import { Temporal } from 'temporal-polyfill';
import { planSearch, SEARCH_TOTAL_CAP, searchPage } from '../domain/access/search.ts';
import { addDays, formatDate } from '../domain/calendar.ts';
import { dateInWords } from '../domain/dates-in-words.ts';
import { DUPLICATE_RULE, duplicateReasons, nearBirthDates } from '../domain/people/possible-duplicates.ts';
import { checkBirthDate, type DetailKind, type DetailValues } from '../domain/people/registration.ts';
import { servicePlanReadiness } from '../domain/service-plans/preconditions.ts';
import type { Queryable } from '../store/db.ts';
import {
  DEFAULT_OFFICE,
  insertPerson,
  insertPersonDetails,
  peopleBornOn,
  personById,
  searchPersonIds,
  updatePersonVersioned,
} from '../store/repos/people.ts';
import { liveLearnerCasesOf } from '../store/repos/product-delivery-cases.ts';
import { userOfficeCode } from '../store/repos/users.ts';
import { nextReference } from '../store/versioned.ts';
import { recordAccess } from './access-log.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { type Created, claimKey, keyedWrite } from './idempotency.ts';
import { authorize } from './permissions.ts';
import { accessDecisions, readPerson, writePerson } from './person-access.ts';
import { loadHousehold, loadPersonView, loadSummaries, type PersonView } from './person-view.ts';
import { createTask } from './tasks.ts';
import { expectUpdated } from './versioning.ts';

/**
 * R03 Ongoing step 1.a: before changing the personal information of someone receiving Learner
 * Income Support, the official acknowledges a warning (the change can affect benefits), and the
 * Learner Income Support Office is told: a task for the case's coordinator, or the LBC queue.
 */
async function guardLearnerChange(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  personId: string,
  acknowledged: boolean | undefined,
  change: { what: string; detail: string },
): Promise<void> {
  const pdcs = await liveLearnerCasesOf(q, [personId]);
  if (pdcs.length === 0) return;
  if (!acknowledged) {
    throw new AppError(
      'LIS_WARNING_NOT_ACKNOWLEDGED',
      'This person receives Learner Income Support. Changing their personal information can affect their benefits: it is best to speak with the Learner Income Support Office first. Confirm to go ahead; the office will be told.',
      {
        rule: 'R03 Ongoing step 1.a',
        field: 'acknowledgeLisWarning',
        facts: { pdcs: pdcs.map((p) => ({ id: p.id, reference: p.reference })) },
      },
    );
  }
  const person = await personById(q, personId);
  const today = ctx.clock.today();
  for (const pdc of pdcs) {
    await createTask(q, actor, {
      kind: 'lis-personal-info-changed',
      title: `${change.what} changed for ${person!.reference} (learner income support ${pdc.reference})`,
      detail: `${change.detail} Recorded by ${actor.displayName}. Check whether the change affects learner benefits (R03 Ongoing step 1.a).`,
      ...(pdc.coordinatorId ? { assigneeId: pdc.coordinatorId } : { assigneeRole: 'learner-benefits-coordinator' as const }),
      personId,
      recordType: 'pdc',
      recordId: pdc.id,
      dueOn: formatDate(addDays(today, ctx.serviceManagement(today).lisChangeTaskDueDays)),
    });
  }
}

const describeValue = (value: unknown): string =>
  value === null || value === undefined
    ? '(none)'
    : typeof value === 'string'
      ? value
      : Object.values(value as Record<string, unknown>)
          .filter(Boolean)
          .join(', ');

export interface RegisterPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly address?: DetailValues['address'] | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly effectiveFrom?: string | undefined;
  readonly acknowledgeDuplicates?: boolean | undefined;
}

const asOfOrToday = (ctx: AppContext, asOf?: string) => (asOf ? Temporal.PlainDate.from(asOf) : ctx.clock.today());

export async function getPerson(ctx: AppContext, actor: Actor, id: string, asOf?: string): Promise<PersonView> {
  authorize(actor, 'person.read');
  await readPerson(ctx, actor, id, 'person');
  return loadPersonView(ctx.db, id, asOfOrToday(ctx, asOf));
}

export async function getHousehold(ctx: AppContext, actor: Actor, id: string, asOf?: string) {
  authorize(actor, 'person.read');
  await readPerson(ctx, actor, id, 'household');
  return loadHousehold(ctx.db, id, asOfOrToday(ctx, asOf));
}

export async function registerPerson(ctx: AppContext, actor: Actor, input: RegisterPerson): Promise<PersonView> {
  return (await registerPersonWithKey(ctx, actor, input, undefined)).made;
}

/**
 * Registers a person; with an Idempotency-Key (app/idempotency.ts), a retry of the same registration
 * by the same official is answered with the person already registered (as they are now), `replayed`,
 * before the possible-duplicate check (which the first registration would now meet).
 */
export async function registerPersonWithKey(
  ctx: AppContext,
  actor: Actor,
  input: RegisterPerson,
  idempotencyKey: string | undefined,
): Promise<Created<PersonView>> {
  authorize(actor, 'person.register');
  const birthDate = Temporal.PlainDate.from(input.birthDate);
  const today = ctx.clock.today();
  assertNoRefusals(checkBirthDate(birthDate, today));
  const effectiveFrom = input.effectiveFrom ?? formatDate(today);
  const write = keyedWrite('person.register', idempotencyKey, input);

  const { id, replayed } = await ctx.db.transaction(async (tx) => {
    // Claimed first: a concurrent retry waits here, then answers as a replay (not as a possible duplicate of this one).
    const claim = await claimKey(tx, actor, write);
    if (claim?.replayed) return { id: claim.id, replayed: true };
    // Everyone born on a day a keying slip away (an indexed lookup); the domain rule says who may be the same person, and why.
    const near = await peopleBornOn(tx, nearBirthDates(birthDate).map(formatDate));
    const candidates = near.flatMap((p) => {
      const reasons = duplicateReasons(
        { givenName: input.givenName, familyName: input.familyName, birthDate },
        { givenName: p.givenName, familyName: p.familyName, birthDate: Temporal.PlainDate.from(p.birthDate) },
      );
      return reasons ? [{ id: p.id, reasons }] : [];
    });
    if (candidates.length > 0 && !input.acknowledgeDuplicates) {
      const summaries = await loadSummaries(
        tx,
        candidates.map((c) => c.id),
        today,
      );
      throw new AppError(
        'POSSIBLE_DUPLICATE',
        `${candidates.length === 1 ? 'A person' : `${candidates.length} people`} with a similar name and date of birth ${candidates.length === 1 ? 'is' : 'are'} already registered. Check them; register anyway only if this is someone else.`,
        { rule: DUPLICATE_RULE, facts: { candidates: candidates.map((c) => ({ ...summaries.get(c.id)!, reasons: c.reasons })) } },
      );
    }
    const row = await insertPerson(tx, {
      ...(claim && { id: claim.id }),
      reference: await nextReference(tx, 'person'),
      givenName: input.givenName,
      familyName: input.familyName,
      birthDate: input.birthDate,
      createdBy: actor.userId,
      officeCode: await officeOf(tx, actor),
    });
    const personId = row.id;
    const details: { kind: DetailKind; value: unknown }[] = [];
    if (input.address) details.push({ kind: 'address', value: input.address });
    if (input.phone) details.push({ kind: 'phone', value: input.phone });
    if (input.email) details.push({ kind: 'email', value: input.email });
    await insertPersonDetails(
      tx,
      details.map((d) => ({ personId, kind: d.kind, value: d.value, effectiveFrom, recordedBy: actor.userId })),
    );
    await recordAudit(tx, actor, {
      action: 'person.register',
      recordType: 'person',
      recordId: personId,
      after: { ...row, details, acknowledgedDuplicates: candidates.map((c) => c.id) },
    });
    return { id: personId, replayed: false };
  });
  // The new person is on the registering official's caseload (they registered them).
  await readPerson(ctx, actor, id, 'person');
  return { made: await loadPersonView(ctx.db, id, today), replayed };
}

/** The office a new person belongs to: the registering official's (docs/access-control.md). */
async function officeOf(q: Queryable, actor: Actor): Promise<string> {
  return (await userOfficeCode(q, actor.userId)) ?? DEFAULT_OFFICE;
}

/** Corrects the name or date of birth (a correction, audited with before and after); one that changes nothing writes nothing. */
export async function correctPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: {
    version: number;
    givenName?: string | undefined;
    familyName?: string | undefined;
    birthDate?: string | undefined;
    acknowledgeLisWarning?: boolean | undefined;
  },
): Promise<PersonView> {
  authorize(actor, 'person.update');
  if (input.birthDate) assertNoRefusals(checkBirthDate(Temporal.PlainDate.from(input.birthDate), ctx.clock.today()));
  await ctx.db.transaction(async (tx) => {
    await writePerson(ctx, actor, id, tx);
    const before = await personById(tx, id);
    if (!before) throw AppError.notFound('person', id);
    if (before.version !== input.version) throw AppError.staleVersion('person', input.version, before.version);
    const changed = (['givenName', 'familyName', 'birthDate'] as const).filter((k) => input[k] !== undefined && input[k] !== before[k]);
    // Nothing to correct (only the version, or the values the person has): no new version, no audit event.
    if (changed.length === 0) return;
    await guardLearnerChange(ctx, tx, actor, id, input.acknowledgeLisWarning, {
      what: 'Name or date of birth',
      detail: `Corrected ${changed.map((k) => `${k} from "${before[k]}" to "${input[k]}"`).join('; ')}.`,
    });
    const values = Object.fromEntries(changed.map((k) => [k, input[k]]));
    const after = expectUpdated(await updatePersonVersioned(tx, id, input.version, values), 'person', id, input.version);
    await recordAudit(tx, actor, { action: 'person.correct', recordType: 'person', recordId: id, before, after });
  });
  return loadPersonView(ctx.db, id, ctx.clock.today());
}

/**
 * Records a change of address, phone, email, education or employment from `effectiveFrom`: a new
 * history entry; the old value stays readable as of earlier dates. Bumps the person's version so
 * two officials changing the same person at once cannot overwrite each other unseen.
 */
export async function recordDetail<K extends DetailKind>(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; kind: K; value: DetailValues[K]; effectiveFrom: string; acknowledgeLisWarning?: boolean | undefined },
): Promise<PersonView> {
  authorize(actor, 'person.update');
  await ctx.db.transaction(async (tx) => {
    await writePerson(ctx, actor, id, tx);
    const before = await loadPersonView(tx, id, Temporal.PlainDate.from(input.effectiveFrom));
    await guardLearnerChange(ctx, tx, actor, id, input.acknowledgeLisWarning, {
      what: input.kind[0]!.toUpperCase() + input.kind.slice(1),
      detail: `${input.kind[0]!.toUpperCase() + input.kind.slice(1)} changed from "${describeValue(before.current[input.kind])}" to "${describeValue(input.value)}" effective ${dateInWords(input.effectiveFrom)}.`,
    });
    expectUpdated(await updatePersonVersioned(tx, id, input.version, {}), 'person', id, input.version);
    const [row] = await insertPersonDetails(tx, [
      { personId: id, kind: input.kind, value: input.value, effectiveFrom: input.effectiveFrom, recordedBy: actor.userId },
    ]);
    await recordAudit(tx, actor, {
      action: `person.detail.${input.kind}`,
      recordType: 'person',
      recordId: id,
      before: { [input.kind]: before.current[input.kind] ?? null, effectiveFrom: input.effectiveFrom },
      after: { [input.kind]: row!.value, effectiveFrom: input.effectiveFrom, seq: row!.seq },
    });
  });
  return loadPersonView(ctx.db, id, ctx.clock.today());
}

/**
 * Search by name words (each matches the start of a given or family name; one of at least two
 * letters starts the family name) with a given-name prefix or the date of birth, a bounded page at
 * a time (docs/access-control.md "Searching"). People above the user's clearance are left out;
 * each hit says whether the user may open the record or must break the glass, and every hit shown
 * is recorded in the access log.
 */
export async function searchPeople(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string | undefined; birthDate?: string | undefined; limit?: number | undefined; offset?: number | undefined },
) {
  authorize(actor, 'person.read');
  const decision = planSearch(query);
  if (!decision.ok) throw AppError.refused([decision.refusal]);
  const { words, familyPrefixes, birthDate } = decision.plan;
  const { limit, offset } = searchPage(query);
  const { ids, matches } = await searchPersonIds(
    ctx.db,
    { words, familyPrefixes, birthDate: birthDate ?? null, searcherId: actor.userId },
    { limit: limit + 1, offset, countCap: SEARCH_TOTAL_CAP },
  );
  const rows = ids.map((id) => ({ id }));
  const hits = rows.slice(0, limit);
  const summaries = await loadSummaries(
    ctx.db,
    hits.map((r) => r.id),
    ctx.clock.today(),
  );
  const access = await accessDecisions(
    ctx,
    actor,
    hits.map((r) => r.id),
  );
  const people = hits.flatMap((r) => {
    const d = access.get(r.id);
    return d ? [{ ...summaries.get(r.id)!, access: d.allowed ? ('allowed' as const) : ('break-glass' as const) }] : [];
  });
  await recordAccess(
    ctx,
    ctx.db,
    actor,
    hits.flatMap((r) => {
      const d = access.get(r.id);
      return d
        ? [
            {
              personId: r.id,
              what: 'search-result' as const,
              basis: d.allowed ? d.basis : ('search' as const),
              breakGlassReason: d.allowed ? d.breakGlassReason : null,
            },
          ]
        : [];
    }),
  );
  return {
    people,
    page: {
      limit,
      offset,
      total: Math.min(matches, SEARCH_TOTAL_CAP),
      totalIsCapped: matches > SEARCH_TOTAL_CAP,
      nextOffset: rows.length > limit ? offset + limit : null,
    },
  };
}

/** R03 pre-conditions: which are met for a Service Plan, and which are not. */
export async function servicePlanReadinessOf(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'person.read');
  await readPerson(ctx, actor, id, 'readiness');
  const person = await loadPersonView(ctx.db, id, ctx.clock.today());
  return servicePlanReadiness(
    { registration: person.registration, cases: person.cases.map((c) => ({ ...c, status: c.status as 'open' | 'closed' })) },
    ctx.needs,
  );
}
