/**
 * Monthly determinations of a learner's case: computed by the domain from the case's snapshot,
 * stored as numbered versions, and compared with the previous version month by month. A first
 * determination is initial; after it, a month whose entitlement changed is an over- or underpayment
 * when it was already issued, and a change in its scheduled amount otherwise
 * (docs/policy/issued-months.md; E05 in docs/policy/learner-program-rules.md). The second
 * learner's overlap months are held while two attending awaits confirmation (holds.ts).
 */

import { Temporal } from 'temporal-polyfill';
import type { MonthResult } from '../../domain/benefits/components.ts';
import { determineHousehold, type HouseholdDetermination } from '../../domain/benefits/determine.ts';
import {
  type ChangeTotals,
  changeTotals,
  type DeterminedMonth,
  type DifferenceKind,
  type PaymentChange,
  paymentChanges,
} from '../../domain/benefits/payment-changes.ts';
import { applyLateApplications } from '../../domain/benefits/rules/late-application.ts';
import { formatDate, type PlainDate } from '../../domain/calendar.ts';
import { cents, sum, toDecimalString } from '../../domain/money.ts';
import { applyHold, type HeldMonth, type Hold } from '../../domain/two-attending/hold.ts';
import { type BenefitPolicy, loadBenefitPolicy, type RateOverrides } from '../../policy/benefit-rates.ts';
import type { Queryable } from '../../store/db.ts';
import { casePage } from '../../store/repos/case-page.ts';
import {
  casesWithIssuedMonths,
  differencesAfterVersion,
  insertDeterminationCauses,
  latestDeterminationOf,
  type StoredMonth,
} from '../../store/repos/determinations.ts';
import { markPdcsDetermined } from '../../store/repos/product-delivery-cases.ts';
import { insertDeterminationMonths, insertDeterminations, insertPaymentDifferences } from '../../store/repos/reassessment-batch.ts';
import { situationsOfPdc } from '../../store/repos/two-attending.ts';
import { recordAudit } from '../audit.ts';
import { type Actor, type AppContext, timestamp } from '../context.ts';
import { AppError } from '../errors.ts';
import { authorize } from '../permissions.ts';
import { readPerson, readPersonWithFacts } from '../person-access.ts';
import { holdOnCase, holdsShownOnCase, withholdReferences } from './holds.ts';
import { policyRefusal } from './policy-errors.ts';
import { settleCase } from './settlement.ts';
import { type CaseSnapshot, loadPdc, type PdcRow, pdcSnapshot } from './snapshot.ts';

export interface ComputedMonth {
  readonly month: string;
  readonly result: MonthResult;
}

/** The case's months as the rules decide them now (nothing stored). */
export async function computeMonths(
  ctx: AppContext,
  q: Queryable,
  pdc: PdcRow,
  options: { includeInEdit?: boolean; policy?: BenefitPolicy; partner?: PdcRow | null } = {},
): Promise<ComputedMonth[]> {
  const policy = options.policy ?? ctx.benefitPolicy;
  const partner = options.partner === undefined ? await coordinatedPartner(q, pdc) : options.partner;
  const snapshot = await pdcSnapshot(ctx, q, pdc, { includeInEdit: options.includeInEdit ?? false, partner });
  return monthsOf(pdc, snapshot, policy);
}

/**
 * The household's determination as paid: the domain's determination with E15 late applications
 * applied to each of `cases` (rules/late-application.ts); a policy refusal as the catalogue names it.
 * The one path from the rules to what is paid: a case's months and the two-attending reconciliation
 * both come from it.
 */
export function householdAsPaid(snapshot: CaseSnapshot, policy: BenefitPolicy, cases: readonly PdcRow[]): HouseholdDetermination {
  try {
    const received = new Map(
      cases.map((c) => [c.personId, c.applicationReceivedOn ? Temporal.PlainDate.from(c.applicationReceivedOn) : null] as const),
    );
    return applyLateApplications(
      determineHousehold({ ...snapshot, rates: policy.rates, rules: policy.rules }),
      (id) => received.get(id) ?? null,
    );
  } catch (error) {
    throw policyRefusal(error) ?? error;
  }
}

