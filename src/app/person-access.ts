/**
 * Access by caseload (docs/access-control.md): every use case that reads a person's data calls
 * `readPerson` (or `readPeople`) where it loads the person. It loads the facts (the person's
 * caseload links, office, sensitivity; the user's office, team, clearance, break-glass grants),
 * lets the domain decide (src/domain/access/access.ts), refuses with NOT_ON_CASELOAD or
 * ABOVE_SENSITIVITY_CLEARANCE, and records the read in the access log. Every use case that changes a
 * person's data calls `writePerson` (or `writePeople`): the same rules without break-glass.
 */
import type { Temporal } from 'temporal-polyfill';
import {
  type AccessDecision,
  type AccessFacts,
  type AccessRefusalCode,
  BREAK_GLASS_ROLES,
  checkBreakGlassReason,
  decideAccess,
  decideWriteAccess,
  reachOf,
} from '../domain/access/access.ts';
import type { Queryable } from '../store/db.ts';
import { type AccessFactsRow, accessFactRows, insertBreakGlassGrant, type Reader } from '../store/repos/access.ts';
import { personById } from '../store/repos/people.ts';
import { type AccessRead, type ReadKind, recordAccess } from './access-log.ts';
import { recordAudit } from './audit.ts';
import { type Actor, type AppContext, timestamp } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';

/**
 * How a use case reaches a person's data through this module, and the refusals each way can answer
 * (src/http/operations.ts names each operation's way; the OpenAPI document declares these codes from it):
 * - `read`: `readPerson`, `readPeople` or `readPersonWithFacts` (outside the reach, or above the clearance);
 * - `write`: `writePerson`, `writePeople` or `writePersonWithFacts` (the same, break-glass aside);
 * - `own-caseload`: `readPeople` of the people on the reader's own caseload only (their own plan items
 *   and tasks), who are always within their reach: only a sensitivity above the clearance refuses;
 * - `break-glass`: `breakGlass`, which opens the reach itself: only a sensitivity above the clearance refuses.
 */
export const PERSON_ACCESS_REFUSALS = {
  read: ['NOT_ON_CASELOAD', 'ABOVE_SENSITIVITY_CLEARANCE'],
  write: ['NOT_ON_CASELOAD', 'ABOVE_SENSITIVITY_CLEARANCE'],
  'own-caseload': ['ABOVE_SENSITIVITY_CLEARANCE'],
  'break-glass': ['ABOVE_SENSITIVITY_CLEARANCE'],
} as const satisfies Readonly<Record<string, readonly AccessRefusalCode[]>>;
export type PersonAccess = keyof typeof PERSON_ACCESS_REFUSALS;
export type { AccessRefusalCode };

/** The actor as the reader of a list filtered in SQL by their reach (store/repos/access.ts `personInReach`). */
export const readerOf = (actor: Actor): Reader => ({ userId: actor.userId, reach: reachOf(actor.roles) });

/**
 * `readerOf` for a list in which the actor's live break-glass grants open a person, as they open a
 * read (`decideAccess`): the home page's caseload and recently viewed (docs/access-control.md "Lists").
 */
export const readerWithGrants = (ctx: AppContext, actor: Actor): Reader => ({
  ...readerOf(actor),
  ...(actor.roles.some((role) => BREAK_GLASS_ROLES.includes(role)) && { breakGlassAt: timestamp(ctx.clock) }),
});

/** A break-glass grant lasts this long (docs/access-control.md "Break-glass"). */
export const BREAK_GLASS_MINUTES = 60;

/** The access facts of each existing person of `ids` for the actor (missing people are absent). */
export async function accessFacts(ctx: AppContext, q: Queryable, actor: Actor, ids: readonly string[]): Promise<Map<string, AccessFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await accessFactRows(q, actor.userId, [...new Set(ids)], timestamp(ctx.clock));
  return new Map(rows.map((r) => [r.id, toFacts(actor, r)]));
}

const toFacts = (actor: Actor, r: AccessFactsRow): AccessFacts => ({
  roles: actor.roles,
  clearance: Number(r.clearance),
  sensitivity: Number(r.sensitivity),
  ownCaseload: r.own === true,
  officeCaseload: r.office === true,
  teamCaseload: r.team === true,
  learnerCaseInOffice: r.learner === true,
  breakGlassReason: r.grant_reason,
});

