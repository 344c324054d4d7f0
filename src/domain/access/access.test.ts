import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessFacts,
  BREAK_GLASS_REASON_MIN,
  checkBreakGlassReason,
  decideAccess,
  decideWriteAccess,
  ROLE_REACH,
  reachOf,
} from './access.ts';
import { planSearch, SEARCH_PAGE_MAX, searchPage } from './search.ts';

const nobody: AccessFacts = {
  roles: ['authorized-official'],
  clearance: 1,
  sensitivity: 1,
  ownCaseload: false,
  officeCaseload: false,
  teamCaseload: false,
  learnerCaseInOffice: false,
  breakGlassReason: null,
};
const facts = (over: Partial<AccessFacts>): AccessFacts => ({ ...nobody, ...over });
const outcome = (f: AccessFacts) => {
  const d = decideAccess(f);
  return d.allowed ? d.basis : d.refusal.code;
};

describe('who reaches a person', () => {
  it('an official reads the people on their own caseload and their office caseload, and nobody else', () => {
    expect(outcome(facts({ ownCaseload: true }))).toBe('own-caseload');
    expect(outcome(facts({ officeCaseload: true }))).toBe('office-caseload');
    expect(outcome(facts({ teamCaseload: true }))).toBe('NOT_ON_CASELOAD');
    expect(outcome(facts({ learnerCaseInOffice: true }))).toBe('NOT_ON_CASELOAD');
  });

  it("a supervisor also reads their team's caseload", () => {
    expect(outcome(facts({ roles: ['supervisor'], teamCaseload: true }))).toBe('team-caseload');
  });

  it('a learner benefit specialist reads learner cases of their office, not the office caseload', () => {
    expect(outcome(facts({ roles: ['learner-benefit-specialist'], learnerCaseInOffice: true }))).toBe('learner-case');
    expect(outcome(facts({ roles: ['learner-benefit-specialist'], officeCaseload: true }))).toBe('NOT_ON_CASELOAD');
  });

  it('an auditor reads everyone; an administrator reads nobody and cannot break the glass', () => {
    expect(outcome(facts({ roles: ['auditor'] }))).toBe('auditor');
    const admin = decideAccess(
      facts({ roles: ['administrator'], ownCaseload: true, breakGlassReason: 'The person asked for a copy of their file.' }),
    );
    expect(admin).toMatchObject({ allowed: false, mayBreakGlass: false });
  });

  it('a break-glass grant opens a person outside the caseload, and the read says so', () => {
    expect(decideAccess(facts({ breakGlassReason: 'The person phoned about their benefit.' }))).toEqual({
      allowed: true,
      basis: 'break-glass',
      breakGlassReason: 'The person phoned about their benefit.',
    });
  });

  it('nothing opens a person above the reader’s clearance: not the caseload, an auditor, or a break-glass grant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('authorized-official', 'learner-benefits-coordinator', 'learner-benefit-specialist', 'supervisor', 'auditor'),
        fc.boolean(),
        (clearance, sensitivity, role, grant) => {
          const d = decideAccess({
            roles: [role],
            clearance,
            sensitivity,
            ownCaseload: true,
            officeCaseload: true,
            teamCaseload: true,
            learnerCaseInOffice: true,
            breakGlassReason: grant ? 'The person phoned about their benefit.' : null,
          });
          expect(d.allowed).toBe(sensitivity <= clearance);
          if (!d.allowed) expect(d.refusal.code).toBe('ABOVE_SENSITIVITY_CLEARANCE');
        },
      ),
    );
  });
});

