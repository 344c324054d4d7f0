import { describe, expect, it } from 'vitest';
import { ATTEMPTS, endedConnection, runAgainOnEndedConnection } from './ended-connections.ts';

/** node-postgres's error for a server message (pg-protocol's DatabaseError carries these fields). */
const serverError = (code: string, severity = 'FATAL') => Object.assign(new Error('from the server'), { code, severity });

describe('which errors say the connection had ended', () => {
  it.each([
    ['the server ended the session (57P01 admin_shutdown)', serverError('57P01')],
    ['the server crashed (57P02 crash_shutdown)', serverError('57P02')],
    ['the server cannot take connections now (57P03)', serverError('57P03')],
    ['the server ended the session, its severity in the server language', serverError('57P01', 'ВАЖНО')],
    ['the socket ended without a word', new Error('Connection terminated unexpectedly')],
    [
      'node-postgres refused to send on a connection it had heard fail',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['Drizzle wrapped one of them as its cause', Object.assign(new Error('Failed query: begin'), { cause: serverError('57P01') })],
  ])('counts %s', (_what, error) => {
    expect(endedConnection(error)).toBe(true);
  });

  it.each([
    ['a cancelled statement (57014)', serverError('57014', 'ERROR')],
    ['a serialization failure (40001)', serverError('40001', 'ERROR')],
    ['an error of the application', new Error('not found')],
    ['something that is not an error', undefined],
  ])('does not count %s', (_what, error) => {
    expect(endedConnection(error)).toBe(false);
  });
});

describe('running work again after an ended connection', () => {
  const ended = () => new Error('Connection terminated unexpectedly');

  it('returns what a later run returns', async () => {
    let runs = 0;
    const result = await runAgainOnEndedConnection(async () => {
      if (++runs < ATTEMPTS) throw ended();
      return 'done';
    }, endedConnection);
    expect([result, runs]).toEqual(['done', ATTEMPTS]);
  });

  it(`gives up with the last error after ${ATTEMPTS} runs`, async () => {
    let runs = 0;
    const work = runAgainOnEndedConnection(async () => {
      runs++;
      throw ended();
    }, endedConnection);
    await expect(work).rejects.toThrow('Connection terminated unexpectedly');
    expect(runs).toBe(ATTEMPTS);
  });

  it('runs work once when its error may not be run again', async () => {
    let runs = 0;
    const work = runAgainOnEndedConnection(
      async () => {
        runs++;
        throw ended();
      },
      () => false,
    );
    await expect(work).rejects.toThrow();
    expect(runs).toBe(1);
  });
});
