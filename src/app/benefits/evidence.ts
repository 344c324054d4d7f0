/**
 * Evidence use cases (docs/records-and-statuses.md "Records", "Statuses"): add, correct (same period) or record a
 * change of circumstance (new period) as in-edit versions; discard an in-edit version; apply the
 * batch together, which reassesses the case. Director Approval evidence counts only once a Learner
 * Benefit Specialist approves it (a task goes to their queue).
 */
import { Temporal } from 'temporal-polyfill';
import { evidenceType } from '../../domain/benefits/evidence.ts';
import { checkEvidence } from '../../domain/benefits/evidence-rules.ts';
import { supersededBy } from '../../domain/benefits/evidence-versions.ts';
import { addDays, formatDate, monthIndex, type PlainDate } from '../../domain/calendar.ts';
import { dateInWords } from '../../domain/dates-in-words.ts';
import { cents, formatMoney, toDecimalString } from '../../domain/money.ts';
import { householdsByMonthIndex } from '../../domain/people/households-by-month.ts';
import type { Relationship } from '../../domain/people/relationships.ts';
import type { Queryable } from '../../store/db.ts';
import { pipelinedTransaction } from '../../store/pipeline.ts';
import {
  applyVersion,
  evidenceById,
  evidenceListing,
  evidenceVersionById,
  firstVersionOf,
  insertEvidenceVersion,
  insertEvidenceWithFirstVersionAndCommit,
  latestActiveVersion,
  nextVersionNumber,
  pendingCorrectionOf,
  updateEvidenceVersionVersioned,
  versionsOfCases,
} from '../../store/repos/evidence.ts';
import { lockPdcWithSessionWriteFacts, lockPdcWithWriteFacts } from '../../store/repos/pdc-write-facts.ts';
import { type AuditEntry, recordAudit } from '../audit.ts';
import { type Actor, type AppContext, timestamp } from '../context.ts';
import { AppError, assertNoRefusals } from '../errors.ts';
import { type Created, claimKey, type KeyedWrite, keyedWrite } from '../idempotency.ts';
import { authorize, PERMISSIONS } from '../permissions.ts';
import { readPerson, writePerson, writePersonWithFacts } from '../person-access.ts';
import { toRelationship } from '../person-view.ts';
import { completeTasksFor, createTask } from '../tasks.ts';
import { authenticate, type SessionWriter, sessionOf, tokenHash } from '../users.ts';
import { expectUpdated } from '../versioning.ts';
import { coordinatedPartner, reassessHousehold } from './determinations.ts';
import { attendanceOf, loadPdc, type PdcRow, toVersion } from './snapshot.ts';

export interface EvidenceValues {
  readonly subtype?: string | null | undefined;
  readonly personId?: string | null | undefined;
  /** Integer cents, already parsed from the decimal string. */
  readonly amountCents?: number | null | undefined;
  readonly note?: string | undefined;
}

const date = (iso: string) => Temporal.PlainDate.from(iso);

function editable(pdc: PdcRow): void {
  if (pdc.status === 'closed')
    throw new AppError('PDC_NOT_OPEN', `${pdc.reference} is closed; its evidence can no longer change.`, {
      rule: 'Product delivery case statuses',
    });
}

/**
 * Everyone in the learner's household at some point during the training: each month's household
 * worked out once per set of relationships touching it (households-by-month.ts), not month by month.
 */
function householdMembers(pdc: PdcRow, relationships: readonly Relationship[]): string[] {
  const householdAt = householdsByMonthIndex(relationships);
  const training = attendanceOf(pdc).training;
  const members = new Set<string>();
  for (let month = monthIndex(training.start); month <= monthIndex(training.end); month++) {
    const h = householdAt(pdc.personId, month);
    for (const m of h.adults) members.add(m);
    for (const m of h.children) members.add(m);
  }
  return [...members];
}

function validate(
  locked: LockedPdc,
  type: string,
  values: { subtype: string | null; personId: string | null; amountCents: number | null; start: PlainDate; end: PlainDate | null },
) {
  const { pdc, household } = locked;
  const attendance = attendanceOf(pdc);
  assertNoRefusals(
    checkEvidence(
      {
        type,
        subtype: values.subtype,
        personId: values.personId,
        amount: values.amountCents === null ? null : cents(values.amountCents),
        period: { start: values.start, end: values.end },
      },
      { start: attendance.training.start, end: attendance.training.end },
      householdMembers(pdc, household),
    ),
  );
}

