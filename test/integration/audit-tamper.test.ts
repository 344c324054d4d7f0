/**
 * Issue 11, finding 2: the tamper matrix. Someone with full access to the database (triggers off,
 * as a superuser could) edits, rehashes, deletes, reorders or forges audit events; `verify` must
 * catch each one, naming the first bad event or the missing range, and pass an untouched trail.
 * The chain key and the checkpoint file live in a folder of the test's own, outside the database.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuditKeys, loadAuditKeys } from '../../src/app/audit-keys.ts';
import { sealAuditTrail, startAuditSealer } from '../../src/app/audit-seal.ts';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';
import { createContext } from '../../src/app/create-context.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/app/demo-data.ts';
import { createUser } from '../../src/app/users.ts';
import { type Db, openDatabase, rowsOf } from '../../src/store/db.ts';
import { signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { createScratchDatabase, postgresOnly } from '../support/postgres-only.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Trail {
  readonly server: TestServer;
  readonly db: Db;
  readonly keys: AuditKeys;
  readonly dir: string;
  /** Events sealed and checkpointed. */
  readonly size: number;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function auditFolder(): { dir: string; keys: AuditKeys } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-audit-'));
  const keys = loadAuditKeys({ dir, checkpointsFile: path.join(dir, 'checkpoints.jsonl') }, { create: true })!;
  return { dir, keys };
}

