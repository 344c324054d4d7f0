/** Integrated Case use cases: open (one per person), close, reopen; each audited. */
import { Temporal } from 'temporal-polyfill';
import { formatDate } from '../domain/calendar.ts';
import { checkCloseCase, checkOpenCase, checkReopenCase, type IntegratedCaseState } from '../domain/cases/integrated-case.ts';
import type { Queryable } from '../store/db.ts';
import { assessmentsOfCases, type CaseRow, caseById, casesBy, insertCase, updateCaseVersioned } from '../store/repos/cases.ts';
import { personById } from '../store/repos/people.ts';
import { nextReference } from '../store/versioned.ts';
import { recordAudit } from './audit.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';
import { expectUpdated } from './versioning.ts';

const toState = (row: CaseRow): IntegratedCaseState => ({
  id: row.id,
  status: row.status as IntegratedCaseState['status'],
  openedOn: Temporal.PlainDate.from(row.openedOn),
  closedOn: row.closedOn ? Temporal.PlainDate.from(row.closedOn) : null,
});

const caseRecord = (row: CaseRow) => ({
  id: row.id,
  reference: row.reference,
  personId: row.personId,
  status: row.status,
  openedOn: row.openedOn,
  closedOn: row.closedOn,
  closeReason: row.closeReason,
  version: row.version,
});

export async function loadAssessments(q: Queryable, caseIds: readonly string[]) {
  const rows = await assessmentsOfCases(q, caseIds);
  return rows.map(({ a, assessorName }) => ({
    id: a.id,
    caseId: a.caseId,
    status: a.status as 'in-progress' | 'completed',
    needs: a.needs,
    primaryNeed: a.primaryNeed,
    notes: a.notes,
    startedOn: a.startedOn,
    completedOn: a.completedOn,
    assessor: { id: a.assessorId, displayName: assessorName },
    version: a.version,
  }));
}

export async function loadCases(q: Queryable, by: { personId: string } | { caseId: string }) {
  const rows = await casesBy(q, by);
  const all = await loadAssessments(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...caseRecord(row), assessments: all.filter((a) => a.caseId === row.id) }));
}

export type CaseView = Awaited<ReturnType<typeof loadCases>>[number];

export async function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  authorize(actor, 'case.read');
  const [found] = await loadCases(ctx.db, { caseId });
  if (!found) throw AppError.notFound('integrated case', caseId);
  await readPerson(ctx, actor, found.personId, 'case');
  return found;
}

/** R03 pre-condition 2: opens the person's Integrated Case; refused while another is open. */
export async function openCase(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: { openedOn?: string | undefined },
): Promise<CaseView> {
  authorize(actor, 'case.open');
  const openedOn = input.openedOn ?? formatDate(ctx.clock.today());
  const id = await ctx.db.transaction(async (tx) => {
    // Lock the person so two officials opening a case at once are serialised.
    const person = await personById(tx, personId, { lock: true });
    if (!person) throw AppError.notFound('person', personId);
    await writePerson(ctx, actor, personId, tx);
    const existing = await casesBy(tx, { personId });
    assertNoRefusals(checkOpenCase(existing.map(toState), Temporal.PlainDate.from(openedOn), ctx.clock.today()));
    const row = await insertCase(tx, {
      reference: await nextReference(tx, 'integrated_case'),
      personId,
      status: 'open',
      openedOn,
      openedBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'case.open', recordType: 'integrated_case', recordId: row.id, after: caseRecord(row) });
    return row.id;
  });
  return getCase(ctx, actor, id);
}

export async function closeCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { version: number; closedOn: string; reason: string },
): Promise<CaseView> {
  authorize(actor, 'case.close');
  await ctx.db.transaction(async (tx) => {
    const before = await caseById(tx, caseId);
    if (!before) throw AppError.notFound('integrated case', caseId);
    await writePerson(ctx, actor, before.personId, tx);
    if (before.version !== input.version) throw AppError.staleVersion('integrated case', input.version, before.version);
    assertNoRefusals(checkCloseCase(toState(before), Temporal.PlainDate.from(input.closedOn), ctx.clock.today()));
    const after = expectUpdated(
      await updateCaseVersioned(tx, caseId, input.version, { status: 'closed', closedOn: input.closedOn, closeReason: input.reason }),
      'integrated case',
      caseId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'case.close',
      recordType: 'integrated_case',
      recordId: caseId,
      before: caseRecord(before),
      after: caseRecord(after),
    });
  });
  return getCase(ctx, actor, caseId);
}

export async function reopenCase(ctx: AppContext, actor: Actor, caseId: string, input: { version: number }): Promise<CaseView> {
  authorize(actor, 'case.reopen');
  await ctx.db.transaction(async (tx) => {
    const before = await caseById(tx, caseId);
    if (!before) throw AppError.notFound('integrated case', caseId);
    await writePerson(ctx, actor, before.personId, tx);
    await personById(tx, before.personId, { lock: true });
    if (before.version !== input.version) throw AppError.staleVersion('integrated case', input.version, before.version);
    const others = await casesBy(tx, { personId: before.personId });
    assertNoRefusals(checkReopenCase(toState(before), others.map(toState)));
    const after = expectUpdated(
      await updateCaseVersioned(tx, caseId, input.version, { status: 'open', closedOn: null, closeReason: null }),
      'integrated case',
      caseId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'case.reopen',
      recordType: 'integrated_case',
      recordId: caseId,
      before: caseRecord(before),
      after: caseRecord(after),
    });
  });
  return getCase(ctx, actor, caseId);
}
