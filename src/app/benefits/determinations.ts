/**
 * Monthly determinations of a learner's case: computed by the domain from the case's snapshot,
 * stored as numbered versions, and compared with the previous version month by month; a month whose
 * entitlement changed records an over- or underpayment (E05, docs/policy/learner-program-rules.md
 * "E05 Change in circumstances and overpayments").
 */
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { determineHousehold } from '../../domain/benefits/determine.ts';
import type { MonthResult } from '../../domain/benefits/components.ts';
import { policyRefusal } from './policy-errors.ts';
import { cents, subtract, toDecimalString } from '../../domain/money.ts';
import { loadBenefitPolicy, type BenefitPolicy } from '../../policy/benefit-rates.ts';
import type { Queryable } from '../../store/db.ts';
import { determinationMonths, determinations, paymentDifferences, productDeliveryCases, twoAttendingSituations, users } from '../../store/schema.ts';
import { recordAudit } from '../audit.ts';
import type { Actor, AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authorize } from '../permissions.ts';
import { readPerson } from '../person-access.ts';
import { loadPdc, pdcSnapshot, type PdcRow } from './snapshot.ts';

const defaultPolicy = (() => {
  let loaded: BenefitPolicy | null = null;
  return () => (loaded ??= loadBenefitPolicy());
})();

export interface ComputedMonth {
  readonly month: string;
  readonly result: MonthResult;
}

/** The case's months as the rules decide them now (nothing stored). */
export async function computeMonths(ctx: AppContext, q: Queryable, pdc: PdcRow, options: { includeInEdit?: boolean; policy?: BenefitPolicy } = {}): Promise<ComputedMonth[]> {
  const policy = options.policy ?? defaultPolicy();
  const snapshot = await pdcSnapshot(ctx, q, pdc, { includeInEdit: options.includeInEdit ?? false, partner: await coordinatedPartner(q, pdc) });
  try {
    const result = determineHousehold({ ...snapshot, rates: policy.rates, rules: policy.rules });
    const mine = result.learners.find((l) => l.personId === pdc.personId)!;
    return mine.months.map((m) => ({ month: m.month, result: m }));
  } catch (error) {
    throw policyRefusal(error) ?? error;
  }
}

/** E04 coordination: the partner's case whose evidence and split this case shares, when coordinated. */
export async function coordinatedPartner(q: Queryable, pdc: PdcRow): Promise<PdcRow | null> {
  const [row] = await q
    .select()
    .from(twoAttendingSituations)
    .where(and(eq(twoAttendingSituations.status, 'coordinated'), or(eq(twoAttendingSituations.firstPdcId, pdc.id), eq(twoAttendingSituations.secondPdcId, pdc.id))));
  if (!row) return null;
  return loadPdc(q, row.firstPdcId === pdc.id ? row.secondPdcId : row.firstPdcId);
}

export async function latestDetermination(q: Queryable, pdcId: string) {
  const [latest] = await q.select().from(determinations).where(eq(determinations.pdcId, pdcId)).orderBy(desc(determinations.version)).limit(1);
  if (!latest) return null;
  const months = await q.select().from(determinationMonths).where(eq(determinationMonths.determinationId, latest.id)).orderBy(determinationMonths.month);
  return { ...latest, months };
}

export interface MonthDifference {
  readonly month: string;
  readonly previousCents: number;
  readonly nextCents: number;
  /** next - previous: positive is an underpayment (owed to the learner), negative an overpayment. */
  readonly differenceCents: number;
}

/** Month-by-month entitlement differences between what was determined and what would be now. */
export function differences(previous: readonly { month: string; entitlementCents: number }[], next: readonly ComputedMonth[]): MonthDifference[] {
  const prev = new Map(previous.map((m) => [m.month, m.entitlementCents]));
  const now = new Map(next.map((m) => [m.month, m.result.entitlement as number]));
  const months = [...new Set([...prev.keys(), ...now.keys()])].sort();
  return months
    .map((month) => {
      const previousCents = prev.get(month) ?? 0;
      const nextCents = now.get(month) ?? 0;
      return { month, previousCents, nextCents, differenceCents: subtract(cents(nextCents), cents(previousCents)) as number };
    })
    .filter((d) => d.differenceCents !== 0);
}

export const differenceView = (d: MonthDifference) => ({
  month: d.month,
  previous: toDecimalString(cents(d.previousCents)),
  next: toDecimalString(cents(d.nextCents)),
  difference: toDecimalString(cents(d.differenceCents)),
  kind: d.differenceCents > 0 ? ('underpayment' as const) : ('overpayment' as const),
});

/** JSON with object keys sorted: jsonb does not keep key order, so compare canonically. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

const sameMonths = (previous: readonly { month: string; entitlementCents: number; components: unknown }[], next: readonly ComputedMonth[]) =>
  previous.length === next.length &&
  next.every((m, i) => previous[i]!.month === m.month && previous[i]!.entitlementCents === m.result.entitlement && canonical(previous[i]!.components) === canonical(serialiseComponents(m.result)));

const serialiseComponents = (m: MonthResult) =>
  m.components.map((c) => ({ code: c.code, kind: c.kind, amount: toDecimalString(c.amount), ...(c.adjusts && { adjusts: c.adjusts }), rule: c.rule, source: c.source, ...(c.evidenceId && { evidenceId: c.evidenceId }) }));

/**
 * Reassessment: recompute every month of the case; when anything changed, store the next
 * determination version and an over/underpayment for each month whose entitlement changed.
 */