/** The case's months from its snapshot, as paid (`householdAsPaid`). */
export function monthsOf(pdc: PdcRow, snapshot: CaseSnapshot, policy: BenefitPolicy): ComputedMonth[] {
  const mine = householdAsPaid(snapshot, policy, [pdc]).learners.find((l) => l.personId === pdc.personId)!;
  return mine.months.map((m) => ({ month: m.month, result: m }));
}

/** E04 coordination: the partner's case whose evidence and split this case shares, when coordinated. */
export async function coordinatedPartner(q: Queryable, pdc: PdcRow): Promise<PdcRow | null> {
  const [row] = await situationsOfPdc(q, pdc.id, 'coordinated');
  if (!row) return null;
  return loadPdc(q, row.firstPdcId === pdc.id ? row.secondPdcId : row.firstPdcId);
}

export async function latestDetermination(q: Queryable, pdcId: string) {
  return latestDeterminationOf(q, pdcId);
}

/** A stored month as the labelling rules read it (payment-changes.ts). */
const determinedMonth = (m: { month: string; entitlementCents: number; held: boolean }): DeterminedMonth => ({
  month: m.month,
  entitlementCents: m.entitlementCents,
  held: m.held,
});

export const differenceView = (d: Omit<PaymentChange, 'kind'> & { kind: string }) => ({
  month: d.month,
  previous: toDecimalString(cents(d.previousCents)),
  next: toDecimalString(cents(d.nextCents)),
  difference: toDecimalString(cents(d.differenceCents)),
  kind: d.kind as DifferenceKind,
});

export const totalsView = (totals: ChangeTotals) => ({
  overpayments: toDecimalString(totals.overpayments),
  underpayments: toDecimalString(totals.underpayments),
  scheduledChanges: toDecimalString(totals.scheduledChanges),
});

/** JSON with object keys sorted: jsonb does not keep key order, so compare canonically. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const sameMonths = (
  previous: readonly { month: string; entitlementCents: number; components: unknown; held: boolean; holdReason: string | null }[],
  next: readonly PlannedMonth[],
) =>
  previous.length === next.length &&
  next.every((m, i) => {
    const p = previous[i]!;
    return (
      p.month === m.month &&
      p.entitlementCents === m.result.entitlement &&
      p.held === m.held &&
      p.holdReason === m.holdReason &&
      canonical(p.components) === canonical(serialiseComponents(m.result))
    );
  });

const serialiseComponents = (m: MonthResult) =>
  m.components.map((c) => ({
    code: c.code,
    kind: c.kind,
    amount: toDecimalString(c.amount),
    ...(c.adjusts && { adjusts: c.adjusts }),
    rule: c.rule,
    source: c.source,
    ...(c.evidenceId && { evidenceId: c.evidenceId }),
  }));

export type PlannedMonth = ComputedMonth & HeldMonth;

export interface PlanOptions {
  readonly includeInEdit?: boolean;
  readonly policy?: BenefitPolicy;
  /** The coordinated partner's case to determine with (E04 split); by default, the one coordinated now. */
  readonly partner?: PdcRow | null;
  /** The hold on this case; by default, the one a live detected situation puts on it now. */
  readonly hold?: Hold | null;
}

/**
 * The next determination of a case, not stored: its months (held where the hold applies), and what
 * it changes against the determination in force, labelled as of today by the app's clock
 * (docs/policy/issued-months.md). Reassessment stores it; previews show it.
 */
export async function planDetermination(ctx: AppContext, q: Queryable, pdc: PdcRow, options: PlanOptions = {}) {
  const next = await computeMonths(ctx, q, pdc, options);
  const previous = await latestDetermination(q, pdc.id);
  const hold = options.hold === undefined ? await holdOnCase(q, pdc) : options.hold;
  return planFrom(ctx.clock.today(), next, previous, hold);
}

