/** Contacts with the person (R03 Ongoing step 1: "at each interaction..."); the inactivity rules read them. */
import { Temporal } from 'temporal-polyfill';
import { type InteractionRow, insertInteraction, interactionById, interactionsOfPerson } from '../store/repos/interactions.ts';
import { personById } from '../store/repos/people.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { type Created, claimKey, keyedWrite } from './idempotency.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';

export const CHANNELS = ['in-person', 'phone', 'email', 'video', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

type NewInteraction = { occurredOn: string; channel: Channel; note?: string | undefined };

export async function recordInteraction(ctx: AppContext, actor: Actor, personId: string, input: NewInteraction) {
  return (await recordInteractionWithKey(ctx, actor, personId, input, undefined)).made;
}

/**
 * Records a contact; with an Idempotency-Key (app/idempotency.ts), a retry of the same contact by the
 * same official is answered with the contact already recorded, `replayed`, once the person's write
 * access is checked again.
 */
export async function recordInteractionWithKey(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: NewInteraction,
  idempotencyKey: string | undefined,
): Promise<Created<InteractionRow>> {
  authorize(actor, 'interaction.write');
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.occurredOn), ctx.clock.today()) > 0) {
    throw new AppError('DATE_IN_FUTURE', 'A contact cannot be recorded for a future date.', {
      field: 'occurredOn',
      rule: 'R03 Ongoing step 1',
    });
  }
  const write = keyedWrite('interaction.record', idempotencyKey, { personId, ...input });
  return ctx.db.transaction(async (tx) => {
    const person = await personById(tx, personId);
    if (!person) throw AppError.notFound('person', personId);
    await writePerson(ctx, actor, personId, tx);
    const claim = await claimKey(tx, actor, write);
    if (claim?.replayed) return { made: (await interactionById(tx, claim.id))!, replayed: true };
    const row = await insertInteraction(tx, {
      ...(claim && { id: claim.id }),
      personId,
      occurredOn: input.occurredOn,
      channel: input.channel,
      note: input.note ?? '',
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'interaction.record', recordType: 'person', recordId: personId, after: row });
    return { made: row, replayed: false };
  });
}

export async function listInteractions(ctx: AppContext, actor: Actor, personId: string) {
  authorize(actor, 'person.read');
  await readPerson(ctx, actor, personId, 'interactions');
  const rows = await interactionsOfPerson(ctx.db, personId, 200);
  return rows.map(({ i, by }) => ({
    id: i.id,
    occurredOn: i.occurredOn,
    channel: i.channel,
    note: i.note,
    recordedBy: { id: i.recordedBy, displayName: by },
  }));
}
