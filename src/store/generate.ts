/**
 * A synthetic population (issue 7, "Synthetic population"): households of one or two adults and
 * their children, relationships, integrated cases with completed assessments, and for learners an
 * accepted service plan with a training item funded by a learner income support case (PDC) with
 * its evidence. About one couple in ten are both learners with overlapping training (E04).
 *
 * Deterministic: the same seed and size give the same people, ids and amounts (a seeded PRNG; ids
 * are drawn from it too). The model (`populationModel`) is plain data, so benchmarks can use the
 * same population in memory; `generatePopulation` writes it with multi-row INSERTs, one
 * transaction per chunk of households, on PGlite and PostgreSQL alike. Nothing goes through the use
 * cases and nothing is audited: this is a bulk load, created by a system user.
 */
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from './db.ts';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** sfc32, seeded through splitmix32: small, fast, and good enough for synthetic data. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** A version-4-shaped uuid from four 32-bit draws. */
function uuidFrom(next: () => number): string {
  const hex = (bits: number) => (Math.floor(next() * 2 ** bits) + 2 ** bits).toString(16).slice(1);
  const a = hex(32);
  const b = hex(32);
  const c = hex(32);
  const d = hex(32);
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (UTC), formatted ISO

const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;
const isoCache = new Map<number, string>();
const iso = (day: number) => {
  let s = isoCache.get(day);
  if (s === undefined) isoCache.set(day, (s = new Date(day * DAY).toISOString().slice(0, 10)));
  return s;
};
/** The same day of the month `months` later (day at most 28 in this model, so it always exists). */
const addMonths = (y: number, m: number, months: number) => {
  const t = y * 12 + (m - 1) + months;
  return { y: Math.floor(t / 12), m: (t % 12) + 1 };
};

// ---------------------------------------------------------------------------------------------
// The model

export interface GenPerson {
  readonly id: string;
  /** 1, 2, 3... in the order generated; the writer adds the reference sequence's base. */
  readonly seq: number;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly adult: boolean;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface GenRelationship {
  readonly id: string;
  readonly kind: 'spouse' | 'dependant';
  readonly subtype: string;
  readonly personId: string;
  readonly relatedPersonId: string;
  readonly startDate: string;
}

export interface GenEvidence {
  readonly id: string;
  readonly versionId: string;
  readonly type: string;
  readonly subtype: string | null;
  readonly personId: string | null;
  readonly amountCents: number | null;
  readonly periodStart: string;
  readonly periodEnd: string | null;
}

export interface GenCase {
  readonly personId: string;
  readonly caseId: string;
  readonly caseSeq: number;
  readonly assessmentId: string;
  readonly openedOn: string;
  readonly completedOn: string;
  readonly needs: readonly string[];
  readonly primaryNeed: string;
  /** Learners only: the plan, its training item and the PDC that funds it. */
  readonly learner: GenLearner | null;
}

export interface GenLearner {
  readonly planId: string;
  readonly planSeq: number;
  readonly subGoalId: string;
  readonly itemId: string;
  readonly itemType: string;
  readonly pdcId: string;
  readonly pdcSeq: number;
  readonly planCreatedOn: string;
  readonly acceptedOn: string;
  readonly acceptanceMethod: 'signed' | 'verbal' | 'electronic';
  readonly trainingStart: string;
  readonly trainingEnd: string;
  readonly load: 'full-time' | 'part-time';
  readonly evidence: readonly GenEvidence[];
}

export interface GenHousehold {
  readonly index: number;
  readonly people: readonly GenPerson[];
  readonly adults: readonly GenPerson[];
  readonly children: readonly GenPerson[];
  readonly address: { line1: string; city: string; province: 'AB'; postalCode: string };
  readonly registeredOn: string;
  readonly relationships: readonly GenRelationship[];
  readonly cases: readonly GenCase[];
  /** Both partners are learners with overlapping training (E04). */
  readonly twoAttending: boolean;
}

const GIVEN = [
  'Ada',
  'Ben',
  'Carmen',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kateri',
  'Liam',
  'Maria',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Samir',
  'Tanya',
  'Uma',
  'Victor',
  'Wen',
  'Xavier',
  'Yara',
  'Zoe',
  'Amir',
  'Bianca',
  'Chen',
  'Dara',
  'Emeka',
  'Fatima',
  'Gustavo',
  'Hana',
  'Ivan',
  'Julia',
  'Kofi',
  'Leila',
  'Mateo',
  'Nadia',
];
const FAMILY = [
  'Santos',
  'Tremblay',
  'Nguyen',
  'Whitehorse',
  'Novak',
  'Haddad',
  'Moreau',
  'Okonkwo',
  'Rahimi',
  'Laurent',
  'Duarte',
  'Park',
  'Sato',
  'Chen',
  'Singh',
  'Martin',
  'Roy',
  'Gagnon',
  'Lee',
  'Wilson',
  'Brown',
  'Cardinal',
  'Morin',
  'Kowalski',
  'Ali',
  'Kim',
  'Patel',
  'Dubois',
  'Ramirez',
  'Yellowbird',
  'Ivanov',
  'Fraser',
  'Campbell',
  'Osei',
  'Bergeron',
  'Schmidt',
  'Tanaka',
  'Hassan',
  'Lopez',
  'Young',
];
const STREETS = [
  '104 Street NW',
  'Jasper Avenue',
  '82 Avenue',
  'Whyte Avenue',
  'Macleod Trail',
  '17 Avenue SW',
  'Gaetz Avenue',
  'Mayor Magrath Drive',
  'Franklin Avenue',
  '100 Street',
];
const CITIES = [
  { city: 'Edmonton', postal: 'T5J' },
  { city: 'Calgary', postal: 'T2P' },
  { city: 'Red Deer', postal: 'T4N' },
  { city: 'Lethbridge', postal: 'T1J' },
  { city: 'Fort McMurray', postal: 'T9H' },
  { city: 'Grande Prairie', postal: 'T8V' },
];
const TRAINING_ITEMS = [
  'academic-upgrading',
  'occupational-skills-training',
  'english-language-learning',
  'apprenticeship-technical-training',
];
const OTHER_NEEDS = ['employment', 'job-search', 'career-planning'];

export interface PopulationOptions {
  readonly people: number;
  readonly seed: number;
}

/**
 * The population, household by household, until exactly `people` people exist (the last
 * household is trimmed). Shares: 38% single adults, 14% single parents, 20% couples, 28% couples
 * with children; a third of single adults and of one partner in three couples are learners; one
 * couple in ten are both learners with overlapping training.
 */
export function* populationModel(options: PopulationOptions): Generator<GenHousehold> {
  const r = prng(options.seed);
  const ids = prng(options.seed ^ 0x5bd1e995);
  const uuid = () => uuidFrom(ids);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const amount = (lo: number, hi: number, step = 100) => int(lo / step, hi / step) * step;
  let personSeq = 0;
  let caseSeq = 0;
  let planSeq = 0;
  let pdcSeq = 0;
  let made = 0;

  const person = (familyName: string, adult: boolean): GenPerson => {
    personSeq += 1;
    const y = adult ? int(1962, 2004) : int(2009, 2024);
    const givenName = pick(GIVEN);
    const phone = adult && chance(0.85) ? `780-555-${String(int(0, 9999)).padStart(4, '0')}` : null;
    const email = adult && chance(0.6) ? `${givenName.toLowerCase()}.${familyName.toLowerCase()}${personSeq}@example.ca` : null;
    return { id: uuid(), seq: personSeq, givenName, familyName, birthDate: iso(dayOf(y, int(1, 12), int(1, 28))), adult, phone, email };
  };

  /** A training period within 2025-2027: starts 2025-01..2026-12 (any day to the 28th), 6-16 months long. */
  const training = (earliest?: { y: number; m: number }) => {
    const start = earliest ? addMonths(earliest.y, earliest.m, int(0, 4)) : addMonths(2025, 1, int(0, 23));
    const startDay = int(1, 28);
    let end = addMonths(start.y, start.m, int(6, 16));
    if (end.y > 2027) end = { y: 2027, m: 12 };
    return { start, startIso: iso(dayOf(start.y, start.m, startDay)), endIso: iso(dayOf(end.y, end.m, int(1, 28))) };
  };

  const learnerCase = (
    p: GenPerson,
    h: { adults: readonly GenPerson[]; children: readonly GenPerson[] },
    period: ReturnType<typeof training>,
    householdEvidence: boolean,
    /** Two attending needs two full-time learners (docs/policy/e04-two-attending.md): a two-attending couple's cases are full-time. */
    fullTime = false,
  ): GenCase => {
    const startDay = dayOf(period.start.y, period.start.m, 1);
    const opened = startDay - int(60, 150);
    const completed = opened + int(7, 21);
    const accepted = completed + int(0, 10);
    caseSeq += 1;
    planSeq += 1;
    pdcSeq += 1;
    const caseId = uuid();
    const pdcId = uuid();
    const evidence: GenEvidence[] = [];
    const add = (
      type: string,
      subtype: string | null,
      personId: string | null,
      amountCents: number | null,
      periodStart: string,
      periodEnd: string | null,
    ) => evidence.push({ id: uuid(), versionId: uuid(), type, subtype, personId, amountCents, periodStart, periodEnd });
    const firstOfMonth = iso(startDay);
    const partner = h.adults.find((a) => a.id !== p.id) ?? null;
    if (householdEvidence) {
      const shelter = r();
      add(
        'shelter',
        shelter < 0.6 ? 'renting' : shelter < 0.85 ? 'homeowner' : 'boarding',
        null,
        amount(60_000, 220_000),
        firstOfMonth,
        null,
      );
      if (h.children.length > 0 && chance(0.5)) add('child-care', null, null, amount(30_000, 90_000), firstOfMonth, period.endIso);
      if (chance(0.2)) add('assets', null, null, amount(100_000, 6_000_000), period.startIso, null);
      if (partner && chance(0.5)) add('income', 'employment-earnings', partner.id, amount(80_000, 350_000), firstOfMonth, null);
      if (h.children.length > 0 && chance(0.1)) add('child-care-need', 'babysitting', h.children[0]!.id, null, firstOfMonth, null);
    }
    if (chance(0.3)) add('income', 'employment-earnings', p.id, amount(20_000, 150_000), firstOfMonth, period.endIso);
    if (chance(0.15)) add('income', 'scholarship', p.id, amount(100_000, 600_000), period.startIso, period.endIso);
    if (chance(0.1)) add('extraordinary-training-travel', 'public-transit', null, amount(5_000, 15_000, 500), firstOfMonth, period.endIso);
    if (chance(0.05)) add('disability', null, p.id, null, firstOfMonth, null);
    return {
      personId: p.id,
      caseId,
      caseSeq,
      assessmentId: uuid(),
      openedOn: iso(opened),
      completedOn: iso(completed),
      needs: chance(0.5) ? ['training', pick(OTHER_NEEDS)] : ['training'],
      primaryNeed: 'training',
      learner: {
        planId: uuid(),
        planSeq,
        subGoalId: uuid(),
        itemId: uuid(),
        itemType: pick(TRAINING_ITEMS),
        pdcId,
        pdcSeq,
        planCreatedOn: iso(completed),
        acceptedOn: iso(accepted),
        acceptanceMethod: pick(['signed', 'verbal', 'electronic'] as const),
        trainingStart: period.startIso,
        trainingEnd: period.endIso,
        // The draw is made either way, so the rest of the population is the same.
        load: chance(0.85) || fullTime ? 'full-time' : 'part-time',
        evidence,
      },
    };
  };

  const otherCase = (p: GenPerson): GenCase => {
    const opened = dayOf(2024, 1, 1) + int(0, 700);
    caseSeq += 1;
    const need = pick(OTHER_NEEDS);
    return {
      personId: p.id,
      caseId: uuid(),
      caseSeq,
      assessmentId: uuid(),
      openedOn: iso(opened),
      completedOn: iso(opened + int(7, 21)),
      needs: [need],
      primaryNeed: need,
      learner: null,
    };
  };

  for (let index = 0; made < options.people; index++) {
    const kind = r();
    const couple = kind >= 0.52;
    const withChildren = (kind >= 0.38 && kind < 0.52) || kind >= 0.72;
    const familyName = pick(FAMILY);
    const adults = [person(familyName, true), ...(couple ? [person(chance(0.7) ? familyName : pick(FAMILY), true)] : [])];
    const children = withChildren ? Array.from({ length: int(1, 3) }, () => person(familyName, false)) : [];
    let people = [...adults, ...children];
    if (made + people.length > options.people) people = people.slice(0, options.people - made);
    made += people.length;
    const kept = new Set(people.map((p) => p.id));
    const keptAdults = adults.filter((a) => kept.has(a.id));
    const keptChildren = children.filter((c) => kept.has(c.id));
    const where = pick(CITIES);
    const relationships: GenRelationship[] = [];
    if (keptAdults.length === 2) {
      relationships.push({
        id: uuid(),
        kind: 'spouse',
        subtype: pick(['married', 'common-law', 'adult-interdependent']),
        personId: keptAdults[0]!.id,
        relatedPersonId: keptAdults[1]!.id,
        startDate: iso(dayOf(int(2000, 2022), int(1, 12), int(1, 28))),
      });
    }
    for (const c of keptChildren)
      relationships.push({
        id: uuid(),
        kind: 'dependant',
        subtype: 'child',
        personId: c.id,
        relatedPersonId: keptAdults[0]!.id,
        startDate: c.birthDate,
      });
    const h = { adults: keptAdults, children: keptChildren };
    const cases: GenCase[] = [];
    let twoAttending = false;
    if (keptAdults.length === 2 && chance(0.1)) {
      twoAttending = true;
      const first = training();
      const second = training(first.start);
      cases.push(learnerCase(keptAdults[0]!, h, first, true, true), learnerCase(keptAdults[1]!, h, second, false, true));
    } else {
      const learner = keptAdults.length === 2 ? (chance(0.3) ? keptAdults[int(0, 1)]! : null) : chance(0.35) ? keptAdults[0]! : null;
      for (const a of keptAdults) {
        if (a === learner) cases.push(learnerCase(a, h, training(), true));
        else if (chance(0.6)) cases.push(otherCase(a));
      }
    }
    yield {
      index,
      people,
      adults: keptAdults,
      children: keptChildren,
      address: {
        line1: `${int(100, 19999)} ${pick(STREETS)}${chance(0.3) ? `, Unit ${int(1, 40)}` : ''}`,
        city: where.city,
        province: 'AB',
        postalCode: `${where.postal} ${int(1, 9)}${String.fromCharCode(65 + int(0, 25))}${int(1, 9)}`,
      },
      registeredOn: iso(dayOf(2024, 1, 1) + int(0, 364)),
      relationships,
      cases,
      twoAttending,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Writing it

const lit = (v: string | number | boolean | null): string => {
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `'${v.replaceAll("'", "''")}'`;
};
const textArray = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;
const jsonb = (v: unknown) => `${lit(JSON.stringify(v))}::jsonb`;

/** Rows for one table, flushed as multi-row INSERTs of at most `rowsPerStatement` rows. */
class TableRows {
  readonly rows: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}
  add(...values: string[]) {
    this.rows.push(`(${values.join(',')})`);
  }
  statements(rowsPerStatement: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.rows.length; i += rowsPerStatement) {
      out.push(`insert into ${this.table} (${this.columns.join(',')}) values ${this.rows.slice(i, i + rowsPerStatement).join(',')}`);
    }
    return out;
  }
}

export interface GenerateOptions extends PopulationOptions {
  /** Households per transaction (default 1000). */
  readonly householdsPerChunk?: number;
  /** Rows per INSERT statement (default 1000). */
  readonly rowsPerStatement?: number;
  /** Chunks written at once (default 2 on PostgreSQL, 1 on PGlite). */
  readonly concurrency?: number;
  readonly engine?: 'pglite' | 'postgres';
  readonly onProgress?: (peopleDone: number, peopleTotal: number) => void;
}

export interface GenerateSummary {
  readonly people: number;
  readonly households: number;
  readonly couples: number;
  readonly twoAttendingCouples: number;
  readonly learners: number;
  readonly integratedCases: number;
  readonly evidence: number;
  readonly rows: number;
  readonly ms: number;
  readonly systemUserId: string;
}

export const SYSTEM_USERNAME = 'waypoint.system';

/** The system user that bulk-loaded records name as their creator; inactive and unable to sign in. */
export async function systemUser(db: Db): Promise<string> {
  const found = rowsOf(await db.execute(sql`select id from users where username = ${SYSTEM_USERNAME}`));
  if (found[0]) return String(found[0].id);
  const made = rowsOf(
    await db.execute(
      sql`insert into users (username, display_name, roles, password_hash, active) values (${SYSTEM_USERNAME}, 'Waypoint (system)', '{}'::text[], '!', false)
          on conflict (username) do update set username = excluded.username returning id`,
    ),
  );
  return String(made[0]!.id);
}

/** Reserves `count` numbers after the sequence's current value; returns the first minus one. */
async function reserve(db: Db, sequence: string): Promise<number> {
  const [row] = rowsOf(await db.execute(sql.raw(`select nextval('${sequence}')::bigint as n`)));
  return Number(row!.n) - 1;
}
async function advance(db: Db, sequence: string, last: number) {
  if (last > 0) await db.execute(sql.raw(`select setval('${sequence}', greatest(${last}, (select last_value from ${sequence})))`));
}

const ref = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/** Writes the population; returns what it made. */
export async function generatePopulation(db: Db, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const creator = await systemUser(db);
  const by = lit(creator);
  const base = {
    person: await reserve(db, 'person_reference_seq'),
    integratedCase: await reserve(db, 'integrated_case_reference_seq'),
    plan: await reserve(db, 'service_plan_reference_seq'),
    pdc: await reserve(db, 'pdc_reference_seq'),
  };
  const perChunk = options.householdsPerChunk ?? 1000;
  const rowsPerStatement = options.rowsPerStatement ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? (options.engine === 'postgres' ? 2 : 1));
  const totals = { people: 0, households: 0, couples: 0, twoAttendingCouples: 0, learners: 0, integratedCases: 0, evidence: 0, rows: 0 };
  const last = { person: 0, integratedCase: 0, plan: 0, pdc: 0 };

  const tables = () => ({
    persons: new TableRows('persons', ['id', 'reference', 'given_name', 'family_name', 'birth_date', 'created_by']),
    details: new TableRows('person_details', ['person_id', 'kind', 'value', 'effective_from', 'recorded_by']),
    relationships: new TableRows('relationships', ['id', 'kind', 'subtype', 'person_id', 'related_person_id', 'start_date', 'created_by']),
    cases: new TableRows('integrated_cases', ['id', 'reference', 'person_id', 'status', 'opened_on']),
    assessments: new TableRows('assessments', [
      'id',
      'case_id',
      'status',
      'needs',
      'primary_need',
      'notes',
      'started_on',
      'completed_on',
      'assessor_id',
    ]),
    plans: new TableRows('service_plans', [
      'id',
      'reference',
      'case_id',
      'person_id',
      'assessment_id',
      'status',
      'primary_need',
      'goal',
      'created_by',
      'created_on',
      'accepted_on',
      'acceptance_method',
      'acceptance_recorded_by',
    ]),
    subGoals: new TableRows('sub_goals', ['id', 'plan_id', 'type', 'created_by']),
    items: new TableRows('plan_items', [
      'id',
      'plan_id',
      'sub_goal_id',
      'type',
      'description',
      'owner_id',
      'added_by',
      'expected_start',
      'expected_end',
    ]),
    pdcs: new TableRows('product_delivery_cases', [
      'id',
      'reference',
      'case_id',
      'person_id',
      'program',
      'status',
      'plan_item_id',
      'training_start',
      'training_end',
      'training_load',
    ]),
    evidence: new TableRows('evidence', ['id', 'pdc_id', 'type', 'created_by']),
    versions: new TableRows('evidence_versions', [
      'id',
      'evidence_id',
      'number',
      'kind',
      'subtype',
      'person_id',
      'amount_cents',
      'period_start',
      'period_end',
      'note',
      'status',
      'approval',
      'created_by',
      'applied_at',
      'applied_by',
    ]),
  });

  const write = async (t: ReturnType<typeof tables>) => {
    const statements = Object.values(t).flatMap((rows) => rows.statements(rowsPerStatement));
    if (statements.length === 0) return;
    await db.transaction(async (tx) => {
      for (const s of statements) await tx.execute(sql.raw(s));
    });
  };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const submit = async (t: ReturnType<typeof tables>, peopleDone: number) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
    const p: Promise<void> = write(t)
      .then(() => options.onProgress?.(peopleDone, options.people))
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  let t = tables();
  let inChunk = 0;
  for (const h of populationModel(options)) {
    const address = jsonb(h.address);
    const registeredOn = lit(h.registeredOn);
    totals.households += 1;
    totals.people += h.people.length;
    if (h.adults.length === 2) totals.couples += 1;
    if (h.twoAttending) totals.twoAttendingCouples += 1;
    for (const p of h.people) {
      last.person = p.seq;
      const id = lit(p.id);
      t.persons.add(id, lit(ref('P', base.person + p.seq)), lit(p.givenName), lit(p.familyName), lit(p.birthDate), by);
      t.details.add(id, "'address'", address, registeredOn, by);
      if (p.phone) t.details.add(id, "'phone'", jsonb(p.phone), registeredOn, by);
      if (p.email) t.details.add(id, "'email'", jsonb(p.email), registeredOn, by);
    }
    for (const rel of h.relationships)
      t.relationships.add(
        lit(rel.id),
        lit(rel.kind),
        lit(rel.subtype),
        lit(rel.personId),
        lit(rel.relatedPersonId),
        lit(rel.startDate),
        by,
      );
    for (const c of h.cases) {
      totals.integratedCases += 1;
      last.integratedCase = c.caseSeq;
      t.cases.add(lit(c.caseId), lit(ref('IC', base.integratedCase + c.caseSeq)), lit(c.personId), "'open'", lit(c.openedOn));
      t.assessments.add(
        lit(c.assessmentId),
        lit(c.caseId),
        "'completed'",
        textArray(c.needs),
        lit(c.primaryNeed),
        "'Generated assessment.'",
        lit(c.openedOn),
        lit(c.completedOn),
        by,
      );
      const l = c.learner;
      if (!l) continue;
      totals.learners += 1;
      last.plan = l.planSeq;
      last.pdc = l.pdcSeq;
      t.plans.add(
        lit(l.planId),
        lit(ref('SP', base.plan + l.planSeq)),
        lit(c.caseId),
        lit(c.personId),
        lit(c.assessmentId),
        "'active'",
        "'training'",
        "'Complete training for employment'",
        by,
        lit(l.planCreatedOn),
        lit(l.acceptedOn),
        lit(l.acceptanceMethod),
        by,
      );
      t.subGoals.add(lit(l.subGoalId), lit(l.planId), "'training'", by);
      t.items.add(lit(l.itemId), lit(l.planId), lit(l.subGoalId), lit(l.itemType), "''", by, by, lit(l.trainingStart), lit(l.trainingEnd));
      t.pdcs.add(
        lit(l.pdcId),
        lit(ref('PDC', base.pdc + l.pdcSeq)),
        lit(c.caseId),
        lit(c.personId),
        "'learner-income-support'",
        "'open'",
        lit(l.itemId),
        lit(l.trainingStart),
        lit(l.trainingEnd),
        lit(l.load),
      );
      for (const e of l.evidence) {
        totals.evidence += 1;
        t.evidence.add(lit(e.id), lit(l.pdcId), lit(e.type), by);
        t.versions.add(
          lit(e.versionId),
          lit(e.id),
          '1',
          "'original'",
          lit(e.subtype),
          lit(e.personId),
          lit(e.amountCents),
          lit(e.periodStart),
          lit(e.periodEnd),
          "''",
          "'active'",
          "'not-required'",
          by,
          lit(`${l.acceptedOn}T12:00:00Z`),
          by,
        );
      }
    }
    if (++inChunk >= perChunk) {
      totals.rows += Object.values(t).reduce((n, rows) => n + rows.rows.length, 0);
      await submit(t, totals.people);
      t = tables();
      inChunk = 0;
    }
  }
  totals.rows += Object.values(t).reduce((n, rows) => n + rows.rows.length, 0);
  await submit(t, totals.people);
  await Promise.all(inFlight);
  if (failure) throw failure;
  await advance(db, 'person_reference_seq', base.person + last.person);
  await advance(db, 'integrated_case_reference_seq', base.integratedCase + last.integratedCase);
  await advance(db, 'service_plan_reference_seq', base.plan + last.plan);
  await advance(db, 'pdc_reference_seq', base.pdc + last.pdc);
  return { ...totals, ms: Math.round(performance.now() - started), systemUserId: creator };
}
