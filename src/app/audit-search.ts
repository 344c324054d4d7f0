/**
 * The auditors' search of the audit trail (docs/audit-integrity.md): by actor, record reference,
 * person, action and date range, a page at a time; each event with its readable difference and the
 * references of the records it names. One record's trail (recordType and recordId) stays open to
 * supervisors as before; the whole trail is the auditors'. The people a page shows are access-logged.
 */
import { differences, idsIn, isId } from '../domain/audit/difference.ts';
import type { Refusal } from '../domain/refusal.ts';
import { type AuditSearchQuery, labelsOf, type RecordLabel, recordsWithReference, searchAuditEvents } from '../store/repos/audit-search.ts';
import { AUDIT_ACTIONS } from './audit-actions.ts';
import type { Actor, AppContext } from './context.ts';
import { dateRange } from './date-range.ts';
import { AppError } from './errors.ts';
import { authorize } from './permissions.ts';
import { readPeople, readPeopleShown } from './person-access.ts';

export const AUDIT_PAGE_MAX = 200;
/** The most events one CSV export holds; narrow the search for more. */
export const AUDIT_EXPORT_MAX = 10_000;
/** One record's trail without a page size: the whole of it, up to this many (the earlier behaviour). */
const RECORD_TRAIL_MAX = 1000;

export interface AuditSearch {
  readonly recordType?: string | undefined;
  readonly recordId?: string | undefined;
  /** A record's reference: a person's (P-000009), a case's, a plan's or a benefit case's. */
  readonly reference?: string | undefined;
  /** A person's reference or id: their record's events and those of records that name them. */
  readonly person?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly order?: 'oldest' | 'newest' | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: number | undefined;
}

/** Checks who may search, and turns references into ids; null when a reference names nothing. */
async function queryOf(ctx: AppContext, actor: Actor, search: AuditSearch): Promise<AuditSearchQuery | null> {
  if (search.recordId === undefined) authorize(actor, 'audit.search');
  else {
    authorize(actor, 'audit.read');
    // A person's audit trail is their data: read like the person (docs/access-control.md), and logged;
    // asked for by the person's id without a recordType too, which finds the same events.
    const personTrail =
      search.recordType === 'person' ||
      (search.recordType === undefined &&
        isId(search.recordId) &&
        (await labelsOf(ctx.db, [search.recordId])).some((label) => label.kind === 'person'));
    if (personTrail) {
      if (!isId(search.recordId)) throw AppError.notFound('person', search.recordId);
      await readPeople(ctx, actor, [search.recordId], 'audit');
    }
  }
  const range = dateRange(search.from, search.to, 'Waypoint audit search');
  let recordIds = search.recordId === undefined ? undefined : [search.recordId];
  if (search.reference) {
    const found = (await recordsWithReference(ctx.db, search.reference.trim().toUpperCase())).map((r) => r.id);
    recordIds = recordIds ? recordIds.filter((id) => found.includes(id)) : found;
  }
  let personIds: string[] | undefined;
  if (search.person) {
    const text = search.person.trim();
    personIds = isId(text)
      ? [text.toLowerCase()]
      : (await recordsWithReference(ctx.db, text.toUpperCase())).filter((r) => r.kind === 'person').map((r) => r.id);
  }
  if (recordIds?.length === 0 || personIds?.length === 0) return null;
  return {
    recordType: search.recordType,
    recordIds,
    personIds,
    actor: search.actor?.trim() || undefined,
    action: actionFilter(search.action),
    ...range,
    order: search.order ?? (search.recordId === undefined ? 'newest' : 'oldest'),
    cursor: search.cursor,
  };
}

/** A catalogued action's code finds that action only; any other text, every action whose code contains it (a group: `plan.`). */
function actionFilter(text: string | undefined): AuditSearchQuery['action'] {
  const action = text?.trim();
  if (!action) return undefined;
  return Object.hasOwn(AUDIT_ACTIONS, action) ? { exactly: action } : { containing: action };
}

