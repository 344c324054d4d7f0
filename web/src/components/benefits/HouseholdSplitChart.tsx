/**
 * The household's monthly amount split between its two learners (E04): per month, the first
 * learner's entitlement with the second's stacked on it, and a mark across each bar at the
 * household's amount, worked out afresh, so a month whose two shares do not reach (or overshoot)
 * the household's shows it. Two-attending months are shaded and labelled. The figure has a text
 * alternative, and every figure is in the reconciliation table below it; the amounts shown are the
 * server's strings, the bar heights only a drawing scale.
 */
import { Bar, ComposedChart, Tooltip, useXAxisScale, useYAxisScale } from 'recharts';
import { formatMoney, formatMonth, formatMonths, NOT_DETERMINED } from '../../format.ts';
import type { ReconciliationMonth } from '../../types.ts';
import { CHART_COLOURS, CHART_FRAME, ChartPlot, drawingHeight, monthAxes, Swatch, TOOLTIP_CURSOR } from './ChartParts.tsx';

/** What the chart reads of a month: the two-attending page's reconciliation months, or the calculator's. */
export type SplitMonth = Pick<ReconciliationMonth, 'month' | 'twoAttending' | 'balanced'> & {
  readonly entitlement: Pick<ReconciliationMonth['entitlement'], 'first' | 'second' | 'household'>;
};

interface Props {
  /** Unique on the page. */
  id: string;
  months: readonly SplitMonth[];
  /** How the legend names each learner, e.g. "First: Lucia Ferreira". */
  firstLabel: string;
  secondLabel: string;
  title: string;
}

interface Datum {
  month: string;
  first: number;
  second: number;
  household: number;
  source: SplitMonth;
}

export function HouseholdSplitChart({ id, months, firstLabel, secondLabel, title }: Props) {
  if (months.length === 0) return null;
  const data: Datum[] = months.map((m) => ({
    month: m.month,
    first: drawingHeight(m.entitlement.first),
    second: drawingHeight(m.entitlement.second),
    household: drawingHeight(m.entitlement.household),
    source: m,
  }));
  const all = months.map((m) => m.month);
  const shared = months.filter((m) => m.twoAttending).map((m) => m.month);
  return (
    <figure className="chart chart--split" id={id}>
      <ChartPlot>
        <ComposedChart
          data={data}
          {...CHART_FRAME}
          stackOffset="sign"
          title={title}
          desc={description(months, shared, firstLabel, secondLabel)}
        >
          {monthAxes(all, shared)}
          <Tooltip content={<MonthTooltip firstLabel={firstLabel} secondLabel={secondLabel} />} cursor={TOOLTIP_CURSOR} />
          <Bar dataKey="first" name={firstLabel} stackId="split" fill={CHART_COLOURS.first} isAnimationActive={false} />
          <Bar
            dataKey="second"
            name={secondLabel}
            stackId="split"
            fill={CHART_COLOURS.second}
            stroke="#ffffff"
            strokeWidth={1}
            isAnimationActive={false}
          />
          <HouseholdMarks data={data} />
        </ComposedChart>
      </ChartPlot>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}.</span>
        <span className="chart__legend">
          <span>
            <Swatch kind="first" /> {firstLabel}, below
          </span>
          <span>
            <Swatch kind="second" /> {secondLabel}, stacked on top
          </span>
          <span>
            <Swatch kind="mark" /> The household’s amount
          </span>
          {shared.length > 0 ? (
            <span>
              <Swatch kind="shade" /> Shaded: two attending, {formatMonths(shared)}
            </span>
          ) : null}
        </span>
        Every figure is in the table below.
      </figcaption>
    </figure>
  );
}

/** The text alternative: what the chart shows and where it differs, without repeating every figure of the table. */
function description(months: readonly SplitMonth[], shared: readonly string[], firstLabel: string, secondLabel: string): string {
  const unbalanced = months.filter((m) => !m.balanced).map((m) => m.month);
  const undetermined = [
    months.some((m) => m.entitlement.first === null) ? firstLabel : null,
    months.some((m) => m.entitlement.second === null) ? secondLabel : null,
  ].filter((label) => label !== null);
  return [
    `A stacked bar for each month from ${formatMonths(months.map((m) => m.month))}: ${firstLabel}'s entitlement below, ${secondLabel}'s on top, and a mark at the household's amount.`,
    shared.length > 0 ? `Two attending in ${formatMonths(shared)}, shaded.` : 'No two-attending months.',
    undetermined.length > 0
      ? `${NOT_DETERMINED}: ${undetermined.join(' and ')}, so nothing is drawn for ${undetermined.length === 1 ? 'that case' : 'those cases'}.`
      : unbalanced.length === 0
        ? "In every month the two shares reach the household's amount exactly."
        : `The two shares differ from the household's amount in ${unbalanced.length === 1 ? '1 month' : `${unbalanced.length} months`}: ${formatMonths(unbalanced)}.`,
  ].join(' ');
}

/** A short dark line across each bar at the household's amount (drawn from the axes' scales, recharts 3.8+ hooks). */
function HouseholdMarks({ data }: { data: readonly Datum[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="chart__marks">
      {data.map((d) => {
        const start = x(d.month, { position: 'start' });
        const end = x(d.month, { position: 'end' });
        const level = y(d.household);
        if (start === undefined || end === undefined || level === undefined) return null;
        // The bars leave barCategoryGap (18%) of the band on each side: the mark overhangs its bar a little.
        const inset = (end - start) * 0.14;
        return <line key={d.month} x1={start + inset} x2={end - inset} y1={level} y2={level} stroke={CHART_COLOURS.mark} strokeWidth={3} />;
      })}
    </g>
  );
}

/** The hovered month's figures, as the server wrote them. */
function MonthTooltip({
  active,
  payload,
  firstLabel,
  secondLabel,
}: {
  active?: boolean;
  payload?: readonly { payload?: Datum }[];
  firstLabel: string;
  secondLabel: string;
}) {
  const m = payload?.[0]?.payload?.source;
  if (!active || !m) return null;
  return (
    <div className="chart__tooltip">
      <p className="chart__tooltip-title">
        {formatMonth(m.month, true)}
        {m.twoAttending ? ': two attending' : ''}
      </p>
      <dl>
        <dt>{firstLabel}</dt>
        <dd>{m.entitlement.first === null ? NOT_DETERMINED : formatMoney(m.entitlement.first)}</dd>
        <dt>{secondLabel}</dt>
        <dd>{m.entitlement.second === null ? NOT_DETERMINED : formatMoney(m.entitlement.second)}</dd>
        <dt>Household</dt>
        <dd>{formatMoney(m.entitlement.household)}</dd>
      </dl>
      <p>{m.balanced ? 'Balanced' : 'Not balanced'}</p>
    </div>
  );
}
