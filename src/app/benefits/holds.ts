/**
 * The hold while a detected two-attending situation awaits confirmation (domain/two-attending/hold.ts,
 * docs/policy/issued-months.md): the second learner's overlap months are determined but not issued,
 * so the household is never paid twice. Here: which hold a case is under now, and the live holds as
 * both cases and the worklist show them.
 */
import { type Hold, holdOn, WITHHELD_PARTNER_CASE } from '../../domain/two-attending/hold.ts';
import type { Queryable } from '../../store/db.ts';
import { heldMonthsOfLatest } from '../../store/repos/determinations.ts';
import { pdcsWithPeople } from '../../store/repos/product-delivery-cases.ts';
import { detectedSituations, situationsOfPdc } from '../../store/repos/two-attending.ts';
import type { Actor, AppContext } from '../context.ts';
import { authorize } from '../permissions.ts';
import { type AccessRefusal, accessDecisions, readPeople, readPeopleShown } from '../person-access.ts';
import { loadPdc, type PdcRow } from './snapshot.ts';

/** The hold a live detected situation puts on this case now, if it is the second learner's. */
export async function holdOnCase(q: Queryable, pdc: PdcRow): Promise<Hold | null> {
  const [s] = await situationsOfPdc(q, pdc.id, 'detected', { secondOnly: true });
  if (!s) return null;
  return holdOn(s, pdc.id, (await loadPdc(q, s.firstPdcId)).reference);
}

/**
 * The live holds on these cases or their partners' (both cases of a household show the hold), or
 * every live hold, each with its two learners (the second learner's and the partner's person ids).
 * The months are those the second case's current determination holds, or, before it has one, the
 * situation's months (nothing of them was issued).
 */
async function liveHolds(q: Queryable, pdcIds?: readonly string[]) {
  if (pdcIds && pdcIds.length === 0) return [];
  const live = await detectedSituations(q, pdcIds);
  const out = [];
  for (const s of live) {
    const cases = await pdcsWithPeople(q, [s.firstPdcId, s.secondPdcId]);
    const first = cases.find((c) => c.pdc.id === s.firstPdcId)!;
    const second = cases.find((c) => c.pdc.id === s.secondPdcId)!;
    const hold = holdOn(s, second.pdc.id, first.pdc.reference);
    if (!hold) continue;
    const months = (await heldMonthsOfLatest(q, second.pdc.id)) ?? hold.months;
    if (months.length === 0) continue;
    out.push({
      learners: [second.pdc.personId, first.pdc.personId],
      hold: {
        situationId: s.id,
        pdcId: second.pdc.id,
        pdcReference: second.pdc.reference,
        personId: second.pdc.personId,
        personReference: second.reference,
        partnerPdcId: first.pdc.id,
        partnerPdcReference: first.pdc.reference,
        months: [...months],
        reason: hold.reason,
        coordinatorIds: [first.pdc.coordinatorId, second.pdc.coordinatorId].filter((c): c is string => c !== null),
      },
    });
  }
  return out;
}

/**
 * For the worklist: every live hold whose two learners the user may read (a coordinator's page shows
 * those on their cases), as the list of situations is (docs/access-control.md); each hold shown is an
 * access-logged read of both learners.
 */
export async function listHolds(ctx: AppContext, actor: Actor) {
  authorize(actor, 'benefits.read');
  const live = await liveHolds(ctx.db);
  const access = await accessDecisions(
    ctx,
    actor,
    live.flatMap((h) => h.learners),
  );
  const shown = live.filter((h) => h.learners.every((id) => access.get(id)?.allowed === true));
  await readPeople(
    ctx,
    actor,
    shown.flatMap((h) => h.learners),
    'two-attending',
  );
  return shown.map(({ hold }) => hold);
}

/** Why a hold's partner is withheld: the refusal's code, and in words. */
export interface Withheld {
  readonly code: AccessRefusal['code'];
  readonly detail: string;
}

/** The text with each of the references named in it put as the label (a reference whole, never one that merely starts with it). */
export function withholdReferences(text: string, references: readonly string[], label = WITHHELD_PARTNER_CASE): string {
  const escaped = (reference: string) => reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return references.reduce((out, reference) => out.replace(new RegExp(`${escaped(reference)}(?![0-9])`, 'g'), () => label), text);
}

/**
 * The live holds on a learner case or its partner's as the case's page shows them to the reader
 * (docs/access-control.md "Lists"): the hold is always shown (the household's money is held, on this
 * case or the partner's), and the partner is a person of their own. Within the reader's reach
 * (sensitivity included) the partner's case, and their person where theirs is the case held, are
 * shown and the partner's read is access-logged (`two-attending`); otherwise their references are
 * withheld (null, and put as "the partner's case" in the hold's reason), `withheld` says why, and
 * nothing is logged for them. `withheldReferences` are the partner case references withheld, for the
 * months whose stored hold reason names them.
 */
export async function holdsShownOnCase(ctx: AppContext, actor: Actor, pdc: { id: string; personId: string }, q: Queryable = ctx.db) {
  const live = await liveHolds(q, [pdc.id]);
  const partnerOf = (learners: readonly string[]) => learners.find((id) => id !== pdc.personId);
  const partners = live.flatMap(({ learners }) => partnerOf(learners) ?? []);
  const refused = partners.length ? await readPeopleShown(ctx, actor, partners, 'two-attending', q) : new Map<string, AccessRefusal>();
  const withheldReferences = new Set<string>();
  const holds = live.map(({ learners, hold }) => {
    const refusal = refused.get(partnerOf(learners) ?? '');
    if (!refusal) return hold;
    const own = hold.pdcId === pdc.id;
    const partnerReference = own ? hold.partnerPdcReference : hold.pdcReference;
    withheldReferences.add(partnerReference);
    const withheld: Withheld = {
      code: refusal.code,
      detail: `The partner's case is withheld: it names a person you may not read. ${refusal.detail}`,
    };
    return {
      ...hold,
      ...(own ? { partnerPdcReference: null } : { pdcReference: null, personReference: null }),
      reason: withholdReferences(hold.reason, [partnerReference]),
      withheld,
    };
  });
  return { holds, withheldReferences: [...withheldReferences] };
}
