/**
 * A household's evidence read once for the monthly rules (household-month.ts): each record with its
 * type looked up and its period as integer months, sorted and grouped as the rules read it, so the
 * per-month work is integer comparisons. The components each record gives rise to are kept on it
 * and reused while their amount and explanation stay the same.
 */
import { dateOrdinal, monthIndexOfOrdinal } from '../../calendar.ts';
import type { Money } from '../../money.ts';
import type { Component } from '../components.ts';
import { basisOf, evidenceType, type Evidence, type EvidenceTypeDef } from '../evidence.ts';
import { keysOf, type Composition, type CompositionKeys } from './rate-cache.ts';

export interface EvidenceRecord {
  readonly evidence: Evidence;
  readonly type: EvidenceTypeDef | undefined;
  /**
   * The months the record is in force in (has at least one day in): first..last month index. A
   * record whose period ends before it starts is in force in none (first is +Infinity).
   */
  readonly first: number;
  readonly last: number;
  /** dateOrdinal of the period's start and end (+Infinity when open-ended). */
  readonly startOrdinal: number;
  readonly endOrdinal: number;
  /** E04.01: whether two-attending months split it (given its subtype). */
  readonly splits: boolean;
  /** A lump sum spread over its months (a scholarship: basisOf is period-total). */
  readonly periodTotal: boolean;
  /** Core Shelter rate keys for its housing situation (shelter records with a subtype). */
  readonly shelterKeys: CompositionKeys | null;
  /** Components already built for it (see household-month.ts). */
  readonly cache: {
    need?: Component;
    inFull?: Component;
    exempt?: Component;
    /** Scholarship spread by the exemption applied, and the one for the exemptions asked last. */
    spreads?: Map<Money, Spread>;
    lastSpread?: { readonly exemptions: ReadonlyMap<string, Money>; readonly spread: Spread };
    shelter?: Map<Composition, Component>;
  };
}

/** A scholarship's countable part spread over its months (household-month.ts `resource`). */
export interface Spread {
  readonly shares: readonly Money[];
  readonly rule: string;
  /** The component for each share amount, and for each month (by offset from the first). */
  readonly byAmount: Map<Money, Component>;
  readonly byMonth: Component[];
}

export interface CompiledEvidence {
  /** Every record, in the order given. */
  readonly all: readonly EvidenceRecord[];
  /** Shelter records (approved or not), the latest to start first, then by id. */
  readonly shelters: readonly EvidenceRecord[];
  /** Facts the per-member benefits count (approved or not), in the order given. */
  readonly disability: readonly EvidenceRecord[];
  readonly specialDietNeed: readonly EvidenceRecord[];
  readonly babysitting: readonly EvidenceRecord[];
  /** Approved need evidence, in the order given. */
  readonly needs: readonly EvidenceRecord[];
  /** Approved resource evidence other than assets, in the order given. */
  readonly resources: readonly EvidenceRecord[];
  /** Approved assets, by id. */
  readonly assets: readonly EvidenceRecord[];
  /** Scholarships with an amount (approved or not), by start date, then by id. */
  readonly scholarships: readonly EvidenceRecord[];
  /** The liquid-asset component for each set of assets, core benefits and limit (household-month.ts). */
  readonly assetTests: Map<string, Component>;
}

export const inForceIn = (r: EvidenceRecord, index: number) => r.first <= index && index <= r.last;

function record(e: Evidence): EvidenceRecord {
  const type = evidenceType(e.type);
  const start = e.period.start;
  const end = e.period.end;
  const startOrdinal = dateOrdinal(start);
  const endOrdinal = end === null ? Infinity : dateOrdinal(end);
  const valid = endOrdinal >= startOrdinal;
  return {
    evidence: e,
    type,
    first: valid ? monthIndexOfOrdinal(startOrdinal) : Infinity,
    last: end === null ? Infinity : monthIndexOfOrdinal(endOrdinal),
    startOrdinal,
    endOrdinal,
    splits: type ? type.splitsWhenTwoAttend(e.subtype) : false,
    periodTotal: type !== undefined && basisOf(type, e.subtype) === 'period-total',
    shelterKeys: e.type === 'shelter' && e.subtype ? keysOf(`${e.subtype}: `) : null,
    cache: {},
  };
}

export function compileEvidence(evidence: readonly Evidence[]): CompiledEvidence {
  const all = evidence.map(record);
  const compiled = {
    all,
    shelters: [] as EvidenceRecord[],
    disability: [] as EvidenceRecord[],
    specialDietNeed: [] as EvidenceRecord[],
    babysitting: [] as EvidenceRecord[],
    needs: [] as EvidenceRecord[],
    resources: [] as EvidenceRecord[],
    assets: [] as EvidenceRecord[],
    scholarships: [] as EvidenceRecord[],
    assetTests: new Map<string, Component>(),
  };
  for (const r of all) {
    const e = r.evidence;
    if (e.type === 'shelter') compiled.shelters.push(r);
    else if (e.type === 'disability') compiled.disability.push(r);
    else if (e.type === 'special-diet-need') compiled.specialDietNeed.push(r);
    else if (e.type === 'child-care-need' && e.subtype === 'babysitting') compiled.babysitting.push(r);
    else if (e.type === 'income' && e.subtype === 'scholarship' && e.amount !== null) compiled.scholarships.push(r);
    if (!e.approved) continue;
    if (r.type?.role === 'need') compiled.needs.push(r);
    else if (r.type?.role === 'resource' && e.type !== 'assets') compiled.resources.push(r);
    if (e.type === 'assets') compiled.assets.push(r);
  }
  // In the month of a move, the home at the end of the month (the latest to start) decides.
  compiled.shelters.sort((a, b) => b.startOrdinal - a.startOrdinal || a.evidence.id.localeCompare(b.evidence.id));
  compiled.assets.sort((a, b) => a.evidence.id.localeCompare(b.evidence.id));
  compiled.scholarships.sort((a, b) => a.startOrdinal - b.startOrdinal || a.evidence.id.localeCompare(b.evidence.id));
  return compiled;
}