describe('the reach of a set of roles (what a worklist is filtered by)', () => {
  it('is every basis any of the roles reaches people by, break-glass left out', () => {
    expect([...reachOf(['learner-benefit-specialist', 'supervisor'])].sort()).toEqual(
      ['learner-case', 'office-caseload', 'own-caseload', 'team-caseload'].sort(),
    );
    expect([...reachOf(['administrator'])]).toEqual([]);
  });

  it('allows a read exactly when one of its bases holds, for any roles and facts within the clearance', () => {
    fc.assert(
      fc.property(
        fc.subarray(Object.keys(ROLE_REACH)),
        fc.record({ own: fc.boolean(), office: fc.boolean(), team: fc.boolean(), learner: fc.boolean() }),
        (roles, f) => {
          const facts: AccessFacts = {
            roles,
            clearance: 1,
            sensitivity: 1,
            ownCaseload: f.own,
            officeCaseload: f.office,
            teamCaseload: f.team,
            learnerCaseInOffice: f.learner,
            breakGlassReason: null,
          };
          const holds = {
            auditor: true,
            'own-caseload': f.own,
            'office-caseload': f.office,
            'team-caseload': f.team,
            'learner-case': f.learner,
          };
          expect(decideAccess(facts).allowed).toBe([...reachOf(roles)].some((basis) => holds[basis]));
        },
      ),
    );
  });
});

describe('the break-glass reason', () => {
  it(`needs at least ${BREAK_GLASS_REASON_MIN} characters once trimmed`, () => {
    expect(checkBreakGlassReason('   because   ').map((r) => r.code)).toEqual(['BREAK_GLASS_REASON_TOO_SHORT']);
    expect(checkBreakGlassReason('x'.repeat(BREAK_GLASS_REASON_MIN))).toEqual([]);
  });
});

describe('the person search', () => {
  const code = (q: { q?: string; birthDate?: string }) => {
    const d = planSearch(q);
    return d.ok ? 'ok' : d.refusal.code;
  };

  it('finding 5: a one-letter search is refused as too wide', () => {
    expect(code({ q: 'a' })).toBe('SEARCH_TOO_WIDE');
    expect(code({ q: 'a b' })).toBe('SEARCH_TOO_WIDE');
  });

  it('a family name alone is too wide; with a given-name prefix or a birth date it is accepted', () => {
    expect(code({ q: 'Santos' })).toBe('SEARCH_TOO_WIDE');
    expect(code({ q: 'Santos M' })).toBe('ok');
    expect(code({ q: 'Sa', birthDate: '1990-04-02' })).toBe('ok');
  });

  it('a birth date alone is refused: the family name is needed', () => {
    expect(code({ birthDate: '1990-04-02' })).toBe('SEARCH_TOO_WIDE');
  });

  const detail = (q: { q?: string; birthDate?: string }) => {
    const d = planSearch(q);
    return d.ok ? '' : d.refusal.detail;
  };

  it('a birth date alone is refused saying the family name is needed too', () => {
    expect(detail({ birthDate: '1990-04-02' })).toBe(
      'A date of birth alone is not enough to search by: enter at least 2 letters of the family name too.',
    );
  });

  it('a family name alone is refused as not enough to search by, saying nothing about how many it matches', () => {
    expect(detail({ q: 'Zzqx' })).toBe(
      'A family name alone is not enough to search by: add the start of the given name, or the date of birth.',
    );
  });

  it('an empty date of birth (a form left blank) counts as no date of birth', () => {
    expect(code({ q: 'Santos', birthDate: '' })).toBe('SEARCH_TOO_WIDE');
    expect(code({ q: '', birthDate: '' })).toBe('REQUIRED');
  });

  it('an empty search names what is required', () => {
    expect(code({})).toBe('REQUIRED');
  });

  it('a page is never larger than the maximum, nor its offset negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 100_000 }), (limit, offset) => {
        const page = searchPage({ limit, offset });
        expect(page.limit).toBeGreaterThanOrEqual(1);
        expect(page.limit).toBeLessThanOrEqual(SEARCH_PAGE_MAX);
        expect(page.offset).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('writes to a person', () => {
  it('break-glass opens reads only: a write under a grant is refused as not on the caseload, with no break-glass offered', () => {
    const decision = decideWriteAccess(facts({ breakGlassReason: 'The person phoned about their benefit.' }));
    expect(decision).toMatchObject({ allowed: false, mayBreakGlass: false, refusal: { code: 'NOT_ON_CASELOAD' } });
  });

  it('a write follows the read decision when the writer reaches the person', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3 }), (own, office, sensitivity) => {
        const f = facts({ ownCaseload: own, officeCaseload: office, sensitivity });
        const read = decideAccess(f);
        if (read.allowed || read.refusal.code !== 'NOT_ON_CASELOAD') expect(decideWriteAccess(f)).toEqual(read);
      }),
    );
  });
});
