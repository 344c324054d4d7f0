import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type Api } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { verifyAuditChain } from '../../src/app/audit-verify.ts';

let server: TestServer;
let ada: Api;
let auditor: Api;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
  auditor = await signedIn(server.app, 'auditor.hugo');
});
afterAll(() => server.close());

describe('the audit trail', () => {
  it('every change to a person is audited with who, when, what and before/after', async () => {
    const created = await ada.post('/api/people', personBody({ givenName: 'Audrey' }));
    const id = created.body.id;
    await ada.patch(`/api/people/${id}`, { version: 1, givenName: 'Audra' });
    await ada.post(`/api/people/${id}/details`, { version: 2, kind: 'phone', value: '780-555-0999', effectiveFrom: '2026-05-01' });

    const trail = await auditor.get(`/api/audit?recordType=person&recordId=${id}`);
    expect(trail.status).toBe(200);
    expect(trail.body.events.map((e: { action: string }) => e.action)).toEqual(['person.register', 'person.correct', 'person.detail.phone']);
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
    const refusal = (query: Promise<unknown>) => query.then(() => 'allowed', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(await refusal(server.database.db.execute(sql`update audit_events set action = 'tampered'`))).toMatch(/append-only/);
    expect(await refusal(server.database.db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
  });

  it('a refused change writes no audit event', async () => {
    const count = async () => (await server.database.db.query.auditEvents.findMany()).length;
    const before = await count();
    await ada.post('/api/people', personBody({ birthDate: '2099-01-01' }));
    expect(await count()).toBe(before);
  });

  it('every audit event carries the hash of its predecessor, and the chain verifies', async () => {
    await ada.post('/api/people', personBody());
    const result = await verifyAuditChain(server.database.db);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(10);
  });
});

describe('tampering with the audit trail', () => {
  it('an event altered behind the application (triggers disabled, as a database administrator could) is detected', async () => {
    const other = await startTestServer();
    const { database } = other;
    try {
      await database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
      await database.db.execute(sql`update audit_events set action = 'user.tampered' where seq = (select min(seq) + 2 from audit_events)`);
      const result = await verifyAuditChain(database.db);
      expect(result.ok).toBe(false);
      expect(result.problems[0]!.problem).toMatch(/altered/);
    } finally {
      await other.close();
    }
  });

  it('a deleted event is detected as a gap in the chain', async () => {
    const other = await startTestServer();
    const { database } = other;
    try {
      await database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
      await database.db.execute(sql`delete from audit_events where chain_index = 3`);
      const result = await verifyAuditChain(database.db);
      expect(result.problems.map((p) => p.problem).join(' ')).toMatch(/gap after 2/);
    } finally {
      await other.close();
    }
  });
});
