/**
 * What a change to a learner case's evidence reads before it writes, in one round trip
 * (store/pipeline.ts): the case row, locked for the rest of the transaction; the actor's access
 * facts for the case's person (the same `accessFactsQuery` as every access check); and the
 * relationships that make up the person's household (those touching them and their partners', as
 * `householdRelationshipsOf` reads them). Three statements, run in this order, each with its own
 * snapshot: when the lock has to wait, the facts and the household are read after it is granted and
 * see what the transaction that held it committed, as when they were three round trips.
 *
 * Adding evidence reads the writer's session in the same round trip (`lockPdcWithSessionWriteFacts`:
 * four statements, the session's account first, and the case locked only for a session that may
 * write evidence), instead of the session hook's round trip before it.
 */
import type { Queryable } from '../db.ts';
import { executeNamedPipelined } from '../pipeline.ts';
import { type AccessFactsRow, accessFactsQuery } from './access.ts';
import { LEARNER_PROGRAM, type PdcRow } from './product-delivery-cases.ts';
import type { RelationshipRow } from './relationships.ts';
import { LIVE_SESSION_SQL } from './users.ts';

const PDC_FOR_UPDATE = `
  select id, reference, case_id, person_id, program, status, plan_item_id, coordinator_id, training_start, training_end,
    training_load, application_received_on, low_literacy, created_at, version
  from product_delivery_cases where id = $1::uuid for update`;

const PERSON_OF_PDC = 'array(select d.person_id from product_delivery_cases d where d.id = $2::uuid)';

/** $2: the case; its person's facts ($1 the user, $3 now, $4 the learner program). */
const FACTS_OF_PDC_PERSON = accessFactsQuery(PERSON_OF_PDC);

/**
 * The session behind a token hash ($1) at $2 (now), as `userOfLiveSession` (store/repos/users.ts)
 * finds it: not revoked, not expired, its account active; the account's fields a request's session
 * needs (app/users.ts `sessionOf`).
 */
const LIVE_SESSION_USER = `
  select u.id, u.username, u.display_name, u.roles, u.must_change_password
  from sessions s join users u on u.id = s.user_id
  where ${LIVE_SESSION_SQL('$1', '$2')}`;

/**
 * The case row ($1), locked, only when the session of token hash $2 at $3 (now) is one that may
 * change evidence: live as in LIVE_SESSION_USER, its account not held to changing a one-time
 * password first (src/http/password-gate.ts) and holding one of the roles $4. A request without
 * such a session takes no lock.
 */
const PDC_FOR_UPDATE_BY_WRITER = `
  select id, reference, case_id, person_id, program, status, plan_item_id, coordinator_id, training_start, training_end,
    training_load, application_received_on, low_literacy, created_at, version
  from product_delivery_cases
  where id = $1::uuid and exists (
    select 1 from sessions s join users u on u.id = s.user_id
    where ${LIVE_SESSION_SQL('$2', '$3')} and not u.must_change_password and u.roles && $4::text[])
  for update`;

/** As FACTS_OF_PDC_PERSON, for the user whose session has token hash $1. */
const FACTS_OF_PDC_PERSON_BY_TOKEN = accessFactsQuery(PERSON_OF_PDC, '(select s.user_id from sessions s where s.token_hash = $1)');

/**
 * The household relationships of the case's person (the case id is $1), in the order
 * `householdRelationshipsQuery` gives them: the person's own first, then by start date and id. The
 * person is an InitPlan, so each lookup is an index lookup (test/integration/household-lookup.test.ts).
 */
export const HOUSEHOLD_OF_PDC_PERSON = `
  with p as (select d.person_id as id from product_delivery_cases d where d.id = $1::uuid)
  select r.id, r.kind, r.subtype, r.person_id, r.related_person_id, r.start_date, r.end_date
  from relationships r
  where r.id in (
    select t.id from relationships t where t.person_id = (select id from p) or t.related_person_id = (select id from p)
    union
    select v.id from relationships v where v.related_person_id in (
      select case when s.person_id = (select id from p) then s.related_person_id else s.person_id end
      from relationships s
      where s.kind = 'spouse' and (s.person_id = (select id from p) or s.related_person_id = (select id from p))))
  order by case when r.person_id = (select id from p) or r.related_person_id = (select id from p) then 0 else 1 end, r.start_date, r.id`;

interface PdcDbRow {
  id: string;
  reference: string;
  case_id: string;
  person_id: string;
  program: string;
  status: string;
  plan_item_id: string | null;
  coordinator_id: string | null;
  training_start: string | null;
  training_end: string | null;
  training_load: string | null;
  application_received_on: string | null;
  low_literacy: boolean;
  created_at: string;
  version: number;
}

