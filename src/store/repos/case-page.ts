/**
 * A case page's data (GET /api/pdcs/:id) in one statement: the reader's access facts for its
 * person (the caseload check), the case, its determination versions
 * with their authors and entitlement totals, the newest version's months, its payment differences,
 * and whether a live two-attending situation names it. One round trip instead of six, and one
 * snapshot: the months are always those of the newest version listed.
 */
import { executeNamed, type Queryable } from '../db.ts';
import { type AccessFactsRow, accessFactsQuery } from './access.ts';
import type { StoredMonth } from './determinations.ts';
import { LEARNER_PROGRAM } from './product-delivery-cases.ts';

/**
 * Parameters: $1 the reader (user), $2 the case, $3 now, $4 the learner program. `access` is the
 * reader's access facts for the case's person (accessFactsQuery), for the caseload check. Nested rows are built as JSON (json_build_object keeps the keys in the
 * order given); dates come out as 'YYYY-MM-DD' and timestamps as ISO 8601 text whatever the
 * session's DateStyle. The entitlement total is text, as the sum of a bigint is a numeric.
 */
const CASE_PAGE = `
  with access as (${accessFactsQuery('array[(select c.person_id from product_delivery_cases c where c.id = $2::uuid)]')})
  select
    (select row_to_json(a) from access a) as access,
    json_build_object(
      'id', p.id, 'reference', p.reference, 'status', p.status, 'personId', p.person_id,
      'trainingStart', p.training_start, 'trainingEnd', p.training_end, 'trainingLoad', p.training_load,
      'applicationReceivedOn', p.application_received_on, 'version', p.version
    ) as pdc,
    coalesce((
      select json_agg(json_build_object(
        'id', d.id, 'version', d.version, 'reason', d.reason, 'determinedOn', d.determined_on,
        'createdAt', d.created_at, 'by', u.display_name,
        'entitlementTotal', (select coalesce(sum(m.entitlement_cents), 0)::text from determination_months m where m.determination_id = d.id)
      ) order by d.version desc)
      from determinations d left join users u on u.id = d.created_by
      where d.pdc_id = p.id
    ), '[]'::json) as history,
    coalesce((
      select json_agg(json_build_object(
        'month', m.month, 'components', m.components, 'needsCents', m.needs_cents, 'resourcesCents', m.resources_cents,
        'entitlementCents', m.entitlement_cents, 'held', m.held, 'holdReason', m.hold_reason
      ) order by m.month)
      from determination_months m
      where m.determination_id = (select d.id from determinations d where d.pdc_id = p.id order by d.version desc limit 1)
    ), '[]'::json) as months,
    coalesce((
      select json_agg(json_build_object(
        'determinationId', x.determination_id, 'month', x.month, 'previousCents', x.previous_cents,
        'newCents', x.new_cents, 'differenceCents', x.difference_cents, 'kind', x.kind
      ) order by x.created_at, x.month)
      from payment_differences x
      where x.pdc_id = p.id
    ), '[]'::json) as differences,
    exists (
      select 1 from two_attending_situations s
      where s.status = 'detected' and (s.first_pdc_id = p.id or s.second_pdc_id = p.id)
    ) as held
  from product_delivery_cases p
  where p.id = $2::uuid`;

export interface CasePage {
  readonly pdc: {
    id: string;
    reference: string;
    status: string;
    personId: string;
    trainingStart: string | null;
    trainingEnd: string | null;
    trainingLoad: string | null;
    applicationReceivedOn: string | null;
    version: number;
  };
  /** Newest first. */
  readonly history: readonly {
    id: string;
    version: number;
    reason: string;
    determinedOn: string;
    createdAt: Date;
    by: string | null;
    /** Cents, as text. */
    entitlementTotal: string;
  }[];
  /** The newest version's months, in order. */
  readonly months: readonly StoredMonth[];
  /** In the order they were recorded. */
  readonly differences: readonly {
    determinationId: string;
    month: string;
    previousCents: number;
    newCents: number;
    differenceCents: number;
    kind: string;
  }[];
  /** A live detected two-attending situation names the case (its holds are then read with holdsShownOnCase, app/benefits/holds.ts). */
  readonly held: boolean;
  /** The reader's access facts for the case's person: the page leaves only once readPersonWithFacts allows it. */
  readonly access: AccessFactsRow | null;
}

type Raw = Omit<CasePage, 'history'> & { history: (Omit<CasePage['history'][number], 'createdAt'> & { createdAt: string })[] };

/** The case page's rows as `userId` may see them (once allowed), or null when there is no such case. */
export async function casePage(q: Queryable, pdcId: string, userId: string, now: Date): Promise<CasePage | null> {
  const [row] = await executeNamed<Raw>(q, 'waypoint_case_page', CASE_PAGE, [userId, pdcId, now.toISOString(), LEARNER_PROGRAM]);
  if (!row) return null;
  return { ...row, history: row.history.map((h) => ({ ...h, createdAt: new Date(h.createdAt) })) };
}
