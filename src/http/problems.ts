/**
 * RFC 9457 problem+json: every error code maps to an HTTP status and a title here, in one place
 * (docs/style.md 6). A user's mistake is a 4xx that names the field and the rule; anything unexpected
 * is a 500 whose body reveals nothing but a reference to the log line.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, type FieldError } from '../app/errors.ts';

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 400,
  REQUIRED: 400,
  INVALID_FORMAT: 400,
  IMPOSSIBLE_DATE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  POSSIBLE_DUPLICATE: 409,
  CASE_ALREADY_OPEN: 409,
  CASE_NOT_OPEN: 409,
  CASE_NOT_CLOSED: 409,
  RELATIONSHIP_ALREADY_RECORDED: 409,
  RELATIONSHIP_ALREADY_ENDED: 409,
  CONFLICTING_RELATIONSHIP: 409,
  PARTNER_PERIOD_OVERLAPS: 409,
  ASSESSMENT_ALREADY_COMPLETED: 409,
  USERNAME_TAKEN: 409,
  DATE_IN_FUTURE: 422,
  END_BEFORE_START: 422,
  RELATIONSHIP_WITH_SELF: 422,
  UNKNOWN_NEED: 422,
  DUPLICATE_NEED: 422,
  PRIMARY_NEED_REQUIRED: 422,
  PRIMARY_NEED_NOT_AMONG_NEEDS: 422,
  UNKNOWN_ROLE: 422,
  SERVICE_PLAN_PRECONDITIONS_UNMET: 409,
  PLAN_ALREADY_ACTIVE: 409,
  PLAN_NOT_OPEN: 409,
  PLAN_HAS_NO_SUBGOALS: 409,
  PLAN_NOT_EDITABLE: 409,
  UNKNOWN_SUBGOAL_TYPE: 422,
  SUBGOAL_ALREADY_IN_PLAN: 409,
  UNKNOWN_ITEM_TYPE: 422,
  ITEM_TYPE_NOT_IN_SUBGOAL: 422,
  NOT_ITEM_OWNER: 403,
  ITEM_ALREADY_COMPLETED: 409,
  OUTCOME_REQUIRED: 422,
  NOT_RESPONSIBLE_FOR_CLOSURE: 403,
  OPEN_ITEMS_REMAIN: 409,
  CLOSURE_HELD_FOR_FUNDED_TRAINING: 409,
  PASSIVE_CLOSURE_NOT_DUE: 409,
  OTHER_SERVICE_ACTIVE: 409,
  LIS_WARNING_NOT_ACKNOWLEDGED: 428,
  TASK_NOT_OPEN: 409,
  NOT_TASK_ASSIGNEE: 403,
  RATE_NOT_IN_FORCE: 422,
  CSRF_REJECTED: 403,
  TOO_MANY_REQUESTS: 429,
  AMOUNT_RANGE: 400,
  UNSUPPORTED_TEXT: 400,
  // Accounts, passwords and the data-folder lock (issue 11)
  DATA_FOLDER_LOCK_LOST: 503,
  PASSWORD_CHANGE_REQUIRED: 403,
  REQUEST_TOO_LARGE: 413,
  ASSIGNEE_CANNOT_WORK_TASKS: 422,
  // 400, not 401: the session is fine, only the field is wrong.
  CURRENT_PASSWORD_WRONG: 400,
  UNKNOWN_EVIDENCE_TYPE: 422,
  UNKNOWN_SUBTYPE: 422,
  NOT_IN_HOUSEHOLD: 422,
  NEGATIVE_AMOUNT: 422,
  AMOUNT_PRECISION: 400,
  PERIOD_OUTSIDE_PDC: 422,
  VERSION_NOT_IN_EDIT: 409,
  NOTHING_TO_APPLY: 409,
  APPROVAL_NOT_PENDING: 409,
  PDC_NOT_OPEN: 409,
  TWO_ATTENDING_NOT_DETECTED: 409,
  // Access by caseload, sensitivity, break-glass and the person search (docs/access-control.md)
  NOT_ON_CASELOAD: 403,
  ABOVE_SENSITIVITY_CLEARANCE: 403,
  BREAK_GLASS_REASON_TOO_SHORT: 422,
  SEARCH_TOO_WIDE: 422,
  OFFICE_EXISTS: 409,
  // Service management (issue 10): funding needs an accepted plan; dates before a birth; decision tasks.
  PLAN_NOT_ACCEPTED: 409,
  DATE_BEFORE_BIRTH: 422,
  TASK_NEEDS_DECISION: 409,
  // Sign-in throttling, role sets, separation of duties, Host/Origin checks (signin)
  SEPARATION_OF_DUTIES: 403,
  ROLE_SET_REFUSED: 422,
  OWN_ROLES: 403,
  SIGN_IN_THROTTLED: 429,
  HOST_REJECTED: 421,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // Learner households (issue 10): evidence that could belong to either of two households.
  AMBIGUOUS_EVIDENCE: 400,
};

const title = (code: string) =>
  code
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  rule?: string;
  field?: string;
  errors?: FieldError[];
  instance?: string;
  [extra: string]: unknown;
}

export function problem(code: string, status: number, detail: string, extras: Partial<ProblemBody> = {}): ProblemBody {
  return { type: `https://waypoint.example/problems/${code.toLowerCase().replaceAll('_', '-')}`, title: title(code), status, detail, code, ...extras };
}

export function problemFromAppError(error: AppError): ProblemBody {
  const { field, rule, errors, facts } = error.extras;
  return problem(error.code, STATUS[error.code], error.detail, {
    ...(rule && { rule }),
    ...(field && { field }),
    ...(errors && { errors: [...errors] }),
    ...facts,
  });
}

function fieldPath(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return context && context !== 'body' ? `${context === 'querystring' ? 'query' : context}${path ? `.${path}` : ''}` : path;
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
    frames: (e?.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 12).map((l) => l.trim()),
  };
}

/** PostgreSQL deadlock (40P01) or serialisation failure (40001), possibly wrapped by Drizzle. */
function isTransientConflict(error: unknown): boolean {
  const codes = [(error as { code?: string })?.code, (error as { cause?: { code?: string } })?.cause?.code];
  return codes.some((c) => c === '40P01' || c === '40001');
}

