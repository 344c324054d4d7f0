/**
 * Who may read a person's data (docs/access-control.md): access by caseload, office, team and
 * learner case, sensitivity levels 1-5, and the break-glass read. Pure: the app loads the facts
 * (src/app/person-access.ts) and records every read in the access log.
 */
import type { Refusal } from '../refusal.ts';

/** How a read was allowed; recorded with every read in the access log. */
export type AccessBasis = 'own-caseload' | 'office-caseload' | 'team-caseload' | 'learner-case' | 'auditor' | 'break-glass';

/** What each role's reach is made of, before a break-glass read (docs/access-control.md "Who sees whom"). */
export const ROLE_REACH: Readonly<Record<string, readonly AccessBasis[]>> = {
  'authorized-official': ['own-caseload', 'office-caseload'],
  'learner-benefits-coordinator': ['own-caseload', 'office-caseload', 'learner-case'],
  'learner-benefit-specialist': ['own-caseload', 'learner-case'],
  supervisor: ['own-caseload', 'office-caseload', 'team-caseload'],
  auditor: ['auditor'],
  administrator: [],
  /** Reads no person: a whole payment run's references and amounts are all a finance officer sees (docs/access-control.md). */
  'finance-officer': [],
};

/** Roles that may break the glass: every role that reads case data, except auditors (who read everything) and administrators (who read none). */
export const BREAK_GLASS_ROLES: readonly string[] = [
  'authorized-official',
  'learner-benefits-coordinator',
  'learner-benefit-specialist',
  'supervisor',
];

/** A break-glass reason says why, in a sentence: at least this many characters (trimmed). */
export const BREAK_GLASS_REASON_MIN = 20;
export const BREAK_GLASS_REASON_MAX = 500;

export interface AccessFacts {
  readonly roles: readonly string[];
  /** The user's clearance and the person's sensitivity, 1 (lowest) to 5. */
  readonly clearance: number;
  readonly sensitivity: number;
  readonly ownCaseload: boolean;
  readonly officeCaseload: boolean;
  readonly teamCaseload: boolean;
  /** The person has a learner case, and belongs to the user's office or their case's coordinator does. */
  readonly learnerCaseInOffice: boolean;
  /** The reason of the user's unexpired break-glass grant for this person, if any. */
  readonly breakGlassReason: string | null;
}

/** The refusals of access by caseload: every refusal `decideAccess` and `decideWriteAccess` give is one of these. */
export type AccessRefusalCode = 'NOT_ON_CASELOAD' | 'ABOVE_SENSITIVITY_CLEARANCE';

export type AccessDecision =
  | { readonly allowed: true; readonly basis: AccessBasis; readonly breakGlassReason: string | null }
  | { readonly allowed: false; readonly refusal: Refusal & { readonly code: AccessRefusalCode }; readonly mayBreakGlass: boolean };

const holds = (facts: AccessFacts, basis: AccessBasis): boolean => {
  switch (basis) {
    case 'own-caseload':
      return facts.ownCaseload;
    case 'office-caseload':
      return facts.officeCaseload;
    case 'team-caseload':
      return facts.teamCaseload;
    case 'learner-case':
      return facts.learnerCaseInOffice;
    case 'auditor':
      return true;
    case 'break-glass':
      return facts.breakGlassReason !== null;
  }
};

/** The bases a read is allowed on, in the order `decideAccess` tries them (break-glass apart). */
export const REACH_ORDER = ['auditor', 'own-caseload', 'office-caseload', 'team-caseload', 'learner-case'] as const;
export type ReachBasis = (typeof REACH_ORDER)[number];

/** The bases the user's roles reach people by, break-glass apart (ROLE_REACH, all roles together). */
export function reachOf(roles: readonly string[]): ReadonlySet<ReachBasis> {
  const reach = new Set(roles.flatMap((role) => ROLE_REACH[role] ?? []));
  return new Set(REACH_ORDER.filter((basis) => reach.has(basis)));
}

/**
 * Sensitivity first (nothing, not even a break-glass read or an auditor, passes a level above the
 * user's clearance), then the role's reach in order, then an unexpired break-glass grant.
 */
export function decideAccess(facts: AccessFacts): AccessDecision {
  if (facts.sensitivity > facts.clearance) {
    return {
      allowed: false,
      mayBreakGlass: false,
      refusal: {
        code: 'ABOVE_SENSITIVITY_CLEARANCE',
        rule: 'Waypoint access control: sensitivity',
        detail: `This person's record has sensitivity level ${facts.sensitivity}; your clearance is ${facts.clearance}. Ask a user with a higher clearance.`,
        facts: { sensitivity: facts.sensitivity, clearance: facts.clearance },
      },
    };
  }
  const reach = reachOf(facts.roles);
  for (const basis of REACH_ORDER) {
    if (reach.has(basis) && holds(facts, basis)) return { allowed: true, basis, breakGlassReason: null };
  }
  const mayBreakGlass = facts.roles.some((role) => BREAK_GLASS_ROLES.includes(role));
  if (mayBreakGlass && facts.breakGlassReason !== null)
    return { allowed: true, basis: 'break-glass', breakGlassReason: facts.breakGlassReason };
  return {
    allowed: false,
    mayBreakGlass,
    refusal: {
      code: 'NOT_ON_CASELOAD',
      rule: 'Waypoint access control: caseload',
      detail: mayBreakGlass
        ? "This person is not on your caseload, your office's or your team's. If you need to read their record, state why (break-glass): the read is logged and reviewed."
        : 'This person is not on your caseload.',
      facts: { mayBreakGlass },
    },
  };
}

/**
 * A write to a person's data: the same reach and sensitivity as a read, but break-glass opens
 * reads only, never writes (docs/access-control.md "Writes").
 */
export function decideWriteAccess(facts: AccessFacts): AccessDecision {
  const decision = decideAccess({ ...facts, breakGlassReason: null });
  if (decision.allowed || decision.refusal.code !== 'NOT_ON_CASELOAD') return decision;
  return {
    allowed: false,
    mayBreakGlass: false,
    refusal: {
      ...decision.refusal,
      detail:
        "This person is not on your caseload, your office's or your team's, so you cannot change their record (break-glass opens reads only). Ask a colleague whose caseload holds them.",
      facts: { mayBreakGlass: false },
    },
  };
}

/** A break-glass reason: a sentence, not a word. */
export function checkBreakGlassReason(reason: string): Refusal[] {
  const trimmed = reason.trim();
  if (trimmed.length < BREAK_GLASS_REASON_MIN || trimmed.length > BREAK_GLASS_REASON_MAX) {
    return [
      {
        code: 'BREAK_GLASS_REASON_TOO_SHORT',
        field: 'reason',
        rule: 'Waypoint access control: break-glass',
        detail: `Say why you need this record, in ${BREAK_GLASS_REASON_MIN} to ${BREAK_GLASS_REASON_MAX} characters (for example the call or the request you are answering).`,
        facts: { min: BREAK_GLASS_REASON_MIN, max: BREAK_GLASS_REASON_MAX },
      },
    ];
  }
  return [];
}
