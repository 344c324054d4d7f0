/**
 * The two-attending scan's work, set-based (E04 Trigger, docs/policy/e04-two-attending.md). One
 * statement predicts, for every pair of live learner cases of two partners (a spouse relationship at
 * any date), what the domain's rule (domain/two-attending/detection.ts `findSituations`) finds:
 * both full-time, the months both train while a relationship between the two touches the month,
 * the first learner the one whose training starts first (then the lower person id). It compares
 * that with the live situations and returns only the people around whom something is new, changed
 * or ended. The SQL only narrows: each person it returns is decided by the domain.
 *
 * Where the prediction could differ from the domain, the pair is always returned (`unsure`): when
 * either partner has a spouse relationship with someone else touching the months both train (the
 * domain then takes the latest partnership of the month, as seen from one of the two).
 */
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db.ts';

export type ScanReason = 'new' | 'changed' | 'ended' | 'unsure';

export interface ScanWork {
  readonly personId: string;
  readonly reason: ScanReason;
}

/**
 * Runs the statement with PostgreSQL's JIT compilation off: its many small expressions over a few
 * rows per pair cost more to compile (seconds at 100,000 people) than to run.
 */
async function withoutJit<T>(q: Queryable, f: (tx: Queryable) => Promise<T>): Promise<T> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return f(tx);
  });
}

/**
 * For the rest of the transaction (a scan chunk), plans its look-ups by lists of ids with the
 * indexes: with PostgreSQL's default `random_page_cost` (4, priced for spinning disks) a chunk's
 * hundreds of ids can look like a large enough share of the cases and relationships that the
 * planner reads the whole tables instead, for every chunk (seen at 300,000 people; at 1,000,000 the
 * default plans use the indexes already). 1.1 is the usual setting for data on SSD or in memory.
 */
export async function preferIndexLookups(tx: Queryable): Promise<void> {
  await tx.execute(sql`set local random_page_cost = 1.1`);
}

/** The pairs as the rule would find them now: `months` empty when it finds none. */
const predicted = (program: string) => sql`
  live as not materialized (
    select id, person_id, training_start, training_load,
           date_trunc('month', training_start)::date as m0, date_trunc('month', training_end)::date as m1
      from product_delivery_cases
     where program = ${program} and status in ('open', 'active') and training_start is not null and training_end is not null
  ), spouse as (
    select person_id as p, related_person_id as o, start_date, end_date from relationships where kind = 'spouse'
    union all
    select related_person_id, person_id, start_date, end_date from relationships where kind = 'spouse'
  ), pairs as (
    select distinct a.id as a_id, b.id as b_id, a.person_id as pa, b.person_id as pb, a.training_start as a_start, b.training_start as b_start,
           greatest(a.m0, b.m0) as o0, least(a.m1, b.m1) as o1
      from spouse s
      join live a on a.person_id = s.p
      join live b on b.person_id = s.o
     where a.id < b.id and a.m0 <= b.m1 and b.m0 <= a.m1
       and coalesce(a.training_load, '') <> 'part-time' and coalesce(b.training_load, '') <> 'part-time'
  ), predicted as (
    select p.pa, p.pb,
           case when (p.a_start, p.pa) <= (p.b_start, p.pb) then p.a_id else p.b_id end as first_pdc,
           least(p.a_id::text, p.b_id::text) || '|' || greatest(p.a_id::text, p.b_id::text) as pair_key,
           array(select to_char(m, 'YYYY-MM') from generate_series(p.o0, p.o1, interval '1 month') as m
                  where exists (select 1 from relationships r
                                 where r.kind = 'spouse' and ((r.person_id = p.pa and r.related_person_id = p.pb) or (r.person_id = p.pb and r.related_person_id = p.pa))
                                   and r.start_date < m + interval '1 month' and (r.end_date is null or r.end_date >= m))
                  order by 1) as months,
           exists (select 1 from relationships r
                    where r.kind = 'spouse' and (r.person_id in (p.pa, p.pb) or r.related_person_id in (p.pa, p.pb))
                      and not (r.person_id in (p.pa, p.pb) and r.related_person_id in (p.pa, p.pb))
                      and r.start_date < p.o1 + interval '1 month' and (r.end_date is null or r.end_date >= p.o0)) as unsure
      from pairs p
  ), situations as (
    select s.id, s.pair_key, s.first_pdc_id, s.months, f.person_id as fp, g.person_id as gp
      from two_attending_situations s
      join product_delivery_cases f on f.id = s.first_pdc_id
      join product_delivery_cases g on g.id = s.second_pdc_id
     where s.status in ('detected', 'coordinated')
  )`;

/**
 * The people the scan must decide, each with why: a pair the rule finds with no live situation
 * (new) or with other months or another first learner (changed), a live situation the rule no
 * longer finds (ended: both of its people), and every unsure pair. One person per new, changed or
 * unsure pair (the lower id: `detectAround` of either finds the pair).
 */
export async function scanWork(q: Queryable, program: string): Promise<ScanWork[]> {
  const rows = await withoutJit(q, async (tx) =>
    rowsOf<{ person_id: string; reason: ScanReason }>(
      await tx.execute(sql`
      with ${predicted(program)}
      select least(pa, pb)::text as person_id, 'unsure' as reason from predicted where unsure and cardinality(months) > 0
      union
      select least(f.pa, f.pb)::text, case when s.id is null then 'new' else 'changed' end
        from predicted f left join situations s on s.pair_key = f.pair_key
       where not f.unsure and cardinality(f.months) > 0 and (s.id is null or s.first_pdc_id <> f.first_pdc or s.months <> f.months)
      union
      select unnest(array[s.fp, s.gp])::text, 'ended'
        from situations s
       where not exists (select 1 from predicted f where f.pair_key = s.pair_key and cardinality(f.months) > 0 and not f.unsure)
      order by 1, 2`),
    ),
  );
  return rows.map((r) => ({ personId: r.person_id, reason: r.reason }));
}

export interface PredictedSituation {
  readonly pairKey: string;
  readonly firstPdcId: string;
  readonly months: readonly string[];
  readonly unsure: boolean;
}

/** Every pair the statement predicts a situation for (tests compare it with the domain). */
export async function predictedSituations(q: Queryable, program: string): Promise<PredictedSituation[]> {
  const rows = rowsOf<{ pair_key: string; first_pdc: string; months: string[]; unsure: boolean }>(
    await withoutJit(q, (tx) =>
      tx.execute(
        sql`with ${predicted(program)} select pair_key, first_pdc::text, months, unsure from predicted where cardinality(months) > 0 order by pair_key`,
      ),
    ),
  );
  return rows.map((r) => ({ pairKey: r.pair_key, firstPdcId: r.first_pdc, months: r.months, unsure: r.unsure }));
}
