/**
 * Three reads that showed a person the reader may not read (docs/access-control.md). Before: a
 * learner case (GET /api/pdcs/:id) named the partner's case, and when the partner's case was the one
 * held their person, in its two-attending holds, to whoever could read the learner, and logged no read
 * of the partner; the access log (GET /api/access-log) gave an auditor the reference and the
 * break-glass reason of a person above their clearance; and the home page's caseload and recently
 * viewed counted, in their total, people their pages leave out. Now the partner is shown only within
 * the reader's reach, and logged; the access log withholds the person as the audit search does; and a
 * total counts the people the reader can page through.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../src/store/schema.ts';
import { type Api, signedIn, userIds } from '../support/api.ts';
import { personBody } from '../support/fixtures.ts';
import { declarePartners, type Learner, learnerWithPdc } from '../support/learner.ts';
import { addOffice, placeUser, setSensitivity } from '../support/placements.ts';
import { expectStatus, readyPerson } from '../support/plans.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
// ada, ben, dana: the main office; eli and carmen: the north office; hugo: an auditor; hamid (a supervisor) lists the users.
let ada: Api;
let ben: Api;
let dana: Api;
let eli: Api;
let carmen: Api;
let hugo: Api;
let hamid: Api;
let ids: Record<string, string>;
const db = () => server.database.db;

beforeAll(async () => {
  server = await startTestServer();
  await addOffice(db(), 'north', 'North office');
  for (const username of ['lbc.eli', 'official.carmen']) await placeUser(db(), username, { office: 'north' });
  const as = (username: string) => signedIn(server.app, username);
  [ada, ben, dana, eli] = [await as('official.ada'), await as('official.ben'), await as('lbc.dana'), await as('lbc.eli')];
  [carmen, hugo, hamid] = [await as('official.carmen'), await as('auditor.hugo'), await as('supervisor.hamid')];
  ids = await userIds(hamid);
}, 120_000);
afterAll(() => server?.close());

/** How many access-log rows say the user read the person's data (of this kind, or of any). */
async function reads(username: string, personId: string, what?: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(accessLog)
    .where(
      and(
        eq(accessLog.actorId, ids[username]!),
        eq(accessLog.personId, personId),
        what === undefined ? undefined : eq(accessLog.what, what),
      ),
    );
  return Number(row?.n ?? 0);
}

interface Side extends Learner {
  pdcReference: string;
  personReference: string;
}

/**
 * Two partners registered by ada in overlapping training, one coordinated by eli (north office, who
 * reads only that learner, through their learner case) and one by dana (main office, who reads both):
 * a detected situation holds the second learner's overlap months. `eliFirst`: eli's learner starts first.
 */
async function household(eliFirst: boolean): Promise<{ eli: Side; dana: Side }> {
  const early = { trainingStart: '2026-09-08', trainingEnd: '2027-06-25' };
  const late = { trainingStart: '2027-01-11', trainingEnd: '2027-12-17' };
  const sides = [
    [eli, 'lbc.eli', eliFirst ? early : late],
    [dana, 'lbc.dana', eliFirst ? late : early],
  ] as const;
  const out: Side[] = [];
  for (const [coordinator, username, training] of sides) {
    const learner = await learnerWithPdc(ada, { ...training, coordinatorId: ids[username] });
    expectStatus(
      await coordinator.post(`/api/pdcs/${learner.pdcId}/evidence`, {
        type: 'shelter',
        subtype: 'renting',
        amount: '1450.00',
        periodStart: `${training.trainingStart.slice(0, 7)}-01`,
      }),
      201,
      'add rent',
    );
    expectStatus(await coordinator.post(`/api/pdcs/${learner.pdcId}/apply`), 200, 'apply');
    const pdcReference = expectStatus(await coordinator.get(`/api/pdcs/${learner.pdcId}`), 200, 'read case').pdc.reference;
    const personReference = expectStatus(await ada.get(`/api/people/${learner.personId}`), 200, 'read person').reference;
    out.push({ ...learner, pdcReference, personReference });
  }
  expectStatus(await declarePartners(ada, out[0]!, out[1]!), 201, 'declare partners');
  return { eli: out[0]!, dana: out[1]! };
}

interface HoldView {
  situationId: string;
  pdcId: string;
  pdcReference: string | null;
  personReference: string | null;
  partnerPdcId: string;
  partnerPdcReference: string | null;
  months: string[];
  reason: string;
  withheld?: { code: string; detail: string };
}

const holdsOn = async (api: Api, pdcId: string): Promise<{ holds: HoldView[]; text: string }> => {
  const view = expectStatus(await api.get(`/api/pdcs/${pdcId}`), 200, 'read case');
  return { holds: view.holds, text: JSON.stringify(view) };
};

