/** Contacts with the person (R03 Ongoing step 1: "at each interaction..."); the inactivity rules read them. */
import { Temporal } from 'temporal-polyfill';
import { insertInteraction, interactionsOfPerson } from '../store/repos/interactions.ts';
import { personById } from '../store/repos/people.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';

export const CHANNELS = ['in-person', 'phone', 'email', 'video', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export async function recordInteraction(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: { occurredOn: string; channel: Channel; note?: string | undefined },
) {
  authorize(actor, 'interaction.write');
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.occurredOn), ctx.clock.today()) > 0) {
    throw new AppError('DATE_IN_FUTURE', 'A contact cannot be recorded for a future date.', {
      field: 'occurredOn',
      rule: 'R03 Ongoing step 1',
    });
  }
  return ctx.db.transaction(async (tx) => {
    const person = await personById(tx, personId);
    if (!person) throw AppError.notFound('person', personId);
    await writePerson(ctx, actor, personId, tx);
    const row = await insertInteraction(tx, {
      personId,
      occurredOn: input.occurredOn,
      channel: input.channel,
      note: input.note ?? '',
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'interaction.record', recordType: 'person', recordId: personId, after: row });
    return row;
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