/** The one error handler: domain/app errors, schema failures, malformed requests, the unexpected. */
export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  let body: ProblemBody;
  if (error instanceof AppError) {
    body = problemFromAppError(error);
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const errors = error.validation.map((v) => {
      const params = v.params as { params?: { code?: string }; input?: unknown; minimum?: number; origin?: string };
      const missing = v.keyword === 'invalid_type' && params.input === undefined;
      const empty = v.keyword === 'too_small' && params.origin === 'string' && params.minimum === 1;
      const code = params.params?.code ?? (missing || empty ? 'REQUIRED' : 'INVALID_FORMAT');
      const detail = missing || empty ? 'This field is required.' : (v.message ?? 'Invalid value.');
      return { field: fieldPath(v.instancePath, context), code, detail };
    });
    const first = errors[0]!;
    body = problem(errors.length === 1 ? first.code : 'VALIDATION_FAILED', 400, errors.length === 1 ? `${first.field || 'request'}: ${first.detail}` : `${errors.length} fields need attention.`, {
      field: first.field,
      rule: 'Waypoint API schema',
      errors,
    });
  } else if (isTransientConflict(error)) {
    // Two transactions met in the database (deadlock, serialisation): nothing was written; try again.
    request.log.warn({ error: safeError(error) }, 'transient database conflict');
    reply.header('retry-after', '1');
    body = problem('RETRY', 503, 'Someone else was changing the same records at that moment; nothing was saved. Please try again.');
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own 4xx: malformed JSON, body too large, unsupported media type...
    body = problem(error.code ?? 'BAD_REQUEST', error.statusCode, error.message);
  } else {
    request.log.error({ error: safeError(error) }, 'unexpected error');
    body = problem('INTERNAL', 500, `Something went wrong on our side. Quote reference ${request.id} to support.`);
  }
  body.instance = request.url.split('?')[0];
  return reply.code(body.status).type('application/problem+json').send(body);
}
