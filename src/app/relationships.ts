/** Relationship use cases: record a spouse/partner or dependant with dates; end one. */
import { Temporal } from 'temporal-polyfill';
import { checkEndRelationship, checkNewRelationship, type RelationshipKind } from '../domain/people/relationships.ts';
import type { Queryable } from '../store/db.ts';
import { lockPeople } from '../store/repos/people.ts';
import { determinedCaseIdsOf } from '../store/repos/product-delivery-cases.ts';
import {
  insertRelationship,
  type RelationshipRow,
  relationshipById,
  relationshipsOfPeople,
  updateRelationshipVersioned,
} from '../store/repos/relationships.ts';
import { recordAudit } from './audit.ts';
import { reassess } from './benefits/determinations.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';
import { writePeople } from './person-access.ts';
import { toRelationship } from './person-view.ts';
import { detectAround } from './two-attending.ts';
import { expectUpdated } from './versioning.ts';

export interface NewRelationshipInput {
  readonly kind: RelationshipKind;
  readonly subtype: string;
  readonly personId: string;
  readonly relatedPersonId: string;
  readonly startDate: string;
  readonly endDate?: string | null | undefined;
}

const view = (row: RelationshipRow) => ({
  id: row.id,
  kind: row.kind,
  subtype: row.subtype,
  personId: row.personId,
  relatedPersonId: row.relatedPersonId,
  startDate: row.startDate,
  endDate: row.endDate,
  version: row.version,
});

export async function addRelationship(ctx: AppContext, actor: Actor, input: NewRelationshipInput) {
  authorize(actor, 'relationship.write');
  return ctx.db.transaction(async (tx) => {
    const ids = [input.personId, input.relatedPersonId];
    // Lock both people: concurrent relationship changes for either are serialised.
    const found = await lockPeople(tx, ids);
    for (const [field, id] of [
      ['personId', input.personId],
      ['relatedPersonId', input.relatedPersonId],
    ] as const) {
      if (!found.some((p) => p.id === id)) throw new AppError('NOT_FOUND', `No person with id ${id}.`, { field });
    }
    // The relationship changes both people's households: the writer needs both on their caseload.
    await writePeople(ctx, actor, ids, tx);
    const existing = await relationshipsOfPeople(tx, ids);
    assertNoRefusals(
      checkNewRelationship(
        {
          kind: input.kind,
          subtype: input.subtype,
          personId: input.personId,
          relatedPersonId: input.relatedPersonId,
          period: { start: Temporal.PlainDate.from(input.startDate), end: input.endDate ? Temporal.PlainDate.from(input.endDate) : null },
        },
        existing.map(toRelationship),
        Object.fromEntries(found.map((p) => [p.id, Temporal.PlainDate.from(p.birthDate)])),
      ),
    );
    const row = await insertRelationship(tx, { ...input, endDate: input.endDate ?? null, createdBy: actor.userId });
    await recordAudit(tx, actor, { action: 'relationship.add', recordType: 'relationship', recordId: row.id, after: view(row) });
    // E04: a new partnership can make a two-attending household.
    if (row.kind === 'spouse') await detectAround(ctx, tx, actor, row.personId);
    // The household's composition changed: learner cases of the people involved are reassessed.
    await reassessLearnersOf(ctx, tx, actor, [row.personId, row.relatedPersonId], 'Household changed: relationship recorded');
    return view(row);
  });
}

export async function endRelationship(ctx: AppContext, actor: Actor, id: string, input: { version: number; endDate: string }) {
  authorize(actor, 'relationship.write');
  return ctx.db.transaction(async (tx) => {
    const before = await relationshipById(tx, id);
    if (!before) throw AppError.notFound('relationship', id);
    await writePeople(ctx, actor, [before.personId, before.relatedPersonId], tx);
    if (before.version !== input.version) throw AppError.staleVersion('relationship', input.version, before.version);
    assertNoRefusals(checkEndRelationship(toRelationship(before), Temporal.PlainDate.from(input.endDate)));
    const after = expectUpdated(
      await updateRelationshipVersioned(tx, id, input.version, { endDate: input.endDate }),
      'relationship',
      id,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'relationship.end',
      recordType: 'relationship',
      recordId: id,
      before: view(before),
      after: view(after),
    });
    // E04: the two-attending months end with the partnership; both cases are re-coordinated.
    if (after.kind === 'spouse') {
      await detectAround(ctx, tx, actor, after.personId);
      await detectAround(ctx, tx, actor, after.relatedPersonId);
    }
    await reassessLearnersOf(ctx, tx, actor, [after.personId, after.relatedPersonId], 'Household changed: relationship ended');
    return view(after);
  });
}

/** Reassesses the determined learner cases of these people (a household change affects their rates). */
async function reassessLearnersOf(ctx: AppContext, q: Queryable, actor: Actor, personIds: readonly string[], reason: string) {
  for (const id of await determinedCaseIdsOf(q, personIds)) await reassess(ctx, q, actor, id, reason);
}