export type LatestDetermination = NonNullable<Awaited<ReturnType<typeof latestDetermination>>>;
export type Plan = ReturnType<typeof planFrom>;

/** The next determination from the months computed now, the determination in force and the hold. */
export function planFrom(today: PlainDate, next: readonly ComputedMonth[], previous: LatestDetermination | null, hold: Hold | null) {
  const before = previous ? previous.months.map(determinedMonth) : null;
  const months: PlannedMonth[] = applyHold(next, hold, before, today);
  const { initial, changes } = paymentChanges(
    before,
    next.map((m) => ({ month: m.month, entitlementCents: m.result.entitlement })),
    today,
  );
  return { today, previous, months, initial, changes };
}

/** A planned determination as previews show it: every month explained, each change with its kind, and their totals. */
export function planView(pdc: PdcRow, plan: Awaited<ReturnType<typeof planDetermination>>) {
  return {
    pdcId: pdc.id,
    pdcReference: pdc.reference,
    basedOnVersion: plan.previous?.version ?? null,
    initial: plan.initial,
    months: plan.months.map((m) => monthView(storedMonth(m))),
    differences: plan.changes.map(differenceView),
    totals: { entitlement: toDecimalString(sum(plan.months.map((m) => m.result.entitlement))), ...totalsView(changeTotals(plan.changes)) },
  };
}

const storedMonth = (m: PlannedMonth) => ({
  month: m.month,
  components: serialiseComponents(m.result),
  needsCents: m.result.needs as number,
  resourcesCents: m.result.countableResources as number,
  entitlementCents: m.result.entitlement as number,
  held: m.held,
  holdReason: m.holdReason,
});

/**
 * Reassessment: recompute every month of the case; when anything changed (an amount, or a hold),
 * store the next determination version, and each month whose entitlement changed with its kind:
 * an over- or underpayment for a month already issued, a change in the scheduled amount otherwise.
 * A first determination is an initial determination: nothing to compare with.
 */
export async function reassess(
  ctx: AppContext,
  q: Queryable,
  actor: Actor | null,
  pdcId: string,
  reason: string,
  options: Pick<PlanOptions, 'partner' | 'hold'> & { cause?: Cause } = {},
) {
  const pdc = await loadPdc(q, pdcId, { lock: true });
  const [outcome] = await storePlans(q, actor, reason, [{ pdc, plan: await planDetermination(ctx, q, pdc, options) }], options.cause);
  return outcome!;
}

/** What a reassessment follows, for the lineage of what it changes: the evidence versions applied or decided. */
export interface Cause {
  readonly evidenceVersionIds: readonly string[];
}

export type ReassessOutcome =
  | { changed: false; initial: false; version: number; differences: [] }
  | { changed: true; initial: boolean; version: number; differences: ReturnType<typeof differenceView>[] };

/**
 * Stores the plans that change anything (an amount, or a hold) as each case's next determination
 * version, with its months and each month whose entitlement changed with its kind, in a few
 * multi-row statements; marks open cases active; one audit event per new version. A new version
 * names the evidence versions it follows (`cause`), and settles the case's issued months at once
 * (settlement.ts): an overpayment is a debt and an underpayment is paid as arrears in the same
 * transaction as the change. An outcome per plan.
 */