interface RelationshipDbRow {
  id: string;
  kind: string;
  subtype: string;
  person_id: string;
  related_person_id: string;
  start_date: string;
  end_date: string | null;
}

export type HouseholdRelationshipRow = Pick<
  RelationshipRow,
  'id' | 'kind' | 'subtype' | 'personId' | 'relatedPersonId' | 'startDate' | 'endDate'
>;

export interface PdcWriteFacts {
  /** The case, locked; undefined when there is none. */
  readonly pdc: PdcRow | undefined;
  /** The actor's access facts for the case's person (undefined without a case). */
  readonly facts: AccessFactsRow | undefined;
  readonly household: HouseholdRelationshipRow[];
}

const toPdc = (r: PdcDbRow): PdcRow => ({
  id: r.id,
  reference: r.reference,
  caseId: r.case_id,
  personId: r.person_id,
  program: r.program,
  status: r.status,
  planItemId: r.plan_item_id,
  coordinatorId: r.coordinator_id,
  trainingStart: r.training_start,
  trainingEnd: r.training_end,
  trainingLoad: r.training_load,
  applicationReceivedOn: r.application_received_on,
  lowLiteracy: r.low_literacy,
  createdAt: new Date(r.created_at),
  version: r.version,
});

const toWriteFacts = (pdcs: PdcDbRow[], facts: AccessFactsRow[], household: RelationshipDbRow[]): PdcWriteFacts => {
  const pdc = pdcs[0];
  return {
    pdc: pdc && toPdc(pdc),
    facts: pdc ? facts[0] : undefined,
    household: household.map((r) => ({
      id: r.id,
      kind: r.kind,
      subtype: r.subtype,
      personId: r.person_id,
      relatedPersonId: r.related_person_id,
      startDate: r.start_date,
      endDate: r.end_date,
    })),
  };
};

/** Locks the case and reads the actor's access facts and the household for a change to its evidence (`now`: for break-glass grants). */
export async function lockPdcWithWriteFacts(q: Queryable, pdcId: string, userId: string, now: Date): Promise<PdcWriteFacts> {
  const [pdcs, facts, household] = (await executeNamedPipelined(q, [
    { name: 'waypoint_pdc_for_update', text: PDC_FOR_UPDATE, params: [pdcId] },
    { name: 'waypoint_access_facts_of_pdc', text: FACTS_OF_PDC_PERSON, params: [userId, pdcId, now.toISOString(), LEARNER_PROGRAM] },
    { name: 'waypoint_household_of_pdc', text: HOUSEHOLD_OF_PDC_PERSON, params: [pdcId] },
  ])) as [PdcDbRow[], AccessFactsRow[], RelationshipDbRow[]];
  return toWriteFacts(pdcs, facts, household);
}

/** The account behind a live session, as much of it as a request's session needs. */
export interface SessionUserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: string[];
  readonly mustChangePassword: boolean;
}

/**
 * `lockPdcWithWriteFacts` for a writer known by their session's token hash, with the session
 * itself read first in the same round trip: the live session's account (undefined: none), then
 * the case, locked only for a session that may change evidence (one of `writerRoles`; see
 * PDC_FOR_UPDATE_BY_WRITER), then the facts of the token's user and the household. Each statement
 * has its own snapshot: a case missing here is missing, or the session changed between the first
 * two statements (the caller then checks again).
 */
export async function lockPdcWithSessionWriteFacts(
  q: Queryable,
  tokenHash: string,
  pdcId: string,
  now: Date,
  writerRoles: readonly string[],
): Promise<PdcWriteFacts & { readonly user: SessionUserRow | undefined }> {
  const at = now.toISOString();
  const [users, pdcs, facts, household] = (await executeNamedPipelined(q, [
    { name: 'waypoint_live_session_user', text: LIVE_SESSION_USER, params: [tokenHash, at] },
    { name: 'waypoint_pdc_for_update_by_writer', text: PDC_FOR_UPDATE_BY_WRITER, params: [pdcId, tokenHash, at, [...writerRoles]] },
    { name: 'waypoint_access_facts_of_pdc_by_token', text: FACTS_OF_PDC_PERSON_BY_TOKEN, params: [tokenHash, pdcId, at, LEARNER_PROGRAM] },
    { name: 'waypoint_household_of_pdc', text: HOUSEHOLD_OF_PDC_PERSON, params: [pdcId] },
  ])) as [SessionUserDbRow[], PdcDbRow[], AccessFactsRow[], RelationshipDbRow[]];
  const u = users[0];
  return {
    user: u && { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, mustChangePassword: u.must_change_password },
    ...toWriteFacts(pdcs, facts, household),
  };
}

interface SessionUserDbRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  must_change_password: boolean;
}
