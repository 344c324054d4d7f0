import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { seedDemo } from '../../src/app/demo-data.ts';
import { buildServer, logSerializers } from '../../src/http/server.ts';
import { signedIn } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('structured logs', () => {
  it('carry no personal data: names and birth dates searched, registered or read never appear', async () => {
    const ctx = createContext(database.db, { clock: fixedClock('2026-06-15'), demoMode: true });
    await seedDemo(ctx);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildServer({
      ctx,
      engine: database.engine,
      webRoot: null,
      logger: pino({ level: 'debug', serializers: logSerializers }, sink),
    });
    const ada = await signedIn(app, 'official.ada');
    const found = await ada.get('/api/people?q=Maria%20Santos&birthDate=1990-04-02');
    await ada.get(`/api/people/${found.body.people[0].id}`);
    await ada.post('/api/people', { givenName: 'Xiomara', familyName: 'Quintanilla', birthDate: '1983-09-17' });
    await ada.post('/api/people', { givenName: 'Bad', familyName: 'Date', birthDate: '1983-02-30' });
    await app.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of ['Maria', 'Santos', '1990-04-02', 'Xiomara', 'Quintanilla', '1983-09-17', '1983-02-30', 'waypoint-demo-1']) {
      expect(log).not.toContain(secret);
    }
  });
});
