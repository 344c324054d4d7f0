import { describe, expect, it } from 'vitest';
import { connectionLost, transactionsCollided } from './database-errors.ts';

/** node-postgres's error for a server message (pg-protocol's DatabaseError carries these fields). */
const serverError = (code: string, severity = 'ERROR') => Object.assign(new Error('from the server'), { code, severity });
/** Node's error for a socket that could not open or was reset. */
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
/** Drizzle's wrapping of a driver error. */
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert ...'), { cause });

describe('which errors say the connection to the database was lost', () => {
  it.each([
    ['the server ended the session (57P01)', serverError('57P01', 'FATAL')],
    ['the server crashed (57P02)', serverError('57P02', 'FATAL')],
    ['a connection failure (08006)', serverError('08006', 'FATAL')],
    ['a refused connection (ECONNREFUSED)', socketError('ECONNREFUSED')],
    ['a reset connection (ECONNRESET)', socketError('ECONNRESET')],
    ['the socket ended without a word', new Error('Connection terminated unexpectedly')],
    ['node-postgres refused a failed connection', new Error('Client has encountered a connection error and is not queryable')],
    ['Drizzle wrapped one of them as its cause', wrapped(serverError('57P01', 'FATAL'))],
    ['Drizzle wrapped a socket that ended', wrapped(new Error('Connection terminated unexpectedly'))],
  ])('counts %s', (_what, error) => {
    expect(connectionLost(error)).toBe(true);
  });

  it.each([
    ['a serialization failure (40001)', serverError('40001')],
    ['a unique violation (23505)', serverError('23505')],
    ['a cancelled statement (57014)', serverError('57014')],
    ['an error of the application', new Error('not found')],
    ['something that is not an error', undefined],
  ])('does not count %s', (_what, error) => {
    expect(connectionLost(error)).toBe(false);
  });
});

describe('which errors say two transactions met', () => {
  it.each([
    ['a deadlock (40P01)', serverError('40P01')],
    ['a serialization failure (40001)', serverError('40001')],
    ['one wrapped by Drizzle', wrapped(serverError('40001'))],
  ])('counts %s', (_what, error) => {
    expect(transactionsCollided(error)).toBe(true);
  });

  it.each([
    ['a lost connection (57P01)', serverError('57P01', 'FATAL')],
    ['a unique violation (23505)', serverError('23505')],
    ['something that is not an error', null],
  ])('does not count %s', (_what, error) => {
    expect(transactionsCollided(error)).toBe(false);
  });
});
