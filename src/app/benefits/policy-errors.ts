/**
 * A determination asked policy data about a month it does not cover (no rate row, or no learner
 * rules in force then): the caller's dates are outside what the ministry has published, which is a
 * refusal naming the table and the month (422), never an internal error.
 */
import { MissingRateError } from '../../domain/benefits/policy.ts';
import { PolicyCoverageError } from '../../policy/effective.ts';
import { AppError } from '../errors.ts';

export function policyRefusal(error: unknown, field?: string): AppError | null {
  if (error instanceof MissingRateError) {
    return new AppError('RATE_NOT_IN_FORCE', error.message, {
      ...(field && { field }),
      rule: `Policy data: ${error.table}`,
      facts: { table: error.table, key: error.key, month: error.month },
    });
  }
  if (error instanceof PolicyCoverageError) {
    return new AppError('RATE_NOT_IN_FORCE', `${error.message} Dates before or after the published policy cannot be determined.`, {
      ...(field && { field }),
      rule: `Policy data: ${error.table}`,
      facts: { table: error.table, date: error.date.toString() },
    });
  }
  return null;
}