interface LockedPdc {
  readonly pdc: PdcRow;
  /** The relationships of the learner's household, read after the lock was granted. */
  readonly household: readonly Relationship[];
}

/**
 * Locks the case for a change to its evidence, checks that the actor may change its person's data
 * (NOT_FOUND, NOT_ON_CASELOAD, ABOVE_SENSITIVITY_CLEARANCE, as `writePerson`) and reads the
 * household the values are checked against: one round trip (store/repos/pdc-write-facts.ts), which also
 * carries the transaction's BEGIN in `addEvidence` (store/pipeline.ts `pipelinedTransaction`).
 */
async function lockForChange(ctx: AppContext, tx: Queryable, actor: Actor, pdcId: string): Promise<LockedPdc> {
  const read = await lockPdcWithWriteFacts(tx, pdcId, actor.userId, timestamp(ctx.clock));
  if (!read.pdc) throw AppError.notFound('product delivery case', pdcId);
  writePersonWithFacts(actor, read.pdc.personId, read.facts);
  return { pdc: read.pdc, household: read.household.map(toRelationship) };
}

const approvalFor = (type: string) => (type === 'director-approval' ? 'pending' : 'not-required');

type NewEvidence = EvidenceValues & { type: string; periodStart: string; periodEnd?: string | null | undefined };

export async function addEvidence(ctx: AppContext, actor: Actor, pdcId: string, input: NewEvidence) {
  return (await addEvidenceKept(ctx, actor, pdcId, input, null)).made;
}

async function addEvidenceKept(ctx: AppContext, actor: Actor, pdcId: string, input: NewEvidence, write: KeyedWrite | null) {
  authorize(actor, 'evidence.write');
  // Two round trips on PostgreSQL: BEGIN with the lock and the reads, the insert with COMMIT (store/pipeline.ts).
  return pipelinedTransaction(ctx.db, async (tx) =>
    insertNewEvidence(tx, actor, pdcId, await lockForChange(ctx, tx, actor, pdcId), input, write),
  );
}

/**
 * `addEvidence` for a writer known by their session: the session is read with the case lock and
 * the case's facts, so a write is two round trips on PostgreSQL in all (store/pipeline.ts), and
 * the answers are those of checking the session first: `admit`'s (401, the password gate), then
 * FORBIDDEN, NOT_FOUND, the caseload, the values. The case is locked only for a session that
 * passes those first checks (store/repos/pdc-write-facts.ts PDC_FOR_UPDATE_BY_WRITER): a request
 * refused them locks and writes nothing. When the session passes them but the case was not locked
 * (the case is missing, or the session changed between the two statements), nothing was locked,
 * and the write starts again as `addEvidence` after checking the session anew.
 *
 * With an Idempotency-Key (app/idempotency.ts), a retry of the same evidence by the same writer is
 * answered with the evidence already added (its first version), `replayed`: the key is claimed
 * under the case's lock, before the insert that makes the record with the id it was claimed for.
 */
export async function addEvidenceBySession(
  ctx: AppContext,
  writer: SessionWriter,
  pdcId: string,
  input: NewEvidence,
  idempotencyKey?: string | undefined,
): Promise<Created<AddedEvidence>> {
  const write = keyedWrite('evidence.add', idempotencyKey, { pdcId, ...input });
  if (!writer.token) return addEvidenceKept(ctx, writer.admit(null), pdcId, input, write);
  const token = writer.token;
  const outcome = await pipelinedTransaction(ctx.db, async (tx) => {
    const read = await lockPdcWithSessionWriteFacts(tx, tokenHash(token), pdcId, timestamp(ctx.clock), PERMISSIONS['evidence.write']);
    const actor = writer.admit(read.user ? sessionOf(read.user) : null);
    authorize(actor, 'evidence.write');
    if (!read.pdc) return null;
    writePersonWithFacts(actor, read.pdc.personId, read.facts);
    return insertNewEvidence(tx, actor, pdcId, { pdc: read.pdc, household: read.household.map(toRelationship) }, input, write);
  });
  return outcome ?? addEvidenceKept(ctx, writer.admit(await authenticate(ctx, token)), pdcId, input, write);
}

interface AddedEvidence {
  readonly evidenceId: string;
  readonly versionId: string;
}

/**
 * Checks the values against the locked case and writes the evidence, its first version and the
 * audit event, with the COMMIT; with an Idempotency-Key, claimed first, or, for a retry of evidence
 * already added with the key, answered with it.
 */