export async function reassess(ctx: AppContext, q: Queryable, actor: Actor | null, pdcId: string, reason: string) {
  const pdc = await loadPdc(q, pdcId, { lock: true });
  const next = await computeMonths(ctx, q, pdc);
  const previous = await latestDetermination(q, pdcId);
  if (previous && sameMonths(previous.months, next)) return { changed: false as const, version: previous.version, differences: [] };
  const version = (previous?.version ?? 0) + 1;
  const [row] = await q.insert(determinations).values({ pdcId, version, reason, createdBy: actor?.userId ?? null }).returning();
  if (next.length > 0) {
    await q.insert(determinationMonths).values(
      next.map((m) => ({
        determinationId: row!.id,
        month: m.month,
        components: serialiseComponents(m.result),
        needsCents: m.result.needs,
        resourcesCents: m.result.countableResources,
        entitlementCents: m.result.entitlement,
      })),
    );
  }
  const diffs = previous ? differences(previous.months, next) : [];
  if (diffs.length > 0) {
    await q.insert(paymentDifferences).values(
      diffs.map((d) => ({ pdcId, determinationId: row!.id, month: d.month, previousCents: d.previousCents, newCents: d.nextCents, differenceCents: d.differenceCents })),
    );
  }
  if (pdc.status === 'open') {
    await q.update(productDeliveryCases).set({ status: 'active', version: sql`${productDeliveryCases.version} + 1` }).where(and(eq(productDeliveryCases.id, pdcId), eq(productDeliveryCases.status, 'open')));
  }
  await recordAudit(q, actor, { action: 'pdc.reassess', recordType: 'pdc', recordId: pdcId, after: { version, reason, differences: diffs.map(differenceView) } });
  return { changed: true as const, version, differences: diffs.map(differenceView) };
}

const monthView = (m: { month: string; components: unknown; needsCents: number; resourcesCents: number; entitlementCents: number }) => ({
  month: m.month,
  components: m.components,
  needs: toDecimalString(cents(m.needsCents)),
  countableResources: toDecimalString(cents(m.resourcesCents)),
  entitlement: toDecimalString(cents(m.entitlementCents)),
});

export async function getDeterminations(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'benefits.read');
  const pdc = await loadPdc(ctx.db, pdcId);
  await readPerson(ctx, actor, pdc.personId, 'determinations');
  const latest = await latestDetermination(ctx.db, pdcId);
  const history = await ctx.db
    .select({ version: determinations.version, reason: determinations.reason, createdAt: determinations.createdAt, by: users.displayName })
    .from(determinations)
    .leftJoin(users, eq(users.id, determinations.createdBy))
    .where(eq(determinations.pdcId, pdcId))
    .orderBy(desc(determinations.version));
  const diffs = await ctx.db.select().from(paymentDifferences).where(eq(paymentDifferences.pdcId, pdcId)).orderBy(paymentDifferences.createdAt, paymentDifferences.month);
  return {
    pdc: { id: pdc.id, reference: pdc.reference, status: pdc.status, personId: pdc.personId, trainingStart: pdc.trainingStart, trainingEnd: pdc.trainingEnd, trainingLoad: pdc.trainingLoad, version: pdc.version },
    current: latest ? { version: latest.version, reason: latest.reason, createdAt: latest.createdAt.toISOString(), months: latest.months.map(monthView) } : null,
    versions: history.map((h) => ({ version: h.version, reason: h.reason, createdAt: h.createdAt.toISOString(), by: h.by })),
    differences: diffs.map((d) => ({ determinationId: d.determinationId, ...differenceView({ month: d.month, previousCents: d.previousCents, nextCents: d.newCents, differenceCents: d.differenceCents }) })),
  };
}

/** The preview before "apply changes": the determination with in-edit evidence, and its differences. */
export async function previewDetermination(ctx: AppContext, actor: Actor, pdcId: string, overrides?: BenefitPolicy) {
  authorize(actor, 'benefits.read');
  const pdc = await loadPdc(ctx.db, pdcId);
  await readPerson(ctx, actor, pdc.personId, 'preview');
  const next = await computeMonths(ctx, ctx.db, pdc, { includeInEdit: true, ...(overrides && { policy: overrides }) });
  const previous = await latestDetermination(ctx.db, pdcId);
  return {
    months: next.map((m) => monthView({ month: m.month, components: serialiseComponents(m.result), needsCents: m.result.needs, resourcesCents: m.result.countableResources, entitlementCents: m.result.entitlement })),
    differences: differences(previous?.months ?? [], next).map(differenceView),
    basedOnVersion: previous?.version ?? null,
  };
}

/**
 * Reassesses a case and, when it is coordinated with a partner's case (E04), the partner's too: the
 * partner's case counts the same household evidence, so both change together and the household
 * still adds up.
 */
export async function reassessHousehold(ctx: AppContext, q: Queryable, actor: Actor | null, pdcId: string, reason: string) {
  const own = await reassess(ctx, q, actor, pdcId, reason);
  const partner = await coordinatedPartner(q, await loadPdc(q, pdcId));
  const partnerOutcome = partner ? await reassess(ctx, q, actor, partner.id, `${reason} (on the partner's case, two attending)`) : null;
  return { ...own, partner: partner && partnerOutcome ? { pdcId: partner.id, ...partnerOutcome } : null };
}

/** Every over/underpayment recorded for a case after a given determination version. */
export async function differencesSince(q: Queryable, pdcId: string, afterVersion: number) {
  const rows = await q
    .select({ d: paymentDifferences, version: determinations.version })
    .from(paymentDifferences)
    .innerJoin(determinations, eq(determinations.id, paymentDifferences.determinationId))
    .where(and(eq(paymentDifferences.pdcId, pdcId), sql`${determinations.version} > ${afterVersion}`))
    .orderBy(determinations.version, paymentDifferences.month);
  return rows.map(({ d, version }) => ({ version, ...differenceView({ month: d.month, previousCents: d.previousCents, nextCents: d.newCents, differenceCents: d.differenceCents }) }));
}
