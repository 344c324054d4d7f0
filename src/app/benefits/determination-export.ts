/**
 * A learner case's determinations as rows for a spreadsheet: every month of every version, what it
 * was determined at, and what that version changed in the month (an over- or underpayment for an
 * issued month, a change in the scheduled amount otherwise; docs/policy/issued-months.md). Read with
 * the same permission and the same access log as the case itself.
 */
import { cents, toDecimalString } from '../../domain/money.ts';
import { determinationMonthsOfCase } from '../../store/repos/determinations.ts';
import type { Actor, AppContext } from '../context.ts';
import { authorize } from '../permissions.ts';
import { readPerson } from '../person-access.ts';
import { loadPdc } from './snapshot.ts';

/** The export's columns, in order, as a caseworker reads them. */
export const DETERMINATION_EXPORT_COLUMNS = [
  { key: 'caseReference', header: 'Case' },
  { key: 'version', header: 'Version' },
  { key: 'determinedOn', header: 'Determined on' },
  { key: 'reason', header: 'Reason' },
  { key: 'month', header: 'Month' },
  { key: 'needs', header: 'Needs' },
  { key: 'countableResources', header: 'Countable resources' },
  { key: 'entitlement', header: 'Entitlement' },
  { key: 'held', header: 'Held' },
  { key: 'previous', header: 'Previous entitlement' },
  { key: 'difference', header: 'Difference' },
  { key: 'kind', header: 'Kind of difference' },
] as const;

type ExportRow = Record<(typeof DETERMINATION_EXPORT_COLUMNS)[number]['key'], string>;

const amount = (value: number | null) => (value === null ? '' : toDecimalString(cents(value)));

const KIND_LABELS: Readonly<Record<string, string>> = {
  overpayment: 'Overpayment',
  underpayment: 'Underpayment',
  'scheduled-change': 'Change in scheduled amount',
};

/** The case's reference (for the file name) and its rows, after the same checks and log as reading the case. */
export async function exportDeterminations(ctx: AppContext, actor: Actor, pdcId: string) {
  authorize(actor, 'benefits.read');
  const pdc = await loadPdc(ctx.db, pdcId);
  await readPerson(ctx, actor, pdc.personId, 'determinations');
  const months = await determinationMonthsOfCase(ctx.db, pdcId);
  const rows: ExportRow[] = months.map((m) => ({
    caseReference: pdc.reference,
    version: String(m.version),
    determinedOn: m.determinedOn,
    reason: m.reason,
    month: m.month,
    needs: amount(m.needsCents),
    countableResources: amount(m.resourcesCents),
    entitlement: amount(m.entitlementCents),
    held: m.held ? 'Yes' : 'No',
    previous: amount(m.previousCents),
    difference: amount(m.differenceCents),
    kind: m.kind ? (KIND_LABELS[m.kind] ?? m.kind) : '',
  }));
  return { reference: pdc.reference, rows };
}
