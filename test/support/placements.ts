/**
 * Test setup for access by caseload (docs/access-control.md): offices, a user's office, team and
 * clearance, a person's sensitivity, and caseload links, written straight to the test database
 * (an operator's step in production; see the document).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/store/db.ts';

export async function addOffice(db: Db, code: string, name = `${code} office`): Promise<void> {
  await db.execute(sql`insert into offices (code, name) values (${code}, ${name}) on conflict (code) do nothing`);
}

export async function placeUser(
  db: Db,
  username: string,
  place: { office?: string; team?: string | null; clearance?: number },
): Promise<void> {
  if (place.office !== undefined) await db.execute(sql`update users set office_code = ${place.office} where username = ${username}`);
  if (place.team !== undefined) await db.execute(sql`update users set team_code = ${place.team} where username = ${username}`);
  if (place.clearance !== undefined) await db.execute(sql`update users set clearance = ${place.clearance} where username = ${username}`);
}

export async function setSensitivity(db: Db, personId: string, level: number): Promise<void> {
  await db.execute(sql`update persons set sensitivity = ${level} where id = ${personId}::uuid`);
}

/** Puts the person on the user's caseload: an open task about them, assigned to the user. */
export async function assignTaskAbout(db: Db, username: string, personId: string): Promise<void> {
  await db.execute(sql`
    insert into tasks (kind, title, assignee_id, person_id, due_on)
    select 'follow-up', 'Follow up', id, ${personId}::uuid, date '2026-07-01' from users where username = ${username}`);
}