async function insertNewEvidence(
  tx: Queryable,
  actor: Actor,
  pdcId: string,
  locked: LockedPdc,
  input: NewEvidence,
  write: KeyedWrite | null,
): Promise<Created<AddedEvidence>> {
  const claim = await claimKey(tx, actor, write);
  if (claim?.replayed) return { made: { evidenceId: claim.id, versionId: (await firstVersionOf(tx, claim.id))!.id }, replayed: true };
  editable(locked.pdc);
  const values = {
    subtype: input.subtype ?? null,
    personId: input.personId ?? null,
    amountCents: input.amountCents ?? null,
    start: date(input.periodStart),
    end: input.periodEnd ? date(input.periodEnd) : null,
  };
  validate(locked, input.type, values);
  // The record, its first version and the audit event ({ evidence, version } as inserted) in one statement, with the COMMIT.
  const made = await insertEvidenceWithFirstVersionAndCommit(
    tx,
    { id: claim?.id ?? null, pdcId, type: input.type, createdBy: actor.userId },
    {
      subtype: values.subtype,
      personId: values.personId,
      amountCents: values.amountCents,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd ?? null,
      note: input.note ?? '',
      approval: approvalFor(input.type),
    },
    { action: 'evidence.add', recordType: 'pdc', recordId: pdcId } satisfies AuditEntry,
  );
  return { made, replayed: false };
}

async function loadVersion(q: Queryable, versionId: string) {
  const found = await evidenceVersionById(q, versionId);
  if (!found) throw AppError.notFound('evidence version', versionId);
  return found;
}

/** A correction: the value was wrong for the same period; it replaces the version it corrects. */
export async function correctEvidence(ctx: AppContext, actor: Actor, versionId: string, input: EvidenceValues & { version: number }) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const { e } = await loadVersion(tx, versionId);
    const locked = await lockForChange(ctx, tx, actor, e.pdcId);
    editable(locked.pdc);
    // Read again under the case's lock: what was read before it may have changed meanwhile.
    const { v } = await loadVersion(tx, versionId);
    if (v.version !== input.version) throw AppError.staleVersion('evidence version', input.version, v.version);
    if (v.status !== 'active')
      throw new AppError('VERSION_NOT_IN_EDIT', 'Only an applied (active) version can be corrected.', { field: 'versionId' });
    // One correction in edit per version: a second would be applied as "active" yet never count
    // (the first replaces the value it corrects), so it would be a lost update.
    const pending = await pendingCorrectionOf(tx, v.id);
    if (pending) {
      throw new AppError(
        'VERSION_CONFLICT',
        `This evidence version already has a correction in edit (version ${pending.number}). Discard it or apply it before correcting again.`,
        {
          field: 'version',
          rule: 'Waypoint optimistic concurrency',
          facts: { pendingCorrectionId: pending.id },
        },
      );
    }
    const values = {
      subtype: input.subtype === undefined ? v.subtype : input.subtype,
      personId: input.personId === undefined ? v.personId : input.personId,
      amountCents: input.amountCents === undefined ? v.amountCents : input.amountCents,
      start: date(v.periodStart),
      end: v.periodEnd ? date(v.periodEnd) : null,
    };
    validate(locked, e.type, values);
    const row = await insertEvidenceVersion(tx, {
      evidenceId: e.id,
      number: await nextVersionNumber(tx, e.id),
      kind: 'correction',
      correctsVersionId: v.id,
      subtype: values.subtype,
      personId: values.personId,
      amountCents: values.amountCents,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      note: input.note ?? '',
      status: 'in-edit',
      approval: approvalFor(e.type),
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'evidence.correct', recordType: 'pdc', recordId: e.pdcId, before: v, after: row });
    return { evidenceId: e.id, versionId: row.id };
  });
}

