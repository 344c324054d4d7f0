/**
 * The monthly entitlement across the training, as a small bar chart drawn by hand in SVG. The
 * figures are the server's; the bars are only scaled for drawing. The chart has a text
 * alternative, and its figures are in a table beside it for anyone who does not see it.
 */
import { formatMoney, formatMonth, formatMonths } from '../../format.ts';
import type { DeterminationMonth } from '../../types.ts';

interface Props {
  id: string;
  months: DeterminationMonth[];
  twoAttendingMonths?: readonly string[];
  title: string;
}

const WIDTH = 720;
const HEIGHT = 240;
const TOP = 28;
const BOTTOM = 40;
const LEFT = 8;
const RIGHT = 8;

/** Drawing scale only: never shown, never used as an amount. */
const heightOf = (amount: string) => {
  const value = Number.parseFloat(amount);
  return Number.isFinite(value) && value > 0 ? value : 0;
};

export function EntitlementChart({ id, months, twoAttendingMonths = [], title }: Props) {
  if (months.length === 0) return null;
  const max = Math.max(...months.map((m) => heightOf(m.entitlement)), 1);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - RIGHT) / months.length;
  const bar = Math.min(56, slot * 0.7);
  const showValues = slot >= 44;
  const shared = months.some((m) => twoAttendingMonths.includes(m.month));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="chart__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>
          A bar for each month from {formatMonths(months.map((m) => m.month))}:{' '}
          {months.map((m) => `${formatMonth(m.month)} ${formatMoney(m.entitlement)}`).join('; ')}.
          {shared ? ' Two-attending months are hatched.' : ''}
        </desc>
        <defs>
          <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" className="chart__bar--shared-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="chart__hatch" />
          </pattern>
        </defs>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} className="chart__axis" />
        {months.map((m, index) => {
          const h = (heightOf(m.entitlement) / max) * plotHeight;
          const x = LEFT + index * slot + (slot - bar) / 2;
          const y = TOP + plotHeight - h;
          const isShared = twoAttendingMonths.includes(m.month);
          const [year, monthNumber] = m.month.split('-');
          const showYear = index === 0 || monthNumber === '01';
          return (
            <g key={m.month}>
              <rect
                x={x}
                y={y}
                width={bar}
                height={Math.max(h, 0)}
                className={isShared ? 'chart__bar chart__bar--shared' : 'chart__bar'}
                // Inline, so it wins over the stylesheet's solid fill.
                style={isShared ? { fill: `url(#${id}-hatch)` } : undefined}
              >
                <title>{`${formatMonth(m.month)}: ${formatMoney(m.entitlement)}${isShared ? ' (two attending)' : ''}`}</title>
              </rect>
              {showValues ? (
                <text x={x + bar / 2} y={y - 6} textAnchor="middle" className="chart__value">
                  {formatMoney(m.entitlement).replace(/\.00$/, '')}
                </text>
              ) : null}
              <text x={x + bar / 2} y={TOP + plotHeight + 16} textAnchor="middle" className="chart__label">
                {formatMonth(m.month).slice(0, 3)}
              </text>
              {showYear ? (
                <text x={x + bar / 2} y={TOP + plotHeight + 32} textAnchor="middle" className="chart__label chart__label--year">
                  {year}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__caption">
        {title}.{' '}
        {shared ? (
          <span className="chart__legend">
            <span className="chart__swatch chart__swatch--shared" aria-hidden="true" /> Hatched: two-attending months (the household's
            benefits are split).
          </span>
        ) : null}{' '}
        Every figure is in the table below.
      </figcaption>
    </figure>
  );
}
