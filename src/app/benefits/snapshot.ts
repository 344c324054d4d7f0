/**
 * Loads what the benefit rules need for a product delivery case: the learner's training, the
 * household month by month (from relationships), the evidence in force (resolved from its versions),
 * and the policy. With `includeInEdit`, in-edit versions count as if applied (the preview).
 */
import { Temporal } from 'temporal-polyfill';
import type { HouseholdSnapshot } from '../../domain/benefits/determine.ts';
import type { Evidence } from '../../domain/benefits/evidence.ts';
import { type EvidenceVersion, resolveEvidence } from '../../domain/benefits/evidence-versions.ts';
import type { Attendance } from '../../domain/benefits/household-month.ts';
import { type PlainYearMonth, storedDate } from '../../domain/calendar.ts';
import { cents } from '../../domain/money.ts';
import { householdsByMonth } from '../../domain/people/households-by-month.ts';
import type { Relationship } from '../../domain/people/relationships.ts';
import type { Queryable } from '../../store/db.ts';
import { type EvidenceVersionRow as VersionRow, versionsOfCases } from '../../store/repos/evidence.ts';
import { type PdcRow, pdcById } from '../../store/repos/product-delivery-cases.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { loadHouseholdRelationships } from '../person-view.ts';

export type { PdcRow };

export async function loadPdc(q: Queryable, pdcId: string, options: { lock?: boolean } = {}): Promise<PdcRow> {
  const row = await pdcById(q, pdcId, options);
  if (!row) throw AppError.notFound('product delivery case', pdcId);
  return row;
}

export function attendanceOf(pdc: PdcRow): Attendance {
  if (!pdc.trainingStart || !pdc.trainingEnd)
    throw new AppError('PDC_NOT_OPEN', 'This case has no training period to fund.', { field: 'pdcId' });
  return {
    personId: pdc.personId,
    training: { start: storedDate(pdc.trainingStart), end: storedDate(pdc.trainingEnd) },
    load: pdc.trainingLoad === 'part-time' ? 'part-time' : 'full-time',
  };
}

export function toVersion(row: VersionRow, type: string, asIfApplied = false): EvidenceVersion {
  return {
    id: row.id,
    evidenceId: row.evidenceId,
    number: row.number,
    kind: row.kind as EvidenceVersion['kind'],
    correctsVersionId: row.correctsVersionId,
    type,
    subtype: row.subtype,
    personId: row.personId,
    amount: row.amountCents === null ? null : cents(row.amountCents),
    period: { start: Temporal.PlainDate.from(row.periodStart), end: row.periodEnd ? Temporal.PlainDate.from(row.periodEnd) : null },
    status: asIfApplied && row.status === 'in-edit' ? 'active' : (row.status as EvidenceVersion['status']),
    approval: row.approval as EvidenceVersion['approval'],
  };
}

/** A version of evidence as read with its record's type and case. */
export type EvidenceRow = { v: VersionRow; type: string; pdcId: string };

/** The versions of the evidence on these cases, in record and version order. */
export const loadEvidenceRows: (q: Queryable, pdcIds: readonly string[]) => Promise<EvidenceRow[]> = versionsOfCases;

/**
 * The evidence in force on these cases, resolved from the versions of each record. `learnerOf`
 * names the learner of each case, so that each piece knows the case it was entered on (`caseOf`:
 * whose household evidence naming nobody belongs to when two learners are two households).
 */
export async function loadEvidence(
  q: Queryable,
  pdcIds: readonly string[],
  includeInEdit: boolean,
  learnerOf: ReadonlyMap<string, string> = new Map(),
): Promise<Evidence[]> {
  return evidenceFrom(await loadEvidenceRows(q, pdcIds), includeInEdit, learnerOf);
}

/** `loadEvidence` from versions already read (in record and version order). */
export function evidenceFrom(rows: readonly EvidenceRow[], includeInEdit: boolean, learnerOf: ReadonlyMap<string, string>): Evidence[] {
  const byRecord = new Map<string, EvidenceVersion[]>();
  const caseOfRecord = new Map<string, string | null>();
  for (const { v, type, pdcId } of rows) {
    const version = toVersion(v, type, includeInEdit);
    // In a preview, an in-edit correction supersedes what it corrects.
    byRecord.set(v.evidenceId, [...(byRecord.get(v.evidenceId) ?? []), version]);
    caseOfRecord.set(v.evidenceId, learnerOf.get(pdcId) ?? null);
  }
  return [...byRecord.entries()].flatMap(([id, versions]) =>
    resolveEvidence(versions).map((e) => ({ ...e, caseOf: caseOfRecord.get(id) ?? null })),
  );
}

export type CaseSnapshot = Omit<HouseholdSnapshot, 'rates' | 'rules'>;

/** The household snapshot for one learner's case (two-attending coordination adds the partner). */
export async function pdcSnapshot(
  _ctx: AppContext,
  q: Queryable,
  pdc: PdcRow,
  options: { includeInEdit?: boolean; partner?: PdcRow | null } = {},
): Promise<CaseSnapshot> {
  const partner = options.partner ?? null;
  const relationships = await loadHouseholdRelationships(q, pdc.personId);
  const evidenceRows = await loadEvidenceRows(q, [pdc.id, ...(partner ? [partner.id] : [])]);
  return snapshotFrom(pdc, partner, relationships, evidenceRows, options.includeInEdit ?? false);
}

/** `pdcSnapshot` from what was read: the learner's household relationships and the versions of the evidence on both cases. */
export function snapshotFrom(
  pdc: PdcRow,
  partner: PdcRow | null,
  relationships: readonly Relationship[],
  evidenceRows: readonly EvidenceRow[],
  includeInEdit: boolean,
): CaseSnapshot {
  const learners = [attendanceOf(pdc), ...(partner ? [attendanceOf(partner)] : [])];
  const partnerId = partner?.personId ?? null;
  // householdInMonth, worked out once per set of relationships touching a month.
  const householdOf = householdsByMonth(relationships);
  return {
    learners,
    householdOf,
    partneredIn: (month: PlainYearMonth) => partnerId !== null && householdOf(pdc.personId, month).adults.includes(partnerId),
    evidence: evidenceFrom(
      evidenceRows,
      includeInEdit,
      new Map([[pdc.id, pdc.personId], ...(partner ? [[partner.id, partner.personId] as const] : [])]),
    ),
  };
}
