/**
 * The read model of a person: registration status, current details and their history as explicit
 * from/to periods, relationships, household and cases, all "as of" a date. The rules come from the
 * domain (registrationStatus, timeline, householdAsOf); this module only loads and assembles.
 */
import { type Dated, formatDate, type PlainDate, storedDate, timeline } from '../domain/calendar.ts';
import { currentDetails, DETAIL_KINDS, type DetailHistory, type DetailKind, registrationStatus } from '../domain/people/registration.ts';
import { householdAsOf, type Relationship } from '../domain/people/relationships.ts';
import type { Queryable } from '../store/db.ts';
import { type PersonDetailRow as DetailRow, detailsOfPeople, type PersonRow, peopleByIds, personById } from '../store/repos/people.ts';
import { relationshipsAround } from '../store/repos/reassessment-batch.ts';
import {
  householdRelationshipsOf,
  householdRelationshipsQuery,
  partnershipsAround,
  type RelationshipRow,
  relationshipsOfPerson,
} from '../store/repos/relationships.ts';
import { loadCases } from './cases.ts';
import { AppError } from './errors.ts';

const date = (iso: string): PlainDate => storedDate(iso);

export function historyOf(rows: readonly DetailRow[]): DetailHistory {
  const history = Object.fromEntries(DETAIL_KINDS.map((k) => [k, [] as Dated<unknown>[]])) as Record<DetailKind, Dated<unknown>[]>;
  for (const row of rows) {
    history[row.kind as DetailKind]?.push({ effectiveFrom: date(row.effectiveFrom), recordedSeq: row.seq, value: row.value });
  }
  return history as unknown as DetailHistory;
}

export function toRelationship(
  row: Pick<RelationshipRow, 'id' | 'kind' | 'subtype' | 'personId' | 'relatedPersonId' | 'startDate' | 'endDate'>,
): Relationship {
  return {
    id: row.id,
    kind: row.kind as Relationship['kind'],
    subtype: row.subtype,
    personId: row.personId,
    relatedPersonId: row.relatedPersonId,
    period: { start: date(row.startDate), end: row.endDate ? date(row.endDate) : null },
  };
}

export interface PersonSummary {
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  registrationComplete: boolean;
}

/** Summaries of several people, with registration status as of `asOf`. */
export async function loadSummaries(q: Queryable, ids: readonly string[], asOf: PlainDate): Promise<Map<string, PersonSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await peopleByIds(q, ids);
  const details = await detailsOfPeople(q, ids);
  const byPerson = new Map<string, DetailRow[]>();
  for (const d of details) byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d]);
  return new Map(rows.map((row) => [row.id, summarise(row, byPerson.get(row.id) ?? [], asOf)]));
}

function summarise(row: PersonRow, details: readonly DetailRow[], asOf: PlainDate): PersonSummary {
  const current = currentDetails(historyOf(details), asOf);
  const registration = registrationStatus({
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: date(row.birthDate),
    current,
  });
  return {
    id: row.id,
    reference: row.reference,
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: row.birthDate,
    registrationComplete: registration.complete,
  };
}

/** Every relationship touching the person or anyone they were ever partnered with. */
export async function loadHouseholdRelationships(q: Queryable, personId: string): Promise<Relationship[]> {
  return (await householdRelationshipsOf(q, personId)).map(toRelationship);
}

/**
 * Only the spouse relationships of `loadHouseholdRelationships`, in its order: all that says who is
 * partnered, month by month (two-attending detection, `situationsAmong`); dependants are not read.
 */
export async function loadPartnerships(q: Queryable, personId: string): Promise<Relationship[]> {
  return (await householdRelationshipsQuery(q, personId, { spouseOnly: true })).map(toRelationship);
}

/**
 * `loadHouseholdRelationships` for many people at once (batch work), in two statements; the rows
 * indexed by person (and each turned into a Relationship once), so the cost grows with the rows.
 */
export function loadHouseholdRelationshipsMany(q: Queryable, personIds: readonly string[]): Promise<Map<string, Relationship[]>> {
  return householdsOf(personIds, (partnersOf) => relationshipsAround(q, personIds, partnersOf));
}

/** `loadPartnerships` for many people at once (the two-attending scan), in two statements. */
export function loadPartnershipsMany(q: Queryable, personIds: readonly string[]): Promise<Map<string, Relationship[]>> {
  return householdsOf(personIds, (partnersOf) => partnershipsAround(q, personIds, partnersOf));
}

