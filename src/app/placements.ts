/**
 * The facts access by caseload rests on (docs/access-control.md): offices, a user's office, team
 * and clearance (administrators), and a person's sensitivity (supervisors). Each change is audited.
 */
import { allOffices, insertOffice, officeByCode } from '../store/repos/offices.ts';
import { personById, updatePersonVersioned } from '../store/repos/people.ts';
import { updateUserVersioned, userById } from '../store/repos/users.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { writePerson } from './person-access.ts';
import { expectUpdated } from './versioning.ts';

export async function listOffices(ctx: AppContext, actor: Actor) {
  authorize(actor, 'user.read');
  return allOffices(ctx.db);
}

export async function createOffice(ctx: AppContext, actor: Actor, input: { code: string; name: string }) {
  authorize(actor, 'user.placement');
  return ctx.db.transaction(async (tx) => {
    const row = await insertOffice(tx, input);
    if (!row)
      throw new AppError('OFFICE_EXISTS', `An office with code ${input.code} already exists.`, {
        field: 'code',
        rule: 'Waypoint access control: offices',
      });
    await recordAudit(tx, actor, { action: 'office.create', recordType: 'office', recordId: row.code, after: row });
    return row;
  });
}

/** Puts a user in an office and a team (null: none) with a sensitivity clearance 1-5. */
export async function placeUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: { version: number; officeCode?: string | undefined; teamCode?: string | null | undefined; clearance?: number | undefined },
) {
  authorize(actor, 'user.placement');
  return ctx.db.transaction(async (tx) => {
    const before = await userById(tx, userId);
    if (!before) throw AppError.notFound('user', userId);
    if (input.officeCode !== undefined) {
      const office = await officeByCode(tx, input.officeCode);
      if (!office)
        throw new AppError('NOT_FOUND', `No office with code ${input.officeCode}.`, {
          field: 'officeCode',
          facts: { recordType: 'office' },
        });
    }
    const values = {
      ...(input.officeCode !== undefined && { officeCode: input.officeCode }),
      ...(input.teamCode !== undefined && { teamCode: input.teamCode }),
      ...(input.clearance !== undefined && { clearance: input.clearance }),
    };
    const after = expectUpdated(await updateUserVersioned(tx, userId, input.version, values), 'user', userId, input.version);
    const placement = (u: typeof before) => ({ officeCode: u.officeCode, teamCode: u.teamCode, clearance: u.clearance });
    await recordAudit(tx, actor, {
      action: 'user.placement',
      recordType: 'user',
      recordId: userId,
      before: placement(before),
      after: placement(after),
    });
    return { id: after.id, username: after.username, ...placement(after), version: after.version };
  });
}

/** Sets a person's sensitivity 1-5: never above the actor's own clearance (they could no longer read them). */
export async function setSensitivity(ctx: AppContext, actor: Actor, personId: string, input: { version: number; sensitivity: number }) {
  authorize(actor, 'person.sensitivity');
  return ctx.db.transaction(async (tx) => {
    await writePerson(ctx, actor, personId, tx);
    const me = await userById(tx, actor.userId);
    if (!me || input.sensitivity > me.clearance) {
      throw new AppError('ABOVE_SENSITIVITY_CLEARANCE', `You can set a sensitivity up to your own clearance (${me?.clearance ?? 1}).`, {
        field: 'sensitivity',
        rule: 'Waypoint access control: sensitivity',
      });
    }
    const before = await personById(tx, personId);
    const after = expectUpdated(
      await updatePersonVersioned(tx, personId, input.version, { sensitivity: input.sensitivity }),
      'person',
      personId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'person.sensitivity',
      recordType: 'person',
      recordId: personId,
      before: before && { sensitivity: before.sensitivity },
      after: { sensitivity: after.sensitivity },
    });
    return { id: personId, sensitivity: after.sensitivity, version: after.version };
  });
}
