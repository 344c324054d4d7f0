/**
 * Errors a use case raises: a domain refusal, or one of the application's own outcomes (not found,
 * stale version, not allowed). Each carries a stable code; http/problems.ts maps codes to statuses
 * and RFC 9457 bodies in one place. Throwing one inside a transaction rolls it back: bad input
 * changes nothing.
 */
import type { Refusal, RefusalCode } from '../domain/refusal.ts';

export type AppErrorCode =
  | RefusalCode
  | 'VALIDATION_FAILED'
  | 'VERSION_CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'USERNAME_TAKEN'
  | 'RATE_NOT_IN_FORCE'
  | 'CSRF_REJECTED'
  | 'TOO_MANY_REQUESTS'
  | 'AMOUNT_RANGE'
  | 'UNSUPPORTED_TEXT'
  // Access by caseload: offices (docs/access-control.md)
  | 'OFFICE_EXISTS'
  // Sign-in throttling, role sets, separation of duties, Host/Origin checks (signin)
  | 'SEPARATION_OF_DUTIES'
  | 'ROLE_SET_REFUSED'
  | 'OWN_ROLES'
  | 'SIGN_IN_THROTTLED'
  | 'HOST_REJECTED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  // Accounts, passwords and the data-folder lock (issue 11)
  | 'DATA_FOLDER_LOCK_LOST'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'REQUEST_TOO_LARGE'
  | 'ASSIGNEE_CANNOT_WORK_TASKS'
  | 'CURRENT_PASSWORD_WRONG'
  // One closed error catalogue (issue 12): a JSON value of the wrong type (text for a number...).
  | 'WRONG_TYPE'
  // A training item has one learner income support case: funding it again is refused.
  | 'ITEM_ALREADY_FUNDED'
  // A member the request's schema does not state (a misspelt or made-up field): refused, never dropped.
  | 'UNKNOWN_FIELD'
  // Payments and debts (issue 16, docs/policy/payments.md)
  | 'APPLICATION_AFTER_TRAINING'
  | 'ADJUSTMENT_REFUSED'
  | 'ALREADY_REVERSED'
  // Retrying a write with an Idempotency-Key (docs/api.md "Retrying a write")
  | 'IDEMPOTENCY_KEY_REUSED';

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly detail: string;
  /** The field as a person reads it ("Evidence 1 amount"), when the detail does not say which field it is about. */
  readonly label?: string | undefined;
  /** The refusal's own facts (e.g. allowedFrom), when it has any. */
  readonly facts?: Readonly<Record<string, unknown>> | undefined;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly detail: string,
    readonly extras: {
      readonly field?: string | undefined;
      readonly rule?: string | undefined;
      readonly errors?: readonly FieldError[];
      readonly facts?: Readonly<Record<string, unknown>> | undefined;
    } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  /** One error for a rule's refusals: the first names the code; all are listed as field errors. */
  static refused(refusals: readonly Refusal[]): AppError {
    const [first] = refusals;
    if (!first) throw new Error('AppError.refused needs at least one refusal');
    return new AppError(first.code, first.detail, {
      field: first.field,
      rule: first.rule,
      facts: first.facts,
      errors: refusals.map((r) => ({ field: r.field ?? '', code: r.code, detail: r.detail, ...(r.facts && { facts: r.facts }) })),
    });
  }

  static notFound(recordType: string, id: string): AppError {
    return new AppError('NOT_FOUND', `No ${recordType} with id ${id}.`, { field: 'id', facts: { recordType } });
  }

  static staleVersion(recordType: string, expected: number, actual: number): AppError {
    return new AppError(
      'VERSION_CONFLICT',
      `This ${recordType} was changed by someone else since you loaded it (your version ${expected}, now ${actual}). Reload it and apply your change again.`,
      { field: 'version', rule: 'Waypoint optimistic concurrency', facts: { currentVersion: actual } },
    );
  }
}

/** Throws the refusals, if any. */
export function assertNoRefusals(refusals: readonly Refusal[]): void {
  if (refusals.length > 0) throw AppError.refused(refusals);
}

/**
 * An unexpected error for the log without its message: database errors carry the query's
 * parameters (names, birth dates) in their message, and logs hold no personal data. The type, the
 * codes and the stack frames are enough to find the fault; the request id links it to the user's report.
 */
export function safeError(error: unknown) {
  const e = error as { name?: string; code?: string; stack?: string; cause?: { name?: string; code?: string } };
  return {
    type: e?.name ?? typeof error,
    code: e?.code,
    cause: e?.cause ? { type: e.cause.name, code: e.cause.code } : undefined,
    frames: (e?.stack ?? '')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 12)
      .map((l) => l.trim()),
  };
}
