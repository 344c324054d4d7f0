/**
 * Pieces shared by the benefit charts (recharts): the plot's box and the chart's frame, the drawing
 * scale, the month and amount axes with their grid, the shading that marks two-attending months,
 * the tooltip's cursor, and the legend's swatches. Amounts shown as text always come from
 * the server's strings; the numbers here only place bars on the drawing.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatMonth } from '../../format.ts';

/** The chart's colours: the first learner (and a single series) and the second learner. */
export const CHART_COLOURS = { first: '#1a5a96', second: '#b75a00', mark: '#16202b', shade: '#e5eff9', grid: '#dde3ea' } as const;

/** The props every month chart's frame (BarChart, ComposedChart) shares: margins, the bars' spacing, an image with a text alternative. */
export const CHART_FRAME = {
  margin: { top: 24, right: 4, bottom: 4, left: 0 },
  barCategoryGap: '18%',
  accessibilityLayer: false,
  role: 'img',
} as const;

/** The hovered month's band, lightly shaded. */
export const TOOLTIP_CURSOR = { fill: 'rgb(22 32 43 / 6%)' } as const;

/** The plot's box (its size comes from the stylesheet), the chart filling it. */
export function ChartPlot({ children }: { children: ReactNode }) {
  return (
    <div className="chart__plot">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 280 }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Drawing scale only, never shown nor added up as money: "990.50" becomes 990.5 units of height. */
export function drawingHeight(amount: string | null): number {
  // null: a case not determined yet (the two-attending reconciliation) has nothing to draw.
  if (amount === null) return 0;
  const value = Number.parseFloat(amount);
  return Number.isFinite(value) ? value : 0;
}

/** Whole dollars for the value axis' gridline labels (the gridlines are round drawing values, not amounts). */
export function axisDollars(value: number): string {
  return `$${Math.round(value).toLocaleString('en-CA')}`;
}

/** Runs of consecutive months (in the months' order) that are marked: each run is shaded once. */
export function markedRuns(months: readonly string[], marked: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  let open: { from: string; to: string } | null = null;
  for (const month of months) {
    if (marked.includes(month)) {
      if (open) open.to = month;
      else runs.push((open = { from: month, to: month }));
    } else {
      open = null;
    }
  }
  return runs;
}

/** A month's short name ("Jan"): the axis' labels, and what recharts measures to space them. */
export function shortMonth(month: unknown): string {
  return typeof month === 'string' ? formatMonth(month).slice(0, 3) : '';
}

/** The month axis: the month's short name, and its year under the first month and under each January. */
export function MonthTick({
  x,
  y,
  payload,
  index,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  index?: number;
}) {
  const month = typeof payload?.value === 'string' ? payload.value : '';
  const name = shortMonth(month);
  const showYear = index === 0 || month.endsWith('-01');
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text dy={12} textAnchor="middle" className="chart__label">
        {name}
      </text>
      {showYear ? (
        <text dy={27} textAnchor="middle" className="chart__label chart__label--year">
          {month.slice(0, 4)}
        </text>
      ) : null}
    </g>
  );
}

/**
 * The two-attending months shaded and labelled (not colour alone), one area per run of months. A
 * function rather than a component, so recharts sees its ReferenceAreas as the chart's own children.
 */
export function twoAttendingAreas(months: readonly string[], marked: readonly string[]) {
  return markedRuns(months, marked).map((run) => (
    <ReferenceArea
      key={run.from}
      x1={run.from}
      x2={run.to}
      fill={CHART_COLOURS.shade}
      fillOpacity={1}
      stroke={CHART_COLOURS.first}
      strokeDasharray="4 3"
      ifOverflow="extendDomain"
      label={{ value: 'Two attending', position: 'top', className: 'chart__area-label' }}
    />
  ));
}

/**
 * The background and axes of a month chart: the two-attending months shaded, the horizontal
 * gridlines, the months along the bottom and whole dollars up the side. A function rather than a
 * component, so recharts sees them as the chart's own children.
 */
export function monthAxes(months: readonly string[], twoAttending: readonly string[]) {
  return [
    ...twoAttendingAreas(months, twoAttending),
    <CartesianGrid key="grid" vertical={false} stroke={CHART_COLOURS.grid} />,
    <XAxis
      key="months"
      dataKey="month"
      tick={MonthTick}
      tickFormatter={shortMonth}
      tickLine={false}
      height={36}
      interval="preserveStartEnd"
      minTickGap={4}
    />,
    <YAxis key="amounts" tickFormatter={axisDollars} width={60} tickLine={false} axisLine={false} className="chart__label" />,
  ];
}

/** A legend's coloured square (or a mark's line), hidden from screen readers: the text beside it says what it stands for. */
export function Swatch({ kind }: { kind: 'first' | 'second' | 'mark' | 'shade' }) {
  return (
    <svg className="chart__swatch" width="16" height="12" viewBox="0 0 16 12" aria-hidden="true" focusable="false">
      {kind === 'mark' ? (
        <rect x="0" y="5" width="16" height="3" fill={CHART_COLOURS.mark} />
      ) : kind === 'shade' ? (
        <rect x="0.5" y="0.5" width="15" height="11" fill={CHART_COLOURS.shade} stroke={CHART_COLOURS.first} strokeDasharray="3 2" />
      ) : (
        <rect x="0" y="0" width="16" height="12" fill={CHART_COLOURS[kind]} />
      )}
    </svg>
  );
}
