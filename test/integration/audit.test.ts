import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuditKeys } from '../../src/app/audit-keys.ts';
import { SEAL_BATCH, SEAL_LOCK, sealAuditTrail } from '../../src/app/audit-seal.ts';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';
import { rowsOf } from '../../src/store/db.ts';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
let auditor: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  auditor = await signedIn(server.app, 'auditor.hugo');
});
afterAll(() => server.close());

const keysIn = (dir: string) => ({ dir, checkpointsFile: path.join(dir, 'checkpoints.jsonl') });

describe('the audit trail', () => {
  it('every change to a person is audited with who, when, what and before/after', async () => {
    const created = await ada.post('/api/people', personBody({ givenName: 'Audrey' }));
    const id = created.body.id;
    await ada.patch(`/api/people/${id}`, { version: 1, givenName: 'Audra' });
    await ada.post(`/api/people/${id}/details`, { version: 2, kind: 'phone', value: '780-555-0999', effectiveFrom: '2026-05-01' });

    const trail = await auditor.get(`/api/audit?recordType=person&recordId=${id}`);
    expect(trail.status).toBe(200);
    expect(trail.body.events.map((e: { action: string }) => e.action)).toEqual([
      'person.register',
      'person.correct',
      'person.detail.phone',
    ]);
    const correction = trail.body.events[1];
    expect(correction.actor.displayName).toBe('Ada Chen');
    expect(correction.before.givenName).toBe('Audrey');
    expect(correction.after.givenName).toBe('Audra');
    expect(Date.parse(correction.at)).not.toBeNaN();
    expect(trail.body.events[2].before).toEqual({ phone: '780-555-0100', effectiveFrom: '2026-05-01' });
  });

  it('case and assessment changes are audited on their own records', async () => {
    const person = await ada.post('/api/people', personBody());
    const opened = await ada.post(`/api/people/${person.body.id}/cases`, {});
    const trail = await auditor.get(`/api/audit?recordType=integrated_case&recordId=${opened.body.id}`);
    expect(trail.body.events).toEqual([expect.objectContaining({ action: 'case.open', before: null })]);
  });

  it('an official cannot read the audit trail', async () => {
    const response = await ada.get('/api/audit?recordType=person&recordId=x');
    expect(response.status).toBe(403);
  });

  it('the database refuses to update or delete an audit event', async () => {
    await ada.post('/api/people', personBody());
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'allowed',
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(await refusal(server.database.db.execute(sql`update audit_events set action = 'tampered'`))).toMatch(/append-only/);
    expect(await refusal(server.database.db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
  });

  it('adding evidence audits, on its case, the evidence record and its first version exactly as they were stored', async () => {
    const dana = await signedIn(server.app, 'lbc.dana');
    const learner = await learnerWithPdc(ada);
    const added = await dana.post(`/api/pdcs/${learner.pdcId}/evidence`, {
      type: 'child-care',
      amount: '600.25',
      periodStart: '2026-09-01',
      periodEnd: '2027-06-30',
      note: 'receipts seen',
    });
    expect(added.status).toBe(201);
    const db = server.database.db;
    const record = await db.query.evidence.findFirst({ where: (e, { eq }) => eq(e.id, added.body.evidenceId) });
    const version = await db.query.evidenceVersions.findFirst({ where: (v, { eq }) => eq(v.id, added.body.versionId) });
    const events = (await db.query.auditEvents.findMany({ where: (a, { eq }) => eq(a.recordId, learner.pdcId) })).filter(
      (e) => e.action === 'evidence.add',
    );
    expect(events).toEqual([
      expect.objectContaining({
        actorId: record!.createdBy,
        recordType: 'pdc',
        before: null,
        after: JSON.parse(JSON.stringify({ evidence: record, version })),
      }),
    ]);
  });

  it('a refused change writes no audit event', async () => {
    const count = async () => (await server.database.db.query.auditEvents.findMany()).length;
    const before = await count();
    await ada.post('/api/people', personBody({ birthDate: '2099-01-01' }));
    expect(await count()).toBe(before);
  });

  it('a change writes its audit event unsealed, with no shared chain-head row to queue on; the sealer chains it later', async () => {
    const created = await ada.post('/api/people', personBody());
    const db = server.database.db;
    const [row] = rowsOf<{ chain_index: string | null; hash: string | null }>(
      await db.execute(sql`select chain_index::text as chain_index, hash from audit_events where record_id = ${created.body.id}`),
    );
    expect(row).toEqual({ chain_index: null, hash: null });
    expect(rowsOf(await db.execute(sql`select 1 from pg_tables where tablename = 'audit_chain_head'`))).toEqual([]);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-audit-'));
    try {
      const keys = loadAuditKeys({ dir, checkpointsFile: path.join(dir, 'checkpoints.jsonl') }, { create: true })!;
      await sealAuditTrail(db, keys);
      const chain = rowsOf<{ prev_hash: string; hash: string }>(
        await db.execute(sql`select prev_hash, hash from audit_events order by chain_index`),
      );
      for (const [i, e] of chain.entries()) expect(e.prev_hash).toBe(i === 0 ? '0'.repeat(64) : chain[i - 1]!.hash);
      const result = await verifyAuditChain(db, keys);
      expect(result).toMatchObject({ ok: true, pending: 0 });
      expect(result.sealed).toBeGreaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the sealer chains a backlog in transactions of at most 250 events, so that no one step holds the server for long', async () => {
    const db = server.database.db;
    await db.execute(
      sql`insert into audit_events (action, record_type, record_id, after) select 'test.backlog', 'test', n::text, jsonb_build_object('n', n) from generate_series(1, 600) n`,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-audit-'));
    try {
      const keys = loadAuditKeys({ dir, checkpointsFile: path.join(dir, 'checkpoints.jsonl') }, { create: true })!;
      await sealAuditTrail(db, keys);
      // Each row's xmin is the transaction that sealed it.
      const perTransaction = rowsOf<{ events: number }>(
        await db.execute(sql`select count(*)::int as events from audit_events where action = 'test.backlog' group by xmin::text`),
      ).map((r) => r.events);
      expect(perTransaction.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...perTransaction)).toBeLessThanOrEqual(250);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.WAYPOINT_TEST_ENGINE === 'postgres')(
    'a seal run that has sealed a batch waits for another sealer rather than leave its events without a checkpoint',
    async () => {
      const db = server.database.db;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-audit-'));
      const keys = loadAuditKeys(keysIn(dir), { create: true })!;
      await sealAuditTrail(db, keys);
      await db.execute(
        sql`insert into audit_events (action, record_type, record_id, after) select 'test.interrupted', 'test', n::text, jsonb_build_object('n', n) from generate_series(1, ${SEAL_BATCH + 50}) n`,
      );
      // Another server's sealer takes the lock between this run's first and second batch, and holds it a moment.
      let transactions = 0;
      let held: Promise<unknown> = Promise.resolve();
      const interrupted = new Proxy(db, {
        get(target, key, receiver) {
          if (key !== 'transaction') return Reflect.get(target, key, receiver);
          return async (...args: Parameters<typeof db.transaction>) => {
            if (++transactions === 2) {
              let locked!: () => void;
              const lockTaken = new Promise<void>((resolve) => (locked = resolve));
              held = target.transaction(async (tx) => {
                await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK})`);
                locked();
                await new Promise((resolve) => setTimeout(resolve, 300));
              });
              await lockTaken;
            }
            return target.transaction(...args);
          };
        },
      });
      try {
        const result = await sealAuditTrail(interrupted, keys);
        await held;
        const [head] = rowsOf<{ size: string; hash: string }>(
          await db.execute(
            sql`select chain_index::text as size, hash from audit_events where chain_index is not null order by chain_index desc limit 1`,
          ),
        );
        expect(result?.checkpoint).toMatchObject({ treeSize: Number(head!.size), head: head!.hash });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("the database lets an unsealed event's chain columns be set once and refuses every other update", async () => {
    const db = server.database.db;
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'allowed',
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    const created = await ada.post('/api/people', personBody());
    const event = sql`record_id = ${created.body.id} and action = 'person.register'`;
    expect(
      await refusal(db.execute(sql`update audit_events set action = 'x', chain_index = -1, prev_hash = 'p', hash = 'h' where ${event}`)),
    ).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`update audit_events set chain_index = -1, prev_hash = 'p', hash = 'h' where ${event}`))).toBe(
      'allowed',
    );
    expect(await refusal(db.execute(sql`update audit_events set hash = 'h2' where ${event}`))).toMatch(/append-only/);
  });
});