/** Each person's relationships from one read of those touching any of them and those naming their partners as the related person. */
async function householdsOf(
  personIds: readonly string[],
  read: (partnersOf: (direct: readonly RelationshipRow[]) => string[]) => Promise<{ viaPartners: RelationshipRow[] }>,
): Promise<Map<string, Relationship[]>> {
  const partnersOf = (id: string, rows: readonly RelationshipRow[]) =>
    rows
      .filter((r) => r.kind === 'spouse' && (r.personId === id || r.relatedPersonId === id))
      .map((r) => (r.personId === id ? r.relatedPersonId : r.personId));
  const touching = new Map<string, RelationshipRow[]>();
  const add = (map: Map<string, RelationshipRow[]>, id: string, r: RelationshipRow) => {
    const list = map.get(id);
    if (list) list.push(r);
    else map.set(id, [r]);
  };
  const { viaPartners } = await read((rows) => {
    for (const r of rows) {
      add(touching, r.personId, r);
      if (r.relatedPersonId !== r.personId) add(touching, r.relatedPersonId, r);
    }
    return [...new Set(personIds.flatMap((id) => partnersOf(id, touching.get(id) ?? [])))];
  });
  const relatedTo = new Map<string, RelationshipRow[]>();
  for (const r of viaPartners) add(relatedTo, r.relatedPersonId, r);
  const position = new Map(viaPartners.map((r, i) => [r, i]));
  const converted = new Map<string, Relationship>();
  const relationship = (r: RelationshipRow) => {
    let out = converted.get(r.id);
    if (!out) converted.set(r.id, (out = toRelationship(r)));
    return out;
  };
  return new Map(
    personIds.map((id) => {
      const mine = touching.get(id) ?? [];
      const all = new Map(mine.map((r) => [r.id, r]));
      // In the order the statement gave them, as `loadHouseholdRelationships` has them.
      const via = [...new Set(partnersOf(id, mine))].flatMap((p) => relatedTo.get(p) ?? []);
      via.sort((a, b) => position.get(a)! - position.get(b)!);
      for (const r of via) if (!all.has(r.id)) all.set(r.id, r);
      return [id, [...all.values()].map(relationship)];
    }),
  );
}

export async function loadHousehold(q: Queryable, personId: string, asOf: PlainDate) {
  const household = householdAsOf(personId, await loadHouseholdRelationships(q, personId), asOf);
  const people = await loadSummaries(
    q,
    [household.personId, ...(household.partnerId ? [household.partnerId] : []), ...household.dependantIds],
    asOf,
  );
  return {
    asOf: formatDate(asOf),
    person: people.get(household.personId)!,
    partner: household.partnerId ? (people.get(household.partnerId) ?? null) : null,
    dependants: household.dependantIds.map((id) => people.get(id)!).filter(Boolean),
  };
}

export async function loadPersonView(q: Queryable, id: string, asOf: PlainDate) {
  const row = await personById(q, id);
  if (!row) throw AppError.notFound('person', id);
  const detailRows = await detailsOfPeople(q, [id]);
  const history = historyOf(detailRows);
  const current = currentDetails(history, asOf);
  const registration = registrationStatus({
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: date(row.birthDate),
    current,
  });
  const recordedAt = new Map(detailRows.map((d) => [d.seq, d.recordedAt.toISOString()]));
  const historyView = Object.fromEntries(
    DETAIL_KINDS.map((kind) => [
      kind,
      timeline(history[kind] as readonly Dated<unknown>[]).map((e) => ({
        from: formatDate(e.from),
        to: e.to ? formatDate(e.to) : null,
        value: e.value,
        recordedAt: recordedAt.get(e.recordedSeq) ?? null,
      })),
    ]),
  );

  const relationshipRows = await relationshipsOfPerson(q, id);
  const others = await loadSummaries(
    q,
    relationshipRows.map((r) => (r.personId === id ? r.relatedPersonId : r.personId)),
    asOf,
  );

  return {
    ...summarise(row, detailRows, asOf),
    version: row.version,
    asOf: formatDate(asOf),
    registration,
    current,
    history: historyView,
    relationships: relationshipRows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subtype: r.subtype,
      personId: r.personId,
      relatedPersonId: r.relatedPersonId,
      startDate: r.startDate,
      endDate: r.endDate,
      version: r.version,
      otherPerson: others.get(r.personId === id ? r.relatedPersonId : r.personId)!,
    })),
    household: await loadHousehold(q, id, asOf),
    cases: await loadCases(q, { personId: id }),
  };
}

export type PersonView = Awaited<ReturnType<typeof loadPersonView>>;
