/**
 * The monthly entitlement across the training, as a bar chart (recharts). The figures are the
 * server's; the bars are only scaled for drawing. Two-attending months are shaded and labelled. The
 * chart has a text alternative, and its figures are in a table beside it for anyone who does not see it.
 */
import { Bar, BarChart, LabelList, Tooltip } from 'recharts';
import { formatMoney, formatMonth, formatMonths } from '../../format.ts';
import type { DeterminationMonth } from '../../types.ts';
import { CHART_COLOURS, CHART_FRAME, ChartPlot, drawingHeight, monthAxes, Swatch, TOOLTIP_CURSOR } from './ChartParts.tsx';

interface Props {
  id: string;
  months: DeterminationMonth[];
  twoAttendingMonths?: readonly string[];
  title: string;
}

interface Datum {
  month: string;
  entitlement: number;
  /** The amount above the bar, from the server's string. */
  label: string;
  source: DeterminationMonth;
}

export function EntitlementChart({ id, months, twoAttendingMonths = [], title }: Props) {
  if (months.length === 0) return null;
  const data: Datum[] = months.map((m) => ({
    month: m.month,
    entitlement: drawingHeight(m.entitlement),
    label: formatMoney(m.entitlement).replace(/\.00$/, ''),
    source: m,
  }));
  const all = months.map((m) => m.month);
  const shared = all.filter((month) => twoAttendingMonths.includes(month));
  const desc = [
    `A bar for each month from ${formatMonths(all)}:`,
    `${months.map((m) => `${formatMonth(m.month)} ${formatMoney(m.entitlement)}`).join('; ')}.`,
    shared.length > 0 ? `Two attending in ${formatMonths(shared)}, shaded.` : '',
  ]
    .join(' ')
    .trim();
  return (
    <figure className="chart" id={id}>
      <ChartPlot>
        <BarChart data={data} {...CHART_FRAME} title={title} desc={desc}>
          {monthAxes(all, shared)}
          <Tooltip content={<MonthTooltip />} cursor={TOOLTIP_CURSOR} />
          <Bar dataKey="entitlement" name="Entitlement" fill={CHART_COLOURS.first} isAnimationActive={false}>
            <LabelList dataKey="label" content={ValueLabel} />
          </Bar>
        </BarChart>
      </ChartPlot>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}.</span>
        {shared.length > 0 ? (
          <span className="chart__legend">
            <span>
              <Swatch kind="shade" /> Shaded: two attending, {formatMonths(shared)} (the household's benefits are split)
            </span>
          </span>
        ) : null}
        Every figure is in the table below.
      </figcaption>
    </figure>
  );
}

/** The amount above its bar (the server's, in whole dollars when exact), where the bar is wide enough to carry it. */
function ValueLabel({ viewBox, value }: { viewBox?: unknown; value?: unknown }) {
  const box = viewBox as { x?: unknown; y?: unknown; width?: unknown } | undefined;
  const { x, y, width } = box ?? {};
  if (typeof x !== 'number' || typeof y !== 'number' || typeof width !== 'number' || width < 44 || typeof value !== 'string') return null;
  return (
    <text x={x + width / 2} y={y - 6} textAnchor="middle" className="chart__value">
      {value}
    </text>
  );
}

/** The hovered month's figures, as the server wrote them. */
function MonthTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Datum }[] }) {
  const m = payload?.[0]?.payload?.source;
  if (!active || !m) return null;
  return (
    <div className="chart__tooltip">
      <p className="chart__tooltip-title">{formatMonth(m.month, true)}</p>
      <p>Entitlement {formatMoney(m.entitlement)}</p>
    </div>
  );
}
