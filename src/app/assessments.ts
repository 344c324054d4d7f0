/** Assessment use cases: start, update while in progress, complete with exactly one Primary Need. */
import { Temporal } from 'temporal-polyfill';
import { type AssessmentState, checkCompleteAssessment, type checkNeeds, checkUpdateAssessment } from '../domain/assessments/assessment.ts';
import { formatDate } from '../domain/calendar.ts';
import {
  type AssessmentRow,
  assessmentById,
  assessmentOwner,
  caseById,
  insertAssessment,
  type NewAssessment,
  updateAssessmentVersioned,
} from '../store/repos/cases.ts';
import { recordAudit } from './audit.ts';
import { loadAssessments } from './cases.ts';
import type { Actor, AppContext } from './context.ts';
import { AppError, assertNoRefusals } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPerson, writePerson } from './person-access.ts';
import { expectUpdated } from './versioning.ts';

const toState = (row: AssessmentRow): AssessmentState => ({
  status: row.status as AssessmentState['status'],
  startedOn: Temporal.PlainDate.from(row.startedOn),
});
const record = (row: AssessmentRow) => ({
  id: row.id,
  caseId: row.caseId,
  status: row.status,
  needs: row.needs,
  primaryNeed: row.primaryNeed,
  notes: row.notes,
  startedOn: row.startedOn,
  completedOn: row.completedOn,
  version: row.version,
});

export async function getAssessment(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'case.read');
  const row = await assessmentOwner(ctx.db, id);
  if (!row) throw AppError.notFound('assessment', id);
  await readPerson(ctx, actor, row.personId, 'assessment');
  return (await loadAssessments(ctx.db, [row.caseId])).find((a) => a.id === id)!;
}

export async function startAssessment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { needs: string[]; primaryNeed?: string | null | undefined; notes?: string | undefined },
) {
  authorize(actor, 'assessment.write');
  const id = await ctx.db.transaction(async (tx) => {
    const c = await caseById(tx, caseId);
    if (!c) throw AppError.notFound('integrated case', caseId);
    await writePerson(ctx, actor, c.personId, tx);
    if (c.status !== 'open') {
      throw new AppError('CASE_NOT_OPEN', 'Assessments are recorded on an open Integrated Case.', {
        rule: 'R03 pre-condition 2',
        field: 'caseId',
      });
    }
    const startedOn = ctx.clock.today();
    assertNoRefusals(
      checkUpdateAssessment(
        { status: 'in-progress', startedOn },
        { needs: input.needs, primaryNeed: input.primaryNeed ?? null },
        ctx.needs,
      ),
    );
    const row = await insertAssessment(tx, {
      caseId,
      status: 'in-progress',
      needs: input.needs,
      primaryNeed: input.primaryNeed ?? null,
      notes: input.notes ?? '',
      startedOn: formatDate(startedOn),
      assessorId: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'assessment.start', recordType: 'assessment', recordId: row.id, after: record(row) });
    return row.id;
  });
  return getAssessment(ctx, actor, id);
}

async function changeAssessment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  action: 'assessment.update' | 'assessment.complete',
  decide: (before: AssessmentRow) => { refusals: ReturnType<typeof checkNeeds>; values: Partial<NewAssessment> },
) {
  authorize(actor, 'assessment.write');
  await ctx.db.transaction(async (tx) => {
    const before = await assessmentById(tx, id);
    if (!before) throw AppError.notFound('assessment', id);
    const onCase = await caseById(tx, before.caseId);
    await writePerson(ctx, actor, onCase!.personId, tx);
    if (before.version !== version) throw AppError.staleVersion('assessment', version, before.version);
    const { refusals, values } = decide(before);
    assertNoRefusals(refusals);
    const after = expectUpdated(await updateAssessmentVersioned(tx, id, version, values), 'assessment', id, version);
    await recordAudit(tx, actor, { action, recordType: 'assessment', recordId: id, before: record(before), after: record(after) });
  });
  return getAssessment(ctx, actor, id);
}

export function updateAssessment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; needs?: string[] | undefined; primaryNeed?: string | null | undefined; notes?: string | undefined },
) {
  return changeAssessment(ctx, actor, id, input.version, 'assessment.update', (before) => {
    const needs = input.needs ?? before.needs;
    const primaryNeed = input.primaryNeed === undefined ? before.primaryNeed : input.primaryNeed;
    return {
      refusals: checkUpdateAssessment(toState(before), { needs, primaryNeed }, ctx.needs),
      values: { needs, primaryNeed, notes: input.notes ?? before.notes },
    };
  });
}

/** Completion: at least one need and exactly one Primary Need among them (R03.1 Key Notes). */
export function completeAssessment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; needs: string[]; primaryNeed: string | null; completedOn?: string | undefined; notes?: string | undefined },
) {
  const completedOn = input.completedOn ?? formatDate(ctx.clock.today());
  return changeAssessment(ctx, actor, id, input.version, 'assessment.complete', (before) => ({
    refusals: checkCompleteAssessment(
      toState(before),
      { needs: input.needs, primaryNeed: input.primaryNeed, completedOn: Temporal.PlainDate.from(completedOn) },
      ctx.needs,
    ),
    values: { status: 'completed', needs: input.needs, primaryNeed: input.primaryNeed, completedOn, notes: input.notes ?? before.notes },
  }));
}
