/** Turns a versioned update's outcome into the row or the matching AppError. */
import type { VersionedUpdate } from '../store/versioned.ts';
import { AppError } from './errors.ts';

export function expectUpdated<Row>(outcome: VersionedUpdate<Row>, recordType: string, id: string, expected: number): Row {
  if (outcome.ok) return outcome.row;
  if (outcome.reason === 'not-found') throw AppError.notFound(recordType, id);
  throw AppError.staleVersion(recordType, expected, outcome.currentVersion);
}
