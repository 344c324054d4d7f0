import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, signedIn } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { learnerWithPdc } from '../support/learner.ts';
import { snapshot } from '../support/rows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let ada: Api;
const register = async (overrides: Record<string, unknown> = {}) => (await ada.post('/api/people', personBody(overrides))).body;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signedIn(server.app, 'official.ada');
});
afterAll(() => server.close());

describe('Integrated Cases (R03 pre-condition 2)', () => {
  it('opening a case gives it a reference and the open status', async () => {
    const person = await register();
    const response = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2026-01-05' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'open', openedOn: '2026-01-05', personId: person.id, version: 1 });
    expect(response.body.reference).toMatch(/^IC-\d{6}$/);
  });

  it('a second open case for the same person is refused with CASE_ALREADY_OPEN and changes nothing', async () => {
    const person = await register();
    await ada.post(`/api/people/${person.id}/cases`, {});
    const before = await snapshot(server.database.db);
    const response = await ada.post(`/api/people/${person.id}/cases`, {});
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'CASE_ALREADY_OPEN', rule: 'R03 pre-condition 2' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('two officials opening a case for the same person at once produce exactly one open case', async () => {
    const person = await register();
    const ben = await signedIn(server.app, 'official.ben');
    const answers = await Promise.all([ada.post(`/api/people/${person.id}/cases`, {}), ben.post(`/api/people/${person.id}/cases`, {})]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const page = await ada.get(`/api/people/${person.id}`);
    expect(page.body.cases.filter((c: { status: string }) => c.status === 'open')).toHaveLength(1);
  });

  it('a closed case can be reopened, and a new case cannot be opened while it is open again', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2026-01-05' });
    const closed = await ada.post(`/api/cases/${opened.body.id}/close`, { version: 1, closedOn: '2026-03-31', reason: 'Employed' });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-03-31', closeReason: 'Employed', version: 2 });
    const reopened = await ada.post(`/api/cases/${opened.body.id}/reopen`, { version: 2 });
    expect(reopened.body).toMatchObject({ status: 'open', closedOn: null, version: 3 });
    expect((await ada.post(`/api/people/${person.id}/cases`, {})).body.code).toBe('CASE_ALREADY_OPEN');
  });

  it('reopening a case while another is open is refused', async () => {
    const person = await register();
    const first = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2026-01-05' });
    await ada.post(`/api/cases/${first.body.id}/close`, { version: 1, closedOn: '2026-02-01', reason: 'Moved away' });
    await ada.post(`/api/people/${person.id}/cases`, {});
    const response = await ada.post(`/api/cases/${first.body.id}/reopen`, { version: 2 });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CASE_ALREADY_OPEN');
  });

  it('closing a case before the day it opened is refused as END_BEFORE_START', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2026-01-05' });
    const response = await ada.post(`/api/cases/${opened.body.id}/close`, { version: 1, closedOn: '2025-12-31', reason: 'x' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'END_BEFORE_START', field: 'closedOn' });
  });

  it('finding 9: a case opened years in the future is refused as DATE_IN_FUTURE naming openedOn, and nothing changes', async () => {
    const person = await register();
    const before = await snapshot(server.database.db);
    const response = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2031-01-06' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'openedOn', rule: 'R03 pre-condition 2' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('finding 9: a case closed years in the future is refused as DATE_IN_FUTURE naming closedOn, and nothing changes', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, { openedOn: '2026-01-05' });
    const before = await snapshot(server.database.db);
    const response = await ada.post(`/api/cases/${opened.body.id}/close`, { version: 1, closedOn: '2031-03-31', reason: 'Employed' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'closedOn', rule: 'R03 pre-condition 2' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('closing with a stale version is refused with 409 and changes nothing', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, {});
    await ada.post(`/api/cases/${opened.body.id}/close`, { version: 1, closedOn: '2026-06-15', reason: 'Done' });
    const before = await snapshot(server.database.db);
    const response = await ada.post(`/api/cases/${opened.body.id}/close`, { version: 1, closedOn: '2026-06-15', reason: 'Done' });
    expect(response.status).toBe(409);
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('closing a case while the person has an active plan and an open learner case is allowed, and the document declares no OTHER_SERVICE_ACTIVE for it', async () => {
    // R03 sets no such rule for an Integrated Case (docs/policy/r03-service-management.md, "Dates the
    // world allows"); "another service in use" refuses only a passive plan closure (docs/policy/r03-2-closure.md).
    const learner = await learnerWithPdc(ada);
    const person = await ada.get(`/api/people/${learner.personId}`);
    const open = person.body.cases.find((c: { status: string }) => c.status === 'open');
    expect((await ada.get(`/api/pdcs/${learner.pdcId}`)).body.pdc.status).not.toBe('closed');
    const closed = await ada.post(`/api/cases/${open.id}/close`, { version: open.version, closedOn: '2026-06-15', reason: 'Moved away' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const responses = document.paths['/api/cases/{id}/close'].post.responses;
    expect(
      Object.values(responses)
        .map((r) => (r as { description: string }).description)
        .join('\n'),
    ).not.toContain('OTHER_SERVICE_ACTIVE');
  });

  it('a Learner Benefits Coordinator may read cases but not open them', async () => {
    const person = await register();
    const lbc = await signedIn(server.app, 'lbc.dana');
    expect((await lbc.post(`/api/people/${person.id}/cases`, {})).status).toBe(403);
    expect((await lbc.get(`/api/people/${person.id}`)).status).toBe(200);
  });
});

describe('assessments and the Primary Need', () => {
  async function openCaseFor() {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, {});
    return { person, caseId: opened.body.id as string };
  }

  it('an assessment is completed with exactly one Primary Need among the needs identified', async () => {
    const { caseId } = await openCaseFor();
    const started = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training', 'financial-support'] });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'in-progress', primaryNeed: null, assessor: { displayName: 'Ada Chen' } });
    const completed = await ada.post(`/api/assessments/${started.body.id}/complete`, {
      version: 1,
      needs: ['training', 'financial-support'],
      primaryNeed: 'training',
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', primaryNeed: 'training', completedOn: '2026-06-15' });
  });

  it('completing without a Primary Need is refused as PRIMARY_NEED_REQUIRED and changes nothing', async () => {
    const { caseId } = await openCaseFor();
    const started = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training'] });
    const before = await snapshot(server.database.db);
    const response = await ada.post(`/api/assessments/${started.body.id}/complete`, { version: 1, needs: ['training'], primaryNeed: null });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'PRIMARY_NEED_REQUIRED', field: 'primaryNeed' });
    expect(await snapshot(server.database.db)).toEqual(before);
  });

  it('a Primary Need that is not among the needs is refused', async () => {
    const { caseId } = await openCaseFor();
    const started = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training'] });
    const response = await ada.post(`/api/assessments/${started.body.id}/complete`, {
      version: 1,
      needs: ['training'],
      primaryNeed: 'employment',
    });
    expect(response.body.code).toBe('PRIMARY_NEED_NOT_AMONG_NEEDS');
  });

  it('an unknown need is refused naming its position', async () => {
    const { caseId } = await openCaseFor();
    const response = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training', 'astrology'] });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_NEED', field: 'needs.1' });
  });

  it('a completed assessment cannot be changed', async () => {
    const { caseId } = await openCaseFor();
    const started = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training'] });
    await ada.post(`/api/assessments/${started.body.id}/complete`, { version: 1, needs: ['training'], primaryNeed: 'training' });
    const response = await ada.patch(`/api/assessments/${started.body.id}`, { version: 2, needs: ['employment'] });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ASSESSMENT_ALREADY_COMPLETED');
  });

  it('an assessment cannot be started on a closed case', async () => {
    const { caseId } = await openCaseFor();
    await ada.post(`/api/cases/${caseId}/close`, { version: 1, closedOn: '2026-06-15', reason: 'Done' });
    const response = await ada.post(`/api/cases/${caseId}/assessments`, { needs: ['training'] });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CASE_NOT_OPEN');
  });
});

describe('Service Plan readiness (R03 pre-conditions)', () => {
  it('a newly registered person lacks an open case and a completed assessment', async () => {
    const person = await register();
    const readiness = await ada.get(`/api/people/${person.id}/service-plan-readiness`);
    expect(readiness.body.ready).toBe(false);
    expect(readiness.body.unmet.map((u: { condition: string }) => u.condition)).toEqual([
      'NO_OPEN_INTEGRATED_CASE',
      'NO_COMPLETED_ASSESSMENT',
    ]);
  });

  it('an incomplete registration is named as unmet', async () => {
    const created = await ada.post('/api/people', { givenName: 'Solo', familyName: 'Walker', birthDate: '1970-01-01' });
    const readiness = await ada.get(`/api/people/${created.body.id}/service-plan-readiness`);
    expect(readiness.body.unmet[0]).toMatchObject({ condition: 'REGISTRATION_INCOMPLETE', rule: 'R03 pre-condition 2' });
  });

  it('complete registration, an open case and a completed assessment make the person ready, with the goal from the Primary Need', async () => {
    const person = await register();
    const opened = await ada.post(`/api/people/${person.id}/cases`, {});
    const started = await ada.post(`/api/cases/${opened.body.id}/assessments`, { needs: ['employment', 'job-search'] });
    await ada.post(`/api/assessments/${started.body.id}/complete`, {
      version: 1,
      needs: ['employment', 'job-search'],
      primaryNeed: 'employment',
    });
    const readiness = await ada.get(`/api/people/${person.id}/service-plan-readiness`);
    expect(readiness.body).toMatchObject({ ready: true, primaryNeed: 'employment', goal: 'Attain sustainable employment', unmet: [] });
  });
});
