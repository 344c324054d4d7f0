/**
 * Unit tests for integrated-case.ts (R03 pre-condition 2: "an Integrated Case exists"): one open
 * Integrated Case per person, closing and reopening.
 */

import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, maxDate } from '../calendar.ts';
import { checkCloseCase, checkOpenCase, checkReopenCase, type IntegratedCaseState } from './integrated-case.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const TODAY = d('2026-06-15');
const openCase = (id: string, openedOn: string): IntegratedCaseState => ({ id, status: 'open', openedOn: d(openedOn), closedOn: null });
const closedCase = (id: string, openedOn: string, closedOn: string): IntegratedCaseState => ({
  id,
  status: 'closed',
  openedOn: d(openedOn),
  closedOn: d(closedOn),
});

describe('opening an Integrated Case (R03 pre-condition 2)', () => {
  it('a person with no Integrated Case may open one', () => {
    expect(checkOpenCase([], TODAY, TODAY)).toEqual([]);
  });

  it('a person whose Integrated Cases are all closed may open a new one', () => {
    expect(
      checkOpenCase([closedCase('ic-1', '2022-01-10', '2023-03-31'), closedCase('ic-2', '2023-06-01', '2024-01-31')], TODAY, TODAY),
    ).toEqual([]);
  });

  it('a person has at most one open Integrated Case (R03 pre-condition 2)', () => {
    expect(checkOpenCase([closedCase('ic-1', '2022-01-10', '2023-03-31'), openCase('ic-2', '2024-02-01')], TODAY, TODAY)).toEqual([
      {
        code: 'CASE_ALREADY_OPEN',
        rule: 'R03 pre-condition 2',
        field: 'personId',
        detail: 'This person already has an open Integrated Case.',
        facts: { caseId: 'ic-2' },
      },
    ]);
  });
});

describe('an Integrated Case records what happened, never a day still to come', () => {
  it('finding 9: a case opened on a future day is refused as DATE_IN_FUTURE', () => {
    expect(checkOpenCase([], d('2029-03-01'), TODAY)).toEqual([
      expect.objectContaining({ code: 'DATE_IN_FUTURE', rule: 'R03 pre-condition 2', field: 'openedOn' }),
    ]);
  });

  it('finding 9: a case closed on a future day is refused as DATE_IN_FUTURE', () => {
    expect(checkCloseCase(openCase('ic-1', '2024-02-01'), d('2030-12-31'), TODAY)).toEqual([
      expect.objectContaining({ code: 'DATE_IN_FUTURE', rule: 'R03 pre-condition 2', field: 'closedOn' }),
    ]);
  });

  it('a case opened or closed today is accepted', () => {
    expect(checkOpenCase([], TODAY, TODAY)).toEqual([]);
    expect(checkCloseCase(openCase('ic-1', '2024-02-01'), TODAY, TODAY)).toEqual([]);
  });
});

describe('closing an Integrated Case', () => {
  const ic = openCase('ic-1', '2024-02-01');

  it('an open case can close after the day it opened', () => {
    expect(checkCloseCase(ic, d('2025-01-15'), TODAY)).toEqual([]);
  });

  it('an open case can close on the day it opened', () => {
    expect(checkCloseCase(ic, d('2024-02-01'), TODAY)).toEqual([]);
  });

  it('a case cannot close before the day it opened', () => {
    expect(checkCloseCase(ic, d('2024-01-31'), TODAY)).toEqual([
      { code: 'END_BEFORE_START', rule: 'R03 pre-condition 2', field: 'closedOn', detail: 'A case cannot close before the day it opened.' },
    ]);
  });

  it('a case that is not open cannot be closed', () => {
    expect(checkCloseCase(closedCase('ic-1', '2022-01-10', '2023-03-31'), d('2025-01-15'), TODAY)).toEqual([
      { code: 'CASE_NOT_OPEN', rule: 'R03 pre-condition 2', detail: 'This Integrated Case is not open.' },
    ]);
  });

  it('a case that is not open is refused for that reason alone, even with a close date before it opened', () => {
    const refusals = checkCloseCase(closedCase('ic-1', '2022-01-10', '2023-03-31'), d('2020-01-01'), TODAY);
    expect(refusals.map((r) => r.code)).toEqual(['CASE_NOT_OPEN']);
  });
});

describe('reopening an Integrated Case', () => {
  const closed = closedCase('ic-1', '2022-01-10', '2023-03-31');

  it('a closed case can be reopened when the person has no other open case', () => {
    expect(checkReopenCase(closed, [closedCase('ic-2', '2023-06-01', '2024-01-31')])).toEqual([]);
  });

  it("the case being reopened is not counted against itself when the list holds all of the person's cases", () => {
    expect(checkReopenCase(closed, [closed, closedCase('ic-2', '2023-06-01', '2024-01-31')])).toEqual([]);
  });

  it('reopening is refused while another case is open (R03 pre-condition 2)', () => {
    expect(checkReopenCase(closed, [closed, openCase('ic-2', '2024-02-01')])).toEqual([
      {
        code: 'CASE_ALREADY_OPEN',
        rule: 'R03 pre-condition 2',
        field: 'personId',
        detail: 'This person already has an open Integrated Case.',
        facts: { caseId: 'ic-2' },
      },
    ]);
  });

  it('a case that is not closed cannot be reopened', () => {
    expect(checkReopenCase(openCase('ic-1', '2024-02-01'), [])).toEqual([
      { code: 'CASE_NOT_CLOSED', rule: 'R03 pre-condition 2', detail: 'This Integrated Case is not closed.' },
    ]);
  });
});

describe('one open Integrated Case, whatever the caseworkers do', () => {
  type Step = { action: 'open' } | { action: 'close'; which: number; days: number } | { action: 'reopen'; which: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.constant<Step>({ action: 'open' }),
    fc.record({ action: fc.constant('close' as const), which: fc.nat(), days: fc.integer({ min: -30, max: 400 }) }),
    fc.record({ action: fc.constant('reopen' as const), which: fc.nat() }),
  );

  it('after any sequence of accepted opens, closes and reopens, a person never has two open cases', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let cases: IntegratedCaseState[] = [];
        let today = d('2020-01-01');
        for (const s of steps) {
          today = addDays(today, 7);
          if (s.action === 'open') {
            if (checkOpenCase(cases, today, today).length === 0)
              cases = [...cases, { id: `ic-${cases.length + 1}`, status: 'open', openedOn: today, closedOn: null }];
            continue;
          }
          const target = cases[s.which % Math.max(cases.length, 1)];
          if (!target) continue;
          if (s.action === 'close') {
            const closedOn = addDays(target.openedOn, s.days);
            if (checkCloseCase(target, closedOn, maxDate(closedOn, today)).length === 0) {
              cases = cases.map((c) => (c.id === target.id ? { ...c, status: 'closed', closedOn } : c));
            }
          } else if (checkReopenCase(target, cases).length === 0) {
            cases = cases.map((c) => (c.id === target.id ? { ...c, status: 'open', closedOn: null } : c));
          }
          expect(cases.filter((c) => c.status === 'open').length).toBeLessThanOrEqual(1);
        }
        expect(cases.filter((c) => c.status === 'open').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