/** A change of circumstance: a new value from a date; what was in force before stays as it was. */
export async function changeEvidence(
  ctx: AppContext,
  actor: Actor,
  evidenceId: string,
  input: EvidenceValues & { effectiveFrom: string; periodEnd?: string | null | undefined },
) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const e = await evidenceById(tx, evidenceId);
    if (!e) throw AppError.notFound('evidence', evidenceId);
    const locked = await lockForChange(ctx, tx, actor, e.pdcId);
    editable(locked.pdc);
    const latest = await latestActiveVersion(tx, evidenceId);
    if (!latest)
      throw new AppError('VERSION_NOT_IN_EDIT', 'Apply the evidence before recording a change of circumstance.', { field: 'evidenceId' });
    if (Temporal.PlainDate.compare(date(input.effectiveFrom), date(latest.periodStart)) <= 0) {
      throw new AppError(
        'END_BEFORE_START',
        `A change of circumstance starts after ${dateInWords(latest.periodStart)}; to fix a wrong value for the same period, correct it instead.`,
        { field: 'effectiveFrom', rule: 'Evidence versions: a change of circumstance starts later; a correction replaces' },
      );
    }
    const values = {
      subtype: input.subtype === undefined ? latest.subtype : input.subtype,
      personId: input.personId === undefined ? latest.personId : input.personId,
      amountCents: input.amountCents === undefined ? latest.amountCents : input.amountCents,
      start: date(input.effectiveFrom),
      end:
        input.periodEnd === undefined ? (latest.periodEnd ? date(latest.periodEnd) : null) : input.periodEnd ? date(input.periodEnd) : null,
    };
    validate(locked, e.type, values);
    const row = await insertEvidenceVersion(tx, {
      evidenceId,
      number: await nextVersionNumber(tx, evidenceId),
      kind: 'change',
      subtype: values.subtype,
      personId: values.personId,
      amountCents: values.amountCents,
      periodStart: input.effectiveFrom,
      periodEnd: values.end ? formatDate(values.end) : null,
      note: input.note ?? '',
      status: 'in-edit',
      approval: approvalFor(e.type),
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'evidence.change', recordType: 'pdc', recordId: e.pdcId, before: latest, after: row });
    return { evidenceId, versionId: row.id };
  });
}

export async function discardVersion(ctx: AppContext, actor: Actor, versionId: string, input: { version: number }) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    const { v, e } = await loadVersion(tx, versionId);
    await writePerson(ctx, actor, (await loadPdc(tx, e.pdcId)).personId, tx);
    if (v.status !== 'in-edit')
      throw new AppError('VERSION_NOT_IN_EDIT', 'Only an in-edit version can be discarded.', { field: 'versionId' });
    const after = expectUpdated(
      await updateEvidenceVersionVersioned(tx, versionId, input.version, { status: 'cancelled' }),
      'evidence version',
      versionId,
      input.version,
    );
    await recordAudit(tx, actor, {
      action: 'evidence.discard',
      recordType: 'pdc',
      recordId: e.pdcId,
      before: { status: v.status },
      after: { status: after.status, versionId },
    });
    return { versionId, status: after.status };
  });
}

/** "Apply changes": every in-edit version of the case becomes active together, then the case is reassessed. */
export async function applyChanges(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'evidence.write');
  return ctx.db.transaction(async (tx) => {
    // Lock this case and a coordinated partner's in id order (see changeTraining): no deadlock.
    const partner = await coordinatedPartner(tx, await loadPdc(tx, pdcId));
    for (const id of [pdcId, ...(partner ? [partner.id] : [])].sort()) await loadPdc(tx, id, { lock: true });
    const pdc = await loadPdc(tx, pdcId);
    await writePerson(ctx, actor, pdc.personId, tx);
    editable(pdc);
    // Every version of the case's evidence by number (each record's earlier versions come first).
    const rows = (await versionsOfCases(tx, [pdcId])).sort((a, b) => a.v.number - b.v.number);
    const inEdit = rows.filter((r) => r.v.status === 'in-edit');
    if (inEdit.length === 0)
      throw new AppError('NOTHING_TO_APPLY', 'There are no in-edit changes to apply.', {
        rule: 'Evidence statuses',
      });
    const now = timestamp(ctx.clock);
    for (const { v, type } of inEdit) {
      const earlier = rows.filter((r) => r.v.evidenceId === v.evidenceId && r.v.number < v.number).map((r) => toVersion(r.v, r.type));
      const superseded = supersededBy(toVersion(v, type), earlier);
      await applyVersion(tx, v.id, superseded, now, actor.userId);
      if (v.approval === 'pending') {
        const today = ctx.clock.today();
        await createTask(tx, actor, {
          kind: 'director-approval',
          title: `Approve or reject Director Approval evidence on ${pdc.reference}`,
          detail: `${evidenceType(type)?.label ?? type}: ${v.amountCents === null ? '' : `${formatMoney(cents(v.amountCents))} `}from ${dateInWords(v.periodStart)}. It counts only once approved.`,
          assigneeRole: 'learner-benefit-specialist',
          personId: pdc.personId,
          recordType: 'evidence_version',
          recordId: v.id,
          dueOn: formatDate(addDays(today, 5)),
          dedupeKey: `director-approval:${v.id}`,
        });
      }
    }
    await recordAudit(tx, actor, {
      action: 'evidence.apply',
      recordType: 'pdc',
      recordId: pdcId,
      after: { applied: inEdit.map((r) => r.v.id) },
    });
    return reassessHousehold(ctx, tx, actor, pdcId, `Evidence applied: ${inEdit.length} change${inEdit.length === 1 ? '' : 's'}`, {
      evidenceVersionIds: inEdit.map((r) => r.v.id),
    });
  });
}