export async function storePlans(
  q: Queryable,
  actor: Actor | null,
  reason: string,
  plans: readonly { pdc: PdcRow; plan: Plan }[],
  cause?: Cause,
): Promise<ReassessOutcome[]> {
  const changed = plans.filter(({ plan }) => !(plan.previous && sameMonths(plan.previous.months, plan.months)));
  const ids = await insertDeterminations(
    q,
    changed.map(({ pdc, plan }) => ({
      pdc_id: pdc.id,
      version: (plan.previous?.version ?? 0) + 1,
      reason,
      determined_on: formatDate(plan.today),
      created_by: actor?.userId ?? null,
    })),
  );
  await insertDeterminationMonths(
    q,
    changed.flatMap(({ pdc, plan }) =>
      plan.months.map((m) => {
        const row = storedMonth(m);
        return {
          determination_id: ids.get(pdc.id)!,
          month: row.month,
          components: row.components,
          needs_cents: row.needsCents,
          resources_cents: row.resourcesCents,
          entitlement_cents: row.entitlementCents,
          held: row.held,
          hold_reason: row.holdReason,
        };
      }),
    ),
  );
  await insertPaymentDifferences(
    q,
    changed.flatMap(({ pdc, plan }) =>
      plan.changes.map((d) => ({
        pdc_id: pdc.id,
        determination_id: ids.get(pdc.id)!,
        month: d.month,
        previous_cents: d.previousCents,
        new_cents: d.nextCents,
        difference_cents: d.differenceCents,
        kind: d.kind,
      })),
    ),
  );
  await insertDeterminationCauses(
    q,
    changed.flatMap(({ pdc }) =>
      (cause?.evidenceVersionIds ?? []).map((evidenceVersionId) => ({ determinationId: ids.get(pdc.id)!, evidenceVersionId })),
    ),
  );
  const opened = changed.filter(({ pdc }) => pdc.status === 'open').map(({ pdc }) => pdc.id);
  await markPdcsDetermined(q, opened);
  // E05/E06: what the new version changes in a month already issued is settled now, not at the next issue run.
  const issued = new Set(
    await casesWithIssuedMonths(
      q,
      changed.map(({ pdc }) => pdc.id),
    ),
  );
  for (const { pdc, plan } of changed) if (issued.has(pdc.id)) await settleCase(q, actor, pdc.id, plan.today);
  const outcomes = new Map<string, ReassessOutcome>();
  for (const { pdc, plan } of changed) {
    const version = (plan.previous?.version ?? 0) + 1;
    const differences = plan.changes.map(differenceView);
    const held = plan.months.filter((m) => m.held).map((m) => m.month);
    await recordAudit(q, actor, {
      action: 'pdc.reassess',
      recordType: 'pdc',
      recordId: pdc.id,
      after: { version, reason, initial: plan.initial, determinedOn: formatDate(plan.today), differences, ...(held.length && { held }) },
    });
    outcomes.set(pdc.id, { changed: true, initial: plan.initial, version, differences });
  }
  return plans.map(
    ({ pdc, plan }) => outcomes.get(pdc.id) ?? { changed: false, initial: false, version: plan.previous!.version, differences: [] },
  );
}

const monthView = (m: StoredMonth) => ({
  month: m.month,
  components: m.components,
  needs: toDecimalString(cents(m.needsCents)),
  countableResources: toDecimalString(cents(m.resourcesCents)),
  entitlement: toDecimalString(cents(m.entitlementCents)),
  held: m.held,
  holdReason: m.holdReason,
});

/** A month as a reader is shown it: its hold reason names no partner case of `withheld` (holds.ts `holdsShownOnCase`). */
function withheldIn<M extends { holdReason: string | null }>(month: M, withheld: readonly string[]): M {
  return month.holdReason && withheld.length ? { ...month, holdReason: withholdReferences(month.holdReason, withheld) } : month;
}

/** Each version's totals: its entitlement over all months, and its changes by kind. */
function versionTotals(
  history: readonly { id: string; entitlementTotal: string }[],
  diffs: readonly { determinationId: string; differenceCents: number; kind: string }[],
) {
  return new Map(
    history.map((h) => [
      h.id,
      {
        entitlement: toDecimalString(cents(Number(h.entitlementTotal))),
        ...totalsView(
          changeTotals(
            diffs
              .filter((d) => d.determinationId === h.id)
              .map((d) => ({ differenceCents: d.differenceCents, kind: d.kind as DifferenceKind })),
          ),
        ),
      },
    ]),
  );
}