/** The actor's access to each existing person of `ids` (for the search's hit list). */
export async function accessDecisions(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<Map<string, AccessDecision>> {
  const facts = await accessFacts(ctx, ctx.db, actor, ids);
  return new Map([...facts].map(([id, f]) => [id, decideAccess(f)]));
}

function refuse(decision: Extract<AccessDecision, { allowed: false }>, personId: string): never {
  const r = decision.refusal;
  throw new AppError(r.code, r.detail, { rule: r.rule, facts: { ...r.facts, personId } });
}

type Allowed = Extract<AccessDecision, { allowed: true }>;
/** A refused read: NOT_ON_CASELOAD or ABOVE_SENSITIVITY_CLEARANCE, with its rule and detail. */
export type AccessRefusal = Extract<AccessDecision, { allowed: false }>['refusal'];

/** Each person's decision by `decide`, all allowed: throws NOT_FOUND for one without facts (missing), or the first refusal. */
function allowEach(ids: readonly string[], facts: ReadonlyMap<string, AccessFacts>, decide: (f: AccessFacts) => AccessDecision) {
  return ids.map((personId) => {
    const f = facts.get(personId);
    if (!f) throw AppError.notFound('person', personId);
    const decision = decide(f);
    if (!decision.allowed) refuse(decision, personId);
    return { personId, decision };
  });
}

/** The access-log row of an allowed read. */
const readOf = (personId: string, what: ReadKind, decision: Allowed): AccessRead => ({
  personId,
  what,
  basis: decision.basis,
  breakGlassReason: decision.breakGlassReason,
});

/**
 * Checks the actor may read the people's data and records each read (`what`) in the access log.
 * Throws NOT_FOUND for a missing person, NOT_ON_CASELOAD or ABOVE_SENSITIVITY_CLEARANCE otherwise.
 */
export async function readPeople(
  ctx: AppContext,
  actor: Actor,
  personIds: readonly string[],
  what: ReadKind,
  q: Queryable = ctx.db,
): Promise<void> {
  const ids = [...new Set(personIds)];
  await allowAndLogReads(ctx, q, actor, ids, await accessFacts(ctx, q, actor, ids), what);
}

/**
 * `readPerson` where the statement that loaded the person's data also loaded their access facts
 * (store/repos/access.ts `accessFactsQuery`, with the actor, now and the learner program): the same
 * decision, refusal and access-log row, one round trip fewer. Nothing loaded may leave before it returns.
 */
export async function readPersonWithFacts(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  row: AccessFactsRow | null,
  what: ReadKind,
  q: Queryable = ctx.db,
): Promise<void> {
  const facts = new Map(row && row.id === personId ? [[personId, toFacts(actor, row)]] : []);
  await allowAndLogReads(ctx, q, actor, [personId], facts, what);
}

async function allowAndLogReads(
  ctx: AppContext,
  q: Queryable,
  actor: Actor,
  ids: readonly string[],
  facts: ReadonlyMap<string, AccessFacts>,
  what: ReadKind,
): Promise<void> {
  const allowed = allowEach(ids, facts, decideAccess);
  await recordAccess(
    ctx,
    q,
    actor,
    allowed.map(({ personId, decision }) => readOf(personId, what, decision)),
  );
}

/**
 * `readPeople` for a list that shows whom it may and withholds the rest (the auditors' search of the
 * whole trail): records the reads of the people the actor may read, refuses no one, and returns the
 * refusal (ABOVE_SENSITIVITY_CLEARANCE, NOT_ON_CASELOAD) of each person the actor may not read.
 */
export async function readPeopleShown(
  ctx: AppContext,
  actor: Actor,
  personIds: readonly string[],
  what: ReadKind,
  q: Queryable = ctx.db,
): Promise<Map<string, AccessRefusal>> {
  const facts = await accessFacts(ctx, q, actor, personIds);
  const refused = new Map<string, AccessRefusal>();
  const reads: AccessRead[] = [];
  for (const [personId, f] of facts) {
    const decision = decideAccess(f);
    if (decision.allowed) reads.push(readOf(personId, what, decision));
    else refused.set(personId, decision.refusal);
  }
  await recordAccess(ctx, q, actor, reads);
  return refused;
}

/**
 * `readPeople`'s refusals without its access-log rows: for a use case that must refuse a reader
 * before it checks its input (whose refusal could tell about the person), and logs the read with
 * `readPeople` once the input holds, so that a refused request writes nothing.
 */
export async function refuseUnreadable(ctx: AppContext, actor: Actor, personIds: readonly string[], q: Queryable = ctx.db): Promise<void> {
  const ids = [...new Set(personIds)];
  allowEach(ids, await accessFacts(ctx, q, actor, ids), decideAccess);
}

export const readPerson = (ctx: AppContext, actor: Actor, personId: string, what: ReadKind, q: Queryable = ctx.db): Promise<void> =>
  readPeople(ctx, actor, [personId], what, q);

/**
 * Checks the actor may change the people's data (docs/access-control.md "Writes"): the read rules
 * without break-glass. Throws NOT_FOUND, NOT_ON_CASELOAD or ABOVE_SENSITIVITY_CLEARANCE and changes
 * nothing; call it inside the write's transaction, where the person id is known. Not access-logged:
 * the write itself is audited. System jobs (no actor) do not call it.
 */
export async function writePeople(ctx: AppContext, actor: Actor, personIds: readonly string[], q: Queryable = ctx.db): Promise<void> {
  const ids = [...new Set(personIds)];
  allowEach(ids, await accessFacts(ctx, q, actor, ids), decideWriteAccess);
}

export const writePerson = (ctx: AppContext, actor: Actor, personId: string, q: Queryable = ctx.db): Promise<void> =>
  writePeople(ctx, actor, [personId], q);

/**
 * `writePerson` where the statement batch that locked the record also loaded the person's access
 * facts (store/repos/pdc-write-facts.ts, after the lock was granted): the same decision and refusals.
 */
export function writePersonWithFacts(actor: Actor, personId: string, row: AccessFactsRow | undefined): void {
  if (!row || row.id !== personId) throw AppError.notFound('person', personId);
  const decision = decideWriteAccess(toFacts(actor, row));
  if (!decision.allowed) refuse(decision, personId);
}

/**
 * Break-glass: a read outside the caseload, with a stated reason. Grants the actor access to the
 * person for BREAK_GLASS_MINUTES; every read under it is logged with the reason and flagged for
 * review. Sensitivity still applies: a grant never opens a record above the actor's clearance.
 */
export async function breakGlass(ctx: AppContext, actor: Actor, personId: string, input: { reason: string }) {
  authorize(actor, 'person.break-glass');
  assertNoRefusals(checkBreakGlassReason(input.reason));
  const reason = input.reason.trim();
  return ctx.db.transaction(async (tx) => {
    const facts = (await accessFacts(ctx, tx, actor, [personId])).get(personId);
    if (!facts) throw AppError.notFound('person', personId);
    const decision = decideAccess({ ...facts, breakGlassReason: null });
    if (!decision.allowed && decision.refusal.code !== 'NOT_ON_CASELOAD') refuse(decision, personId);
    const now = ctx.clock.now();
    const expiresAt = now.add({ minutes: BREAK_GLASS_MINUTES });
    const grant = await insertBreakGlassGrant(tx, {
      userId: actor.userId,
      personId,
      reason,
      grantedAt: toDate(now),
      expiresAt: toDate(expiresAt),
    });
    await recordAudit(tx, actor, {
      action: 'person.break-glass',
      recordType: 'person',
      recordId: personId,
      after: { grantId: grant.id, reason, expiresAt: expiresAt.toString() },
    });
    const person = await personById(tx, personId);
    return {
      personId,
      reference: person!.reference,
      reason,
      expiresAt: expiresAt.toString(),
      /** Already reachable without breaking the glass (the grant is recorded all the same). */
      alreadyOnCaseload: decision.allowed,
    };
  });
}

const toDate = (instant: Temporal.Instant) => new Date(instant.epochMilliseconds);
