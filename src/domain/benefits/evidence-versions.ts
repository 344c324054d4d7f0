/**
 * Evidence versions (docs/records-and-statuses.md "Records": "a correction replaces a wrong value for the same period;
 * a change of circumstance starts a new period. Nothing is deleted; superseded versions stay
 * readable"). Statuses: in edit -> active -> superseded / cancelled; a batch of in-edit changes is
 * applied together ("apply changes").
 *
 * `resolveEvidence` turns a record's active versions into the pieces in force, each with its period:
 * - original: the first value, for its period;
 * - correction: replaces the value it corrects, for the same period (as if it had been right all
 *   along: every month of that period is reassessed);
 * - change of circumstance: from its start date; the value before it stays in force up to the day
 *   before (only months from the change are reassessed).
 */
import { addDays, compareDates, type Period } from '../calendar.ts';
import type { Money } from '../money.ts';
import type { Evidence } from './evidence.ts';

export type VersionKind = 'original' | 'correction' | 'change';
export type VersionStatus = 'in-edit' | 'active' | 'superseded' | 'cancelled';
export type ApprovalStatus = 'not-required' | 'pending' | 'approved' | 'rejected';

export interface EvidenceVersion {
  readonly id: string;
  readonly evidenceId: string;
  /** 1, 2, 3... in the order recorded. */
  readonly number: number;
  readonly kind: VersionKind;
  /** For a correction: the version it corrects. */
  readonly correctsVersionId: string | null;
  readonly type: string;
  readonly subtype: string | null;
  readonly personId: string | null;
  readonly amount: Money | null;
  readonly period: Period;
  readonly status: VersionStatus;
  readonly approval: ApprovalStatus;
}

/** The pieces of one evidence record in force, from its active (and superseded-by-change) versions. */
export function resolveEvidence(versions: readonly EvidenceVersion[]): Evidence[] {
  const applied = versions.filter((v) => v.status === 'active' || v.status === 'superseded').sort((a, b) => a.number - b.number);
  let pieces: EvidenceVersion[] = [];
  for (const v of applied) {
    if (v.kind === 'original') pieces = [v];
    else if (v.kind === 'correction') {
      // It replaces the value of what it corrects, for the time that version is still in force
      // (a later change of circumstance may have shortened or displaced it).
      const i = pieces.findIndex((p) => p.id === v.correctsVersionId);
      if (i >= 0) pieces[i] = { ...v, period: pieces[i]!.period };
    } else {
      // A change of circumstance ends what was in force the day before it starts.
      pieces = pieces
        .filter((p) => compareDates(p.period.start, v.period.start) < 0)
        .map((p) =>
          p.period.end === null || compareDates(p.period.end, v.period.start) >= 0
            ? { ...p, period: { start: p.period.start, end: addDays(v.period.start, -1) } }
            : p,
        );
      pieces.push(v);
    }
  }
  return pieces.map((p) => ({
    id: p.evidenceId,
    type: p.type,
    subtype: p.subtype,
    personId: p.personId,
    amount: p.amount,
    period: p.period,
    approved: p.approval === 'not-required' || p.approval === 'approved',
    label: `evidence ${p.evidenceId.slice(0, 8)}, version ${p.number} (${p.kind})`,
  }));
}

/**
 * What applying a version does to the ones before it: a correction supersedes the version it
 * corrects; a change of circumstance leaves earlier versions active for their (shortened) time.
 */
export function supersededBy(version: EvidenceVersion, earlier: readonly EvidenceVersion[]): string[] {
  if (version.kind !== 'correction') return [];
  return earlier.filter((e) => e.id === version.correctsVersionId && e.status === 'active').map((e) => e.id);
}
