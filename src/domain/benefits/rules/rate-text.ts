/** How explanations cite a rate row, and a composition of rows (the adults' rate plus each child's). */
import { formatMoney } from '../../money.ts';
import type { Batch } from '../engine/batch.ts';
import type { RateRow } from '../policy.ts';

export const rateText = (row: RateRow, what = row.key) =>
  row.effectiveFrom === 'what-if'
    ? `${row.tableLabel}, ${what}, what-if rate for this calculation: ${formatMoney(row.amount)}`
    : `${row.tableLabel}, ${what}, rate effective ${row.effectiveFrom}: ${formatMoney(row.amount)}${row.placeholder ? ' (placeholder rate)' : ''}`;

/** "adults' rate + n × each child's rate", or the adults' rate alone (childRow -1). */
export const compositionSource = (b: Batch, adultRow: number, childRow: number, children: number) =>
  childRow >= 0 ? `${rateText(b.rateRows[adultRow]!)} + ${children} × ${rateText(b.rateRows[childRow]!)}` : rateText(b.rateRows[adultRow]!);

/** The composition's amount, from its rate rows: the adults' rate plus each child's. */
export const compositionAmount = (b: Batch, adultRow: number, childRow: number, children: number) =>
  b.rateRows[adultRow]!.amount + (childRow >= 0 ? b.rateRows[childRow]!.amount * children : 0);