/** A trail of real events (demo users, three people registered and corrected), sealed twice: two checkpoints. */
async function sealedTrail(): Promise<Trail> {
  const server = await startTestServer();
  const { dir, keys } = auditFolder();
  cleanups.push(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ada = await signedIn(server.app, 'official.ada');
  const db = server.database.db;
  await ada.post('/api/people', personBody({ givenName: 'First' }));
  await sealAuditTrail(db, keys, { wait: true });
  for (const givenName of ['Second', 'Third']) {
    const created = await ada.post('/api/people', personBody({ givenName }));
    await ada.patch(`/api/people/${created.body.id}`, { version: 1, givenName: `${givenName}-corrected` });
  }
  const sealed = (await sealAuditTrail(db, keys, { wait: true }))!;
  return { server, db, keys, dir, size: sealed.treeSize };
}

/** Runs SQL as a database administrator would: the append-only guard switched off. */
async function asAdministrator(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
  await db.execute(statement);
  await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_or_delete`);
}

const seqAt = async (db: Db, chainIndex: number) =>
  Number(
    rowsOf<{ seq: string }>(await db.execute(sql`select seq::text as seq from audit_events where chain_index = ${chainIndex}`))[0]!.seq,
  );

describe('finding 2: audit verify catches tampering by someone with database access', () => {
  it('an untouched trail verifies, every event sealed and covered by a signed checkpoint', async () => {
    const { db, keys, size } = await sealedTrail();
    const result = await verifyAuditChain(db, keys);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, sealed: size, pending: 0, events: size, checkpoints: 2, checkpointedSize: size });
    expect(size).toBeGreaterThan(10);
  });

  it('an edited event is named as the first bad event', async () => {
    const { db, keys } = await sealedTrail();
    const seq = await seqAt(db, 9);
    await asAdministrator(db, sql`update audit_events set after = '{"givenName":"Mallory"}'::jsonb where chain_index = 9`);
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ chainIndex: 9, seq, problem: expect.stringMatching(/does not match its keyed hash/) });
  });

  it("an edit rehashed with the database's own digest, down to the head, is caught at the edited event", async () => {
    const { db, keys } = await sealedTrail();
    const seq = await seqAt(db, 9);
    await asAdministrator(
      db,
      sql.raw(`do $$
        declare r record; prev text;
        begin
          update audit_events set action = 'person.tampered' where chain_index = 9;
          select hash into prev from audit_events where chain_index = 8;
          for r in select * from audit_events where chain_index >= 9 order by chain_index loop
            prev := encode(sha256(convert_to(prev || '|' || r.chain_index::text || '|' || r.seq::text || '|' || r.action || '|' || coalesce(r.after::text, 'null'), 'UTF8')), 'hex');
            update audit_events set prev_hash = (select hash from audit_events where chain_index = r.chain_index - 1), hash = prev where seq = r.seq;
          end loop;
        end $$`),
    );
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ chainIndex: 9, seq, problem: expect.stringMatching(/keyed hash/) });
    expect(result.problems.map((p) => p.problem).join('\n')).toMatch(/differs from the signed checkpoint/);
  });

  it('one deleted event is named as a missing event', async () => {
    const { db, keys } = await sealedTrail();
    await asAdministrator(db, sql`delete from audit_events where chain_index = 4`);
    const result = await verifyAuditChain(db, keys);
    expect(result.problems).toEqual([
      expect.objectContaining({ chainIndex: 4, problem: expect.stringMatching(/^event 4 of the chain is missing/) }),
    ]);
  });

  it('deleting the newest events is caught as a missing range up to the signed checkpoint', async () => {
    const { db, keys, size } = await sealedTrail();
    await asAdministrator(db, sql`delete from audit_events where chain_index > ${size - 3}`);
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.problem).toMatch(
      new RegExp(`^events ${size - 2} to ${size} of the chain are missing .*covers ${size} events, the database holds up to ${size - 3}`),
    );
  });

  it('deleting every event is caught: the emptied trail misses the whole checkpointed range', async () => {
    const { db, keys, size } = await sealedTrail();
    await asAdministrator(db, sql`delete from audit_events`);
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.problem).toMatch(new RegExp(`^events 1 to ${size} of the chain are missing .*the database holds none`));
  });

  it('two events swapped in the chain are caught at the first of them', async () => {
    const { db, keys } = await sealedTrail();
    const seq5 = await seqAt(db, 5);
    await asAdministrator(
      db,
      sql.raw(`do $$ begin
        update audit_events set chain_index = -5 where chain_index = 5;
        update audit_events set chain_index = 5 where chain_index = 6;
        update audit_events set chain_index = 6 where chain_index = -5;
      end $$`),
    );
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ chainIndex: 5, problem: expect.stringMatching(/link to the previous event is broken/) });
    expect(await seqAt(db, 6)).toBe(seq5);
  });

  it('a forged event appended to the chain with a hash made without the key is named', async () => {
    const { db, keys, size } = await sealedTrail();
    await asAdministrator(
      db,
      sql.raw(`insert into audit_events (action, record_type, record_id, after, chain_index, prev_hash, hash)
        select 'person.register', 'person', 'forged', '{"givenName":"Ghost"}', chain_index + 1, hash, encode(sha256(convert_to(hash || 'forged', 'UTF8')), 'hex')
        from audit_events order by chain_index desc limit 1`),
    );
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ chainIndex: size + 1, problem: expect.stringMatching(/keyed hash/) });
  });

  it('a forged event slipped in unsealed and backdated before the last checkpoint is named as forged', async () => {
    const { db, keys } = await sealedTrail();
    await db.execute(
      sql`insert into audit_events (at, action, record_type, record_id) values (now() - interval '2 days', 'person.register', 'person', 'backdated')`,
    );
    const [forged] = rowsOf<{ seq: string }>(
      await db.execute(sql`select seq::text as seq from audit_events where record_id = 'backdated'`),
    );
    const result = await verifyAuditChain(db, keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({
      seq: Number(forged!.seq),
      problem: expect.stringMatching(/inserted behind the application/),
    });
  });

  it('an empty trail without any checkpoint is an error, not an intact trail', async () => {
    const { db } = await sealedTrail();
    const other = auditFolder();
    cleanups.push(async () => rmSync(other.dir, { recursive: true, force: true }));
    await asAdministrator(db, sql`delete from audit_events`);
    const result = await verifyAuditChain(db, other.keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.problem).toMatch(/^the audit trail is empty/);
  });

  it('a checkpoint line added without the signing key is refused', async () => {
    const { db, keys } = await sealedTrail();
    const lines = readFileSync(keys.checkpointsFile, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(lines[0]!), treeSize: 2 };
    appendFileSync(keys.checkpointsFile, `${JSON.stringify(forged)}\n`);
    const result = await verifyAuditChain(db, keys);
    expect(result.problems[0]!.problem).toMatch(/^checkpoint file line 3 .*no valid signature/);
  });

  it('events written after the last seal are reported as pending, not as verified, and the next seal covers them', async () => {
    const { server, db, keys, size } = await sealedTrail();
    const ada = await signedIn(server.app, 'official.ada');
    await ada.post('/api/people', personBody({ givenName: 'Later' }));
    const before = await verifyAuditChain(db, keys);
    expect(before).toMatchObject({ ok: true, sealed: size, pending: before.events - size, checkpointedSize: size });
    expect(before.pending).toBeGreaterThan(0);
    await sealAuditTrail(db, keys);
    expect(await verifyAuditChain(db, keys)).toMatchObject({
      ok: true,
      sealed: before.events,
      pending: 0,
      checkpointedSize: before.events,
    });
  });

  it('sealed events cannot be verified with another chain key', async () => {
    const { db, size } = await sealedTrail();
    const other = auditFolder();
    cleanups.push(async () => rmSync(other.dir, { recursive: true, force: true }));
    const result = await verifyAuditChain(db, other.keys);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ chainIndex: 1, problem: expect.stringMatching(/keyed hash/) });
    expect(result.problems.at(-1)!.problem).toMatch(/no signed checkpoint of this trail/);
    expect(size).toBeGreaterThan(0);
  });

  it('the key files are created readable by their owner only', () => {
    const { dir } = auditFolder();
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    expect(statSync(path.join(dir, 'audit-chain.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
  });
});

describe("the server's sealer", () => {
  it('chains the events written while it runs, logs each checkpoint, and seals the rest when it stops', async () => {
    const server = await startTestServer();
    const { dir, keys } = auditFolder();
    cleanups.push(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const logged: object[] = [];
    const sealer = startAuditSealer(server.database.db, keys, {
      intervalMs: 50,
      log: { info: (fields) => logged.push(fields), error: (fields) => logged.push(fields) },
    });
    const ada = await signedIn(server.app, 'official.ada');
    await ada.post('/api/people', personBody());
    for (let i = 0; i < 200 && (await verifyAuditChain(server.database.db, keys)).pending > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await ada.post('/api/people', personBody({ givenName: 'Last' }));
    await sealer.stop();
    const result = await verifyAuditChain(server.database.db, keys);
    expect(result).toMatchObject({ ok: true, pending: 0, sealed: result.events, checkpointedSize: result.events });
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.at(-1)).toMatchObject({ auditCheckpoint: { treeSize: result.events } });
  });
});

const only = postgresOnly('The audit verify command test');
const BIN = path.resolve('bin/waypoint.js');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, output })));
}

describe.skipIf(!only.run)(`finding 2: the waypoint audit command (PostgreSQL)${only.reason ? `: ${only.reason}` : ''}`, () => {
  it('audit seal then audit verify pass an untouched trail; after the newest events are deleted, verify exits 1 naming the missing range', async () => {
    const scratch = await createScratchDatabase('audit_cli');
    const { dir } = auditFolder();
    const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 2 });
    cleanups.push(async () => {
      await database.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    const ctx = createContext(database.db, { demoMode: true });
    for (const u of DEMO_USERS) await createUser(ctx, null, { ...u, password: DEMO_PASSWORD });
    const env = { DATABASE_URL: scratch.url, WAYPOINT_AUDIT_DIR: dir };

    const sealed = await cli(['audit', 'seal'], env);
    expect(sealed.output).toMatch(new RegExp(`Sealed ${DEMO_USERS.length} event\\(s\\)`));
    const intact = await cli(['audit', 'verify'], env);
    expect(intact.code, intact.output).toBe(0);
    expect(intact.output).toMatch(/Hash chain intact/);

    await asAdministrator(database.db, sql`delete from audit_events where chain_index > 2`);
    const tampered = await cli(['audit', 'verify'], env);
    expect(tampered.code, tampered.output).toBe(1);
    expect(tampered.output).toMatch(new RegExp(`First: \\(chain 3\\) events 3 to ${DEMO_USERS.length} of the chain are missing`));
  }, 60_000);
});