/**
 * Separation of duties (docs/separation-of-duties.md): whoever entered the evidence, entered this
 * version of it (a correction or change) or applied it never decides it, whatever roles they hold.
 */
function assertIndependentApprover(
  actor: Actor,
  entry: { createdBy: string },
  version: { createdBy: string; appliedBy: string | null },
): void {
  if ([entry.createdBy, version.createdBy, version.appliedBy].includes(actor.userId)) {
    throw new AppError(
      'SEPARATION_OF_DUTIES',
      'You entered, changed or applied this evidence, so someone else must approve or reject it.',
      {
        field: 'versionId',
        rule: 'Waypoint separation of duties',
      },
    );
  }
}

/** A Learner Benefit Specialist approves or rejects Director Approval evidence; the case is reassessed. */
export async function decideApproval(
  ctx: AppContext,
  actor: Actor,
  versionId: string,
  input: { version: number; decision: 'approved' | 'rejected'; reason?: string | undefined },
) {
  authorize(actor, 'evidence.approve');
  if (input.decision === 'rejected' && !input.reason?.trim())
    throw new AppError('REQUIRED', 'Give the reason for rejecting.', { field: 'reason' });
  return ctx.db.transaction(async (tx) => {
    const { v, e } = await loadVersion(tx, versionId);
    await writePerson(ctx, actor, (await loadPdc(tx, e.pdcId, { lock: true })).personId, tx);
    if (v.approval !== 'pending' || v.status !== 'active')
      throw new AppError('APPROVAL_NOT_PENDING', 'This evidence is not waiting for approval.', { field: 'versionId' });
    assertIndependentApprover(actor, e, v);
    expectUpdated(
      await updateEvidenceVersionVersioned(tx, versionId, input.version, {
        approval: input.decision,
        approvalBy: actor.userId,
        approvalReason: input.reason ?? null,
      }),
      'evidence version',
      versionId,
      input.version,
    );
    await completeTasksFor(tx, actor, 'evidence_version', versionId, ['director-approval'], timestamp(ctx.clock));
    await recordAudit(tx, actor, {
      action: `evidence.${input.decision}`,
      recordType: 'pdc',
      recordId: e.pdcId,
      before: { approval: v.approval },
      after: { approval: input.decision, reason: input.reason ?? null },
    });
    return reassessHousehold(ctx, tx, actor, e.pdcId, `Director Approval ${input.decision}`, { evidenceVersionIds: [versionId] });
  });
}

/** The evidence of a case with every version (history stays readable). */
export async function listEvidence(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'benefits.read');
  await readPerson(ctx, actor, (await loadPdc(ctx.db, pdcId)).personId, 'evidence');
  const rows = await evidenceListing(ctx.db, pdcId);
  const records = new Map<string, { id: string; type: string; label: string; versions: unknown[] }>();
  for (const { v, e, by, personGiven, personFamily } of rows) {
    const record = records.get(e.id) ?? { id: e.id, type: e.type, label: evidenceType(e.type)?.label ?? e.type, versions: [] };
    record.versions.push({
      id: v.id,
      number: v.number,
      kind: v.kind,
      correctsVersionId: v.correctsVersionId,
      subtype: v.subtype,
      person: v.personId ? { id: v.personId, name: `${personGiven} ${personFamily}` } : null,
      amount: v.amountCents === null ? null : toDecimalString(cents(v.amountCents)),
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      note: v.note,
      status: v.status,
      approval: v.approval,
      approvalReason: v.approvalReason,
      createdBy: by,
      createdAt: v.createdAt.toISOString(),
      version: v.version,
    });
    records.set(e.id, record);
  }
  return [...records.values()];
}