type EventRow = Awaited<ReturnType<typeof searchAuditEvents>>[number];

/**
 * The page's events with their labels and differences. The people it shows (other than the person
 * whose trail was asked for, already read) are access-logged, and an event that names a person the
 * reader may not read (an auditor: above their clearance; a supervisor reading one record's trail:
 * also outside their caseload, office or team) keeps only its sequence, time, author, action and
 * record id: its record's label, values and changes are withheld, with the reason
 * (docs/access-control.md "Who sees whom"). The rest of the page is shown.
 */
async function describe(ctx: AppContext, actor: Actor, search: AuditSearch, rows: readonly EventRow[]) {
  const idsOf = (r: EventRow) => {
    const ids = new Set<string>();
    if (isId(r.recordId)) ids.add(r.recordId.toLowerCase());
    idsIn(r.before, ids);
    idsIn(r.after, ids);
    return ids;
  };
  const ids = new Set(rows.flatMap((r) => [...idsOf(r)]));
  const labels = new Map<string, RecordLabel>((await labelsOf(ctx.db, [...ids])).map((l) => [l.id, l]));
  const people = [...labels.values()].filter((l) => l.kind === 'person' && l.id !== search.recordId).map((l) => l.id);
  const refused = people.length ? await readPeopleShown(ctx, actor, people, 'audit') : new Map<string, Refusal>();
  const labelOf = (id: string) => labels.get(id.toLowerCase())?.label;
  return rows.map((r) => {
    const event = {
      seq: r.seq,
      at: r.at.toISOString(),
      actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? '' } : null,
      action: r.action,
      recordType: r.recordType,
      recordId: r.recordId,
    };
    const withheldFor = refused.size ? [...idsOf(r)].map((id) => refused.get(id)).find((x) => x !== undefined) : undefined;
    if (withheldFor)
      return {
        ...event,
        recordLabel: null,
        before: null,
        after: null,
        changes: [],
        withheld: { code: withheldFor.code, detail: `Its details are withheld. It names a person you may not read: ${withheldFor.detail}` },
      };
    return {
      ...event,
      recordLabel: labelOf(r.recordId) ?? null,
      before: r.before,
      after: r.after,
      changes: differences(r.before, r.after, labelOf),
    };
  });
}

/** One page of events; without `limit`, one record's whole trail (up to 1000) as before. */
export async function searchAudit(ctx: AppContext, actor: Actor, search: AuditSearch) {
  const query = await queryOf(ctx, actor, search);
  const limit = Math.min(Math.max(search.limit ?? (search.recordId === undefined ? 50 : RECORD_TRAIL_MAX), 1), RECORD_TRAIL_MAX);
  const rows = query ? await searchAuditEvents(ctx.db, query, limit + 1) : [];
  const page = rows.slice(0, limit);
  return {
    events: await describe(ctx, actor, search, page),
    page: { limit, more: rows.length > limit, nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null },
  };
}

export type DescribedEvent = Awaited<ReturnType<typeof describe>>[number];

/**
 * Every event of a search (up to AUDIT_EXPORT_MAX), a page of 500 at a time, for a CSV export.
 * The permission is checked before the first row is produced.
 */
export async function exportAudit(ctx: AppContext, actor: Actor, search: AuditSearch): Promise<AsyncIterable<DescribedEvent>> {
  const query = await queryOf(ctx, actor, search);
  return (async function* pages() {
    if (!query) return;
    let cursor = query.cursor;
    let left = AUDIT_EXPORT_MAX;
    while (left > 0) {
      const rows = await searchAuditEvents(ctx.db, { ...query, cursor }, Math.min(500, left));
      if (rows.length === 0) return;
      yield* await describe(ctx, actor, search, rows);
      left -= rows.length;
      cursor = rows[rows.length - 1]!.seq;
    }
  })();
}