describe('the two-attending holds of a learner case (GET /api/pdcs/:id)', () => {
  // eli's learner is the second: their months are held.
  let held: Awaited<ReturnType<typeof household>>;
  // eli's learner is the first: the partner's months are held.
  let partnerHeld: Awaited<ReturnType<typeof household>>;
  beforeAll(async () => {
    held = await household(false);
    partnerHeld = await household(true);
  }, 240_000);

  it('show the partner’s case to a reader who may read the partner', async () => {
    const { holds } = await holdsOn(dana, held.eli.pdcId);
    expect(holds).toEqual([
      expect.objectContaining({ pdcId: held.eli.pdcId, partnerPdcId: held.dana.pdcId, partnerPdcReference: held.dana.pdcReference }),
    ]);
    expect(holds[0]).not.toHaveProperty('withheld');
  });

  it('record the partner shown as a two-attending read in the access log', async () => {
    const before = await reads('lbc.dana', held.dana.personId, 'two-attending');
    await holdsOn(dana, held.eli.pdcId);
    expect(await reads('lbc.dana', held.dana.personId, 'two-attending')).toBe(before + 1);
  });

  it('still show a coordinator of another office the months held on their learner’s case, with the partner’s case withheld as not on their caseload', async () => {
    const { holds } = await holdsOn(eli, held.eli.pdcId);
    expect(holds).toEqual([
      expect.objectContaining({
        pdcId: held.eli.pdcId,
        pdcReference: held.eli.pdcReference,
        partnerPdcReference: null,
        months: expect.arrayContaining(['2027-01']),
        withheld: expect.objectContaining({ code: 'NOT_ON_CASELOAD' }),
      }),
    ]);
  });

  it('name the withheld partner’s case nowhere: not in the hold’s reason, nor in the reason of a month held', async () => {
    const { text } = await holdsOn(eli, held.eli.pdcId);
    expect(text).toContain('awaits a coordinator');
    expect(text).not.toContain(held.dana.pdcReference);
  });

  it('name the withheld partner’s case nowhere in the case’s preview, nor in its what-if', async () => {
    const preview = expectStatus(await eli.get(`/api/pdcs/${held.eli.pdcId}/preview`), 200, 'preview');
    const whatIf = expectStatus(await eli.post(`/api/pdcs/${held.eli.pdcId}/what-if`, { rates: {} }), 200, 'what-if');
    expect(preview.months.some((m: { held: boolean }) => m.held)).toBe(true);
    expect([JSON.stringify(preview).includes(held.dana.pdcReference), JSON.stringify(whatIf).includes(held.dana.pdcReference)]).toEqual([
      false,
      false,
    ]);
  });

  it('withhold the partner’s held case and their person from a coordinator of another office who reads the first learner’s case', async () => {
    const { holds, text } = await holdsOn(eli, partnerHeld.eli.pdcId);
    expect(holds).toEqual([
      expect.objectContaining({
        partnerPdcId: partnerHeld.eli.pdcId,
        pdcReference: null,
        personReference: null,
        withheld: expect.objectContaining({ code: 'NOT_ON_CASELOAD' }),
      }),
    ]);
    expect([text.includes(partnerHeld.dana.pdcReference), text.includes(partnerHeld.dana.personReference)]).toEqual([false, false]);
  });

  it('do not record a withheld partner as read', async () => {
    await holdsOn(eli, held.eli.pdcId);
    await holdsOn(eli, partnerHeld.eli.pdcId);
    expect([await reads('lbc.eli', held.dana.personId), await reads('lbc.eli', partnerHeld.dana.personId)]).toEqual([0, 0]);
  });

  it('withhold a partner above the reader’s clearance, even on the reader’s caseload', async () => {
    await setSensitivity(db(), held.dana.personId, 2);
    try {
      const { holds, text } = await holdsOn(dana, held.eli.pdcId);
      expect(holds).toEqual([
        expect.objectContaining({ partnerPdcReference: null, withheld: expect.objectContaining({ code: 'ABOVE_SENSITIVITY_CLEARANCE' }) }),
      ]);
      expect(text).not.toContain(held.dana.pdcReference);
    } finally {
      await setSensitivity(db(), held.dana.personId, 1);
    }
  });
});

