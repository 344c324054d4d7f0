/**
 * RFC 9457 problem+json: every error code maps to an HTTP status and a title here, in one closed
 * catalogue. A user's mistake is a 4xx that names the field and the rule; anything unexpected is a
 * 500 whose body reveals nothing but a reference to the log line. The framework's own errors (body
 * too large, malformed JSON, a malformed path, an unknown route or method) answer codes of this
 * catalogue too, never Fastify's FST_ERR_* codes.
 *
 * One code and one status per rule, however the input is malformed: a field that is missing, null
 * or blank is REQUIRED (400) unless a rule of its own owns it; a value of the wrong JSON type is
 * WRONG_TYPE (400) and says what was expected. A plan item's outcome is such a rule: a missing
 * outcome and `outcome: null` both answer OUTCOME_REQUIRED (422, R03 Key Notes), so the route's
 * schema lets both through to the rule. A member the route does not state (a misspelt `birthdate`,
 * an `address.line3`) is UNKNOWN_FIELD (400), never silently dropped (src/http/strict-input.ts).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { connectionLost, transactionsCollided } from '../app/database-failures.ts';
import { AppError, type AppErrorCode, type FieldError, safeError } from '../app/errors.ts';
import { inputErrorsDetail, inputFieldErrors } from '../app/input-errors.ts';

/** Every code a user can meet: its HTTP status and a title that reads as a sentence. */
export const CATALOGUE: Record<CatalogueCode, { readonly status: number; readonly title: string }> = {
  VALIDATION_FAILED: { status: 400, title: 'Some fields need attention' },
  REQUIRED: { status: 400, title: 'A required field is missing' },
  INVALID_FORMAT: { status: 400, title: 'A field is not in the expected form' },
  IMPOSSIBLE_DATE: { status: 400, title: 'That date does not exist' },
  UNAUTHENTICATED: { status: 401, title: 'Sign in to continue' },
  INVALID_CREDENTIALS: { status: 401, title: 'The username or password is not right' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  VERSION_CONFLICT: { status: 409, title: 'Someone else changed this record' },
  POSSIBLE_DUPLICATE: { status: 409, title: 'This person may already be registered' },
  CASE_ALREADY_OPEN: { status: 409, title: 'This person already has an open case' },
  CASE_NOT_OPEN: { status: 409, title: 'The case is not open' },
  CASE_NOT_CLOSED: { status: 409, title: 'The case is not closed' },
  RELATIONSHIP_ALREADY_RECORDED: { status: 409, title: 'This relationship is already recorded' },
  RELATIONSHIP_ALREADY_ENDED: { status: 409, title: 'This relationship has already ended' },
  CONFLICTING_RELATIONSHIP: { status: 409, title: 'This relationship conflicts with one already recorded' },
  PARTNER_PERIOD_OVERLAPS: { status: 409, title: 'The partner periods overlap' },
  // Payments and debts (issue 16)
  APPLICATION_AFTER_TRAINING: { status: 422, title: 'The application was received after the training ended' },
  ADJUSTMENT_REFUSED: { status: 422, title: 'This adjustment cannot be made' },
  ALREADY_REVERSED: { status: 409, title: 'This adjustment is already reversed' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'That Idempotency-Key was used for a different request' },
  ASSESSMENT_ALREADY_COMPLETED: { status: 409, title: 'The assessment is already completed' },
  USERNAME_TAKEN: { status: 409, title: 'That username is taken' },
  DATE_IN_FUTURE: { status: 422, title: 'The date is in the future' },
  END_BEFORE_START: { status: 422, title: 'The end is before the start' },
  RELATIONSHIP_WITH_SELF: { status: 422, title: 'A person cannot be related to themselves' },
  UNKNOWN_NEED: { status: 422, title: 'That need is not in the list' },
  DUPLICATE_NEED: { status: 422, title: 'A need is listed twice' },
  PRIMARY_NEED_REQUIRED: { status: 422, title: 'Choose the primary need' },
  PRIMARY_NEED_NOT_AMONG_NEEDS: { status: 422, title: 'The primary need must be one of the needs listed' },
  UNKNOWN_ROLE: { status: 422, title: 'That role does not exist' },
  SERVICE_PLAN_PRECONDITIONS_UNMET: { status: 409, title: 'The person is not ready for a Service Plan' },
  PLAN_ALREADY_ACTIVE: { status: 409, title: 'This person already has an active Service Plan' },
  PLAN_NOT_OPEN: { status: 409, title: 'The plan is not open' },
  PLAN_HAS_NO_SUBGOALS: { status: 409, title: 'The plan has no sub-goals' },
  PLAN_NOT_EDITABLE: { status: 409, title: 'The plan can no longer be changed' },
  UNKNOWN_SUBGOAL_TYPE: { status: 422, title: 'That sub-goal type does not exist' },
  SUBGOAL_ALREADY_IN_PLAN: { status: 409, title: 'The plan already has this sub-goal' },
  UNKNOWN_ITEM_TYPE: { status: 422, title: 'That plan item type does not exist' },
  ITEM_TYPE_NOT_IN_SUBGOAL: { status: 422, title: 'This item belongs under another sub-goal' },
  NOT_ITEM_OWNER: { status: 403, title: 'Only the owner of the item can do this' },
  ITEM_ALREADY_COMPLETED: { status: 409, title: 'The item is already completed' },
  ITEM_ALREADY_FUNDED: { status: 409, title: 'This plan item already has its learner income support case' },
  OUTCOME_REQUIRED: { status: 422, title: 'Enter an outcome' },
  NOT_RESPONSIBLE_FOR_CLOSURE: { status: 403, title: 'Someone else is responsible for closing this plan' },
  OPEN_ITEMS_REMAIN: { status: 409, title: 'Some plan items are still open' },
  CLOSURE_HELD_FOR_FUNDED_TRAINING: { status: 409, title: 'Closure is held for funded training' },
  PASSIVE_CLOSURE_NOT_DUE: { status: 409, title: 'Passive closure is not due yet' },
  OTHER_SERVICE_ACTIVE: { status: 409, title: 'Another service is still active' },
  LIS_WARNING_NOT_ACKNOWLEDGED: { status: 428, title: 'Acknowledge the learner income support warning first' },
  TASK_NOT_OPEN: { status: 409, title: 'The task is not open' },
  NOT_TASK_ASSIGNEE: { status: 403, title: 'The task is assigned to someone else' },
  RATE_NOT_IN_FORCE: { status: 422, title: 'No rate is in force for that date' },
  CSRF_REJECTED: { status: 403, title: 'The request did not come from a Waypoint page' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  AMOUNT_RANGE: { status: 400, title: 'The amount is out of range' },
  UNSUPPORTED_TEXT: { status: 400, title: 'The text has characters Waypoint cannot store' },
  UNKNOWN_EVIDENCE_TYPE: { status: 422, title: 'That evidence type does not exist' },
  UNKNOWN_SUBTYPE: { status: 422, title: 'That subtype does not exist' },
  NOT_IN_HOUSEHOLD: { status: 422, title: 'The person is not in the household' },
  NEGATIVE_AMOUNT: { status: 422, title: 'The amount cannot be negative' },
  AMOUNT_PRECISION: { status: 400, title: 'Amounts have at most two decimals' },
  PERIOD_OUTSIDE_PDC: { status: 422, title: 'The period is outside the PDC' },
  VERSION_NOT_IN_EDIT: { status: 409, title: 'This version is no longer being edited' },
  NOTHING_TO_APPLY: { status: 409, title: 'There are no changes to apply' },
  APPROVAL_NOT_PENDING: { status: 409, title: 'Nothing is waiting for approval' },
  PDC_NOT_OPEN: { status: 409, title: 'The PDC is not open' },
  TWO_ATTENDING_NOT_DETECTED: { status: 409, title: 'Two attending learners were not detected' },
  // Access by caseload, sensitivity, break-glass and the person search (docs/access-control.md)
  NOT_ON_CASELOAD: { status: 403, title: 'This person is not on your caseload' },
  ABOVE_SENSITIVITY_CLEARANCE: { status: 403, title: 'This record is above your sensitivity clearance' },
  BREAK_GLASS_REASON_TOO_SHORT: { status: 422, title: 'Give a fuller reason for emergency access' },
  SEARCH_TOO_WIDE: { status: 422, title: 'The search is too wide' },
  OFFICE_EXISTS: { status: 409, title: 'That office already exists' },
  // Service management (issue 10): funding needs an accepted plan; dates before a birth; decision tasks.
  PLAN_NOT_ACCEPTED: { status: 409, title: 'The plan has not been accepted' },
  DATE_BEFORE_BIRTH: { status: 422, title: 'The date is before the person was born' },
  TASK_NEEDS_DECISION: { status: 409, title: 'The task needs a decision' },
  // Sign-in throttling, role sets, separation of duties, Host/Origin checks (signin)
  SEPARATION_OF_DUTIES: { status: 403, title: 'Someone else must do this step' },
  ROLE_SET_REFUSED: { status: 422, title: 'That set of roles is not allowed' },
  OWN_ROLES: { status: 403, title: 'You cannot change your own roles' },
  SIGN_IN_THROTTLED: { status: 429, title: 'Too many sign-in attempts' },
  HOST_REJECTED: { status: 421, title: 'The request was sent to the wrong address' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Send the request as JSON' },
  // Accounts, passwords and the data-folder lock (issue 11)
  DATA_FOLDER_LOCK_LOST: { status: 503, title: 'This server can no longer save changes' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Choose a new password first' },
  REQUEST_TOO_LARGE: { status: 413, title: 'The calculation is larger than Waypoint accepts' },
  ASSIGNEE_CANNOT_WORK_TASKS: { status: 422, title: 'That person cannot work on tasks' },
  // 400, not 401: the session is fine, only the field is wrong.
  CURRENT_PASSWORD_WRONG: { status: 400, title: 'The current password is not right' },
  // Learner households (issue 10): evidence that could belong to either of two households.
  AMBIGUOUS_EVIDENCE: { status: 400, title: 'The evidence could belong to either household' },
  // Issue 12: the framework's own errors and wrong JSON types, in our words (errors).
  WRONG_TYPE: { status: 400, title: 'A field has the wrong type' },
  // A member the route's schema does not state, in the body or the query: refused, never dropped.
  UNKNOWN_FIELD: { status: 400, title: 'That field is not part of this request' },
  PLAN_ALREADY_OPEN: { status: 409, title: 'This person already has a Service Plan being drafted' },
  // Learner program rules (issue 16): R08 subsequent training, duration caps, training exceptions.
  SUBSEQUENT_TRAINING_TOO_SOON: { status: 409, title: 'A new training plan is not possible yet' },
  DURATION_CAP_EXCEEDED: { status: 409, title: 'The training would pass a duration cap' },
  PLAN_LIMIT_EXCEEDED: { status: 409, title: 'The training plan would run longer than its limit' },
  EXCEPTION_NOT_PENDING: { status: 409, title: 'The exception is not waiting for a decision' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request is too large' },
  MALFORMED_JSON: { status: 400, title: 'The request is not valid JSON' },
  EMPTY_JSON_BODY: { status: 400, title: 'The request body is empty' },
  MALFORMED_URL: { status: 400, title: 'The address is not valid' },
  URL_TOO_LONG: { status: 414, title: 'The address is too long' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'This address does not accept that method' },
  BAD_REQUEST: { status: 400, title: 'The request could not be read' },
  RETRY: { status: 503, title: 'Please try again' },
  INTERNAL: { status: 500, title: 'Something went wrong on our side' },
};

/** The codes only the HTTP layer answers: the framework's own refusals (before any handler), a retry, the unexpected. */
export const HTTP_CODES = [
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_JSON',
  'EMPTY_JSON_BODY',
  'MALFORMED_URL',
  'URL_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'METHOD_NOT_ALLOWED',
  'BAD_REQUEST',
  'RETRY',
  'INTERNAL',
] as const;
export type HttpCode = (typeof HTTP_CODES)[number];
export type CatalogueCode = AppErrorCode | HttpCode;

/** Fastify's own errors that can reach a user, in our codes, with a sentence saying what to do. */
const FRAMEWORK: Record<string, { code: HttpCode | 'UNSUPPORTED_MEDIA_TYPE'; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than Waypoint accepts at this address.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'MALFORMED_JSON',
    detail: 'The request body is not valid JSON; check its quotes, commas and brackets.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'EMPTY_JSON_BODY',
    detail: 'The request says it sends JSON but its body is empty; send {} or leave out the Content-Type.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Send the request body as JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', detail: 'The request body does not match its Content-Length.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'BAD_REQUEST', detail: 'The request has a Content-Type Waypoint cannot read.' },
  FST_ERR_BAD_URL: { code: 'MALFORMED_URL', detail: 'The address has a malformed %-escape.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URL_TOO_LONG', detail: 'A part of the address is longer than Waypoint accepts.' },
};

/** Any other framework 4xx, by its status. */
const BY_STATUS: Record<number, { code: HttpCode | 'NOT_FOUND' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_MANY_REQUESTS'; detail: string }> = {
  404: { code: 'NOT_FOUND', detail: 'There is nothing at this address.' },
  405: { code: 'METHOD_NOT_ALLOWED', detail: 'This address does not accept that method.' },
  413: { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than Waypoint accepts at this address.' },
  414: { code: 'URL_TOO_LONG', detail: 'The address is longer than Waypoint accepts.' },
  431: { code: 'HEADERS_TOO_LARGE', detail: 'The request headers are larger than Waypoint accepts.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the request body as JSON (Content-Type: application/json).' },
  429: { code: 'TOO_MANY_REQUESTS', detail: 'Too many requests from this address; wait a minute and try again.' },
};

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

/** A problem body for a catalogue code: its status and title come from the catalogue, never from the caller. */
export function problem(code: CatalogueCode, detail: string, extras: Partial<ProblemBody> = {}): ProblemBody {
  const { status, title } = CATALOGUE[code];
  return { type: `https://waypoint.example/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code, ...extras };
}

export function problemFromAppError(error: AppError): ProblemBody {
  const { field, rule, errors, facts } = error.extras;
  return problem(error.code, error.detail, {
    ...(rule && { rule }),
    ...(field && { field }),
    ...(errors && { errors: [...errors] }),
    ...facts,
  });
}

/** The one error handler: domain/app errors, schema failures, malformed requests, the unexpected. */
export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  let body: ProblemBody;
  if (error instanceof AppError) {
    body = problemFromAppError(error);
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const root =
      context === 'params'
        ? request.params
        : context === 'querystring'
          ? request.query
          : context === 'headers'
            ? request.headers
            : request.body;
    const prefix = context === 'querystring' ? 'query' : context === 'body' ? undefined : context;
    // fastify-type-provider-zod hands each Zod issue over as { keyword: code, instancePath, message, params: rest }.
    const issues = error.validation.map((v) => ({
      ...(v.params as object),
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message,
    }));
    const errors = inputFieldErrors(issues, root, prefix);
    const code = errors.length === 1 ? (errors[0]!.code as CatalogueCode) : 'VALIDATION_FAILED';
    body = problem(code in CATALOGUE ? code : 'INVALID_FORMAT', inputErrorsDetail(errors), {
      field: errors[0]!.field,
      rule: 'Waypoint API schema',
      errors,
    });
  } else if (transactionsCollided(error)) {
    // Two transactions met in the database (deadlock, serialisation): nothing was written; try again.
    request.log.warn({ error: safeError(error) }, 'transient database conflict');
    reply.header('retry-after', '1');
    body = problem('RETRY', 'Someone else was changing the same records at that moment; nothing was saved. Please try again.');
  } else if (connectionLost(error)) {
    // Work PostgreSQL cannot have kept was already run again on a new connection
    // (store/ended-connections.ts); what reaches here may have committed (its COMMIT had gone out) or not.
    request.log.warn({ error: safeError(error) }, 'database connection lost');
    reply.header('retry-after', '1');
    body = problem(
      'RETRY',
      'The connection to the database was lost while answering this request. A change may not have been saved, or may have been: reload the page to see which before trying again.',
    );
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own 4xx (malformed JSON, body too large, a malformed path...) in our codes and words.
    const known = FRAMEWORK[error.code] ?? BY_STATUS[error.statusCode] ?? { code: 'BAD_REQUEST', detail: 'The request could not be read.' };
    body = problem(known.code, known.detail);
  } else {
    request.log.error({ error: safeError(error) }, 'unexpected error');
    body = problem('INTERNAL', `Something went wrong on our side. Quote reference ${request.id} to support.`);
  }
  body.instance = request.url.split('?')[0];
  return reply.code(body.status).type('application/problem+json').send(body);
}