export async function getDeterminations(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'benefits.read');
  // The case, its page's rows and the caseload facts in one statement (one snapshot); nothing of the
  // page leaves before the caseload check has passed and the read is logged.
  const page = await casePage(ctx.db, pdcId, actor.userId, timestamp(ctx.clock));
  if (!page) throw AppError.notFound('product delivery case', pdcId);
  const { pdc, history, months, differences: diffs } = page;
  await readPersonWithFacts(ctx, actor, pdc.personId, page.access, 'determinations');
  // The holds name the partner, shown and logged only within the reader's reach (holds.ts); a held
  // month's stored reason names the partner's case too, withheld with the hold.
  const { holds, withheldReferences } = page.held ? await holdsShownOnCase(ctx, actor, pdc) : { holds: [], withheldReferences: [] };
  const shownMonth = (m: StoredMonth) => withheldIn(monthView(m), withheldReferences);
  const latest = history[0];
  const totals = versionTotals(history, diffs);
  const versionOf = new Map(history.map((h) => [h.id, h.version]));
  return {
    pdc,
    current: latest
      ? { version: latest.version, reason: latest.reason, createdAt: latest.createdAt.toISOString(), months: months.map(shownMonth) }
      : null,
    versions: history.map((h) => ({
      version: h.version,
      reason: h.reason,
      determinedOn: h.determinedOn,
      createdAt: h.createdAt.toISOString(),
      by: h.by,
      totals: totals.get(h.id)!,
    })),
    differences: diffs.map((d) => ({
      determinationId: d.determinationId,
      version: versionOf.get(d.determinationId)!,
      ...differenceView({
        month: d.month,
        previousCents: d.previousCents,
        nextCents: d.newCents,
        differenceCents: d.differenceCents,
        kind: d.kind,
      }),
    })),
    changeTotals: totalsView(changeTotals(diffs.map((d) => ({ differenceCents: d.differenceCents, kind: d.kind as DifferenceKind })))),
    holds,
  };
}

/** The preview before "apply changes": the determination with in-edit evidence, and what it would change. */
/** With `rates`, a what-if: the same computation with those rates in place of the policy data's. */
export async function previewDetermination(ctx: AppContext, actor: Actor, pdcId: string, rates?: RateOverrides) {
  authorize(actor, 'benefits.read');
  const pdc = await loadPdc(ctx.db, pdcId);
  await readPerson(ctx, actor, pdc.personId, 'preview');
  const plan = await planDetermination(ctx, ctx.db, pdc, {
    includeInEdit: true,
    ...(rates && { policy: loadBenefitPolicy(undefined, undefined, rates) }),
  });
  // A held month's reason names the partner's case: shown (and the partner logged) as on the case's page.
  const { withheldReferences } = await holdsShownOnCase(ctx, actor, pdc);
  const { months, differences, basedOnVersion, initial, totals } = planView(pdc, plan);
  return { months: months.map((m) => withheldIn(m, withheldReferences)), differences, basedOnVersion, initial, totals };
}

/**
 * Reassesses a case and, when it is coordinated with a partner's case (E04), the partner's too: the
 * partner's case counts the same household evidence, so both change together and the household
 * still adds up.
 */
export async function reassessHousehold(ctx: AppContext, q: Queryable, actor: Actor | null, pdcId: string, reason: string, cause?: Cause) {
  const own = await reassess(ctx, q, actor, pdcId, reason, cause ? { cause } : {});
  const partner = await coordinatedPartner(q, await loadPdc(q, pdcId));
  const partnerOutcome = partner
    ? await reassess(ctx, q, actor, partner.id, `${reason} (on the partner's case, two attending)`, cause ? { cause } : {})
    : null;
  return { ...own, partner: partner && partnerOutcome ? { pdcId: partner.id, ...partnerOutcome } : null };
}

/** Every difference (over/underpayment or scheduled change) recorded for a case after a given determination version. */
export async function differencesSince(q: Queryable, pdcId: string, afterVersion: number) {
  const rows = await differencesAfterVersion(q, pdcId, afterVersion);
  return rows.map(({ d, version }) => ({
    version,
    ...differenceView({
      month: d.month,
      previousCents: d.previousCents,
      nextCents: d.newCents,
      differenceCents: d.differenceCents,
      kind: d.kind,
    }),
  }));
}