describe('the access log (GET /api/access-log)', () => {
  let person: { id: string; reference: string };
  const REASON = 'Answering a call from the shelter about this person today.';
  const carmensReads = async () => {
    const log = expectStatus(await hugo.get(`/api/access-log?actorId=${ids['official.carmen']}`), 200, 'access log');
    return log.entries.filter((e: { person: { id: string } }) => e.person.id === person.id);
  };

  beforeAll(async () => {
    // A person of the main office above clearance 1, read by carmen (north office, clearance 2) under break-glass.
    person = expectStatus(await ada.post('/api/people', personBody()), 201, 'register');
    await setSensitivity(db(), person.id, 2);
    await placeUser(db(), 'official.carmen', { clearance: 2 });
    expectStatus(await carmen.post(`/api/people/${person.id}/break-glass`, { reason: REASON }), 201, 'break glass');
    expectStatus(await carmen.get(`/api/people/${person.id}`), 200, 'read under break-glass');
  }, 120_000);

  it('withholds the reference and the break-glass reason of a person above the auditor’s clearance, keeping who read, when and what', async () => {
    const entries = await carmensReads();
    expect(entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ username: 'official.carmen' }),
        at: expect.any(String),
        person: { id: person.id, reference: null },
        what: 'person',
        basis: 'break-glass',
        breakGlass: true,
        reason: null,
        withheld: expect.objectContaining({ code: 'ABOVE_SENSITIVITY_CLEARANCE' }),
      }),
    ]);
  });

  it('shows them to an auditor whose clearance reaches the person', async () => {
    await placeUser(db(), 'auditor.hugo', { clearance: 2 });
    try {
      const entries = await carmensReads();
      expect(entries).toEqual([expect.objectContaining({ person: { id: person.id, reference: person.reference }, reason: REASON })]);
      expect(entries[0]).not.toHaveProperty('withheld');
    } finally {
      await placeUser(db(), 'auditor.hugo', { clearance: 1 });
    }
  });
});

describe('the home page’s lists count what they can show', () => {
  const peopleOf = (page: { people: { person: { id: string } }[] }) => page.people.map((p) => p.person.id);

  describe('my caseload (GET /api/caseload)', () => {
    let shown: string;
    beforeAll(async () => {
      // ben's caseload: two people whose open case he opened, one above his clearance.
      shown = (await readyPerson(ben, { primaryNeed: 'job-search' })).personId;
      const hidden = (await readyPerson(ben, { primaryNeed: 'job-search' })).personId;
      await setSensitivity(db(), hidden, 2);
    }, 120_000);

    it('counts in its total only the people it shows: not one above the reader’s clearance', async () => {
      const page = expectStatus(await ben.get('/api/caseload'), 200, 'caseload');
      expect({ people: peopleOf(page), total: page.page.total }).toEqual({ people: [shown], total: 1 });
    });

    it('fills a page and ends where the people it shows end, though a person is left out', async () => {
      const page = expectStatus(await ben.get('/api/caseload?limit=1'), 200, 'caseload');
      expect({ people: peopleOf(page), nextOffset: page.page.nextOffset }).toEqual({ people: [shown], nextOffset: null });
    });
  });

  describe('recently viewed (GET /api/recently-viewed)', () => {
    beforeAll(async () => {
      // ada opens two people, then the first of them goes above her clearance.
      const hidden = expectStatus(await ada.post('/api/people', personBody()), 201, 'register').id;
      const shown = expectStatus(await ada.post('/api/people', personBody()), 201, 'register').id;
      expectStatus(await ada.get(`/api/people/${hidden}`), 200, 'open');
      expectStatus(await ada.get(`/api/people/${shown}`), 200, 'open');
      await setSensitivity(db(), hidden, 2);
    }, 120_000);

    it('counts in its total only the people it shows: not one above the reader’s clearance', async () => {
      const all = expectStatus(await ada.get('/api/recently-viewed?limit=50'), 200, 'recently viewed');
      expect(all.page.total).toBe(all.people.length);
    });

    it('fills a page though a person is left out', async () => {
      // Newest first: the person ada opened last, then the one left out, then those she read before.
      const second = expectStatus(await ada.get('/api/recently-viewed?limit=1&offset=1'), 200, 'recently viewed');
      expect(second.people).toHaveLength(1);
    });

    it('still lists and counts a person read under a live break-glass grant', async () => {
      const other = expectStatus(await ada.post('/api/people', personBody()), 201, 'register').id;
      expectStatus(
        await carmen.post(`/api/people/${other}/break-glass`, { reason: 'Answering a call from this person about their file.' }),
        201,
        'break glass',
      );
      expectStatus(await carmen.get(`/api/people/${other}`), 200, 'open under break-glass');
      const page = expectStatus(await carmen.get('/api/recently-viewed?limit=50'), 200, 'recently viewed');
      expect({ listed: peopleOf(page).includes(other), total: page.page.total }).toEqual({ listed: true, total: page.people.length });
    });
  });
});
