/**
 * The household calculator's answer (docs/scenarios.md "Output"): whether two attend, each
 * learner's evidence as applied to their case and their months, explained, and the household's
 * benefits learner by learner.
 */
import type { Ref } from 'react';
import { componentLabel, formatDate, formatMonth, formatMonths, humanize } from '../../format.ts';
import type { SimulationResult } from '../../types.ts';
import { Badge, BalancedMark } from '../Badge.tsx';
import { DeterminationTable } from '../benefits/DeterminationTable.tsx';
import { EntitlementChart } from '../benefits/EntitlementChart.tsx';
import { HouseholdSplitChart, type SplitMonth } from '../benefits/HouseholdSplitChart.tsx';
import { MoneyCell, MoneyText } from '../benefits/MoneyText.tsx';
import { DataTable } from '../DataTable.tsx';
import { Fact } from '../Fact.tsx';

export function SimulationResultView({ result, ref }: { result: SimulationResult; ref: Ref<HTMLElement> }) {
  const shared = result.twoAttending?.months ?? [];
  const learnerIds = result.learners.map((l) => l.person);
  return (
    <section ref={ref} tabIndex={-1} className="section calculator-result" aria-labelledby="result-heading">
      <h2 id="result-heading">Result</h2>
      <dl className="summary">
        <Fact term="As of">{formatDate(result.asOf)}</Fact>
        <Fact term="Two attending">
          {result.twoAttending ? (
            <>
              <Badge tone="info">Yes</Badge> learners {result.twoAttending.people.join(' (first) and ')} (second),{' '}
              {formatMonths(result.twoAttending.months)}
            </>
          ) : (
            'No: the split does not apply.'
          )}
        </Fact>
      </dl>
      {result.learners.map((learner) => (
        <section key={learner.person} className="calculator-learner" aria-labelledby={`learner-${learner.person}`}>
          <h3 id={`learner-${learner.person}`}>Learner {learner.person}</h3>
          <h4>Evidence as applied to {learner.person}'s case</h4>
          {learner.evidence.length === 0 ? (
            <p className="muted">No evidence applies.</p>
          ) : (
            <DataTable
              caption={<>Evidence as applied to learner {learner.person}'s case</>}
              columns={['Evidence', 'Type', { label: 'Amount on this case', className: 'num' }, 'Rule']}
              className="table--compact table--money table--stack calculator-evidence"
              wrap={false}
            >
              {learner.evidence.map((e) => (
                <tr key={`${e.evidence}-${e.type}-${e.status}`}>
                  <th scope="row" className="nowrap">
                    Row {e.evidence + 1}
                  </th>
                  <td data-label="Type">
                    {componentLabel(e.type)}
                    {e.subtype ? <span className="item-description">{humanize(e.subtype)}</span> : null}
                  </td>
                  <td className="num nowrap" data-label="Amount on this case">
                    <MoneyText value={e.amount} />
                  </td>
                  <td data-label="Rule">
                    {e.status === 'waiting' ? <strong>Waiting for approval: </strong> : null}
                    {e.rule}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <h4>Months</h4>
          <EntitlementChart
            id={`chart-${learner.person}`}
            months={learner.months}
            twoAttendingMonths={shared}
            title={`Monthly entitlement of learner ${learner.person}`}
          />
          <DeterminationTable
            id={`months-${learner.person}`}
            months={learner.months}
            caption={`Months of learner ${learner.person}`}
            twoAttendingMonths={shared}
          />
        </section>
      ))}
      <section aria-labelledby="household-heading">
        <h3 id="household-heading">Household</h3>
        <HouseholdSplit result={result} shared={shared} />
        <p className="hint">
          Per benefit, each learner's net share (adjustments counted against the benefit they adjust) and the household total.
        </p>
        {/* Focusable, so a keyboard can scroll it sideways on a narrow screen (as DataTable does); named by its caption. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard */}
        {/* biome-ignore lint/a11y/useSemanticElements: a group names the scrolling box; a fieldset is for form controls */}
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="household-caption">
          <table className="table table--compact table--money table--reconciliation">
            <caption id="household-caption" className="visually-hidden">
              The household's benefits, month by month
            </caption>
            <thead>
              <tr>
                <th scope="col">Benefit</th>
                {learnerIds.map((id) => (
                  <th key={id} scope="col" className="num">
                    Learner {id}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            {result.household.months.map((m, i) => (
              // A month the two learners are two households has one group per household.
              <tbody
                // biome-ignore lint/suspicious/noArrayIndexKey: months repeat when one month has two households; the list is never reordered
                key={`${m.month}-${i}`}
                className={shared.includes(m.month) ? 'month-group month-group--two-attending' : 'month-group'}
              >
                <tr className="month-group__head">
                  <th scope="rowgroup" colSpan={learnerIds.length + 2}>
                    <span className="month-group__title">{formatMonth(m.month, true)}</span>
                    {shared.includes(m.month) ? <Badge tone="info">Two attending</Badge> : null}
                    <BalancedMark balanced={m.balanced} />
                  </th>
                </tr>
                {Object.entries(m.byCode).map(([code, shares]) => (
                  <tr key={code}>
                    <th scope="row">{componentLabel(code)}</th>
                    {learnerIds.map((id) => (
                      <td key={id} className="num">
                        <MoneyText value={shares[id]} />
                      </td>
                    ))}
                    <MoneyCell value={shares.total} />
                  </tr>
                ))}
                <tr className="row--total">
                  <th scope="row">Household entitlement</th>
                  {result.learners.map((learner) => (
                    <td key={learner.person} className="num">
                      <MoneyText value={learner.months.find((lm) => lm.month === m.month)?.entitlement} />
                    </td>
                  ))}
                  <MoneyCell value={m.entitlement} />
                </tr>
              </tbody>
            ))}
          </table>
        </div>
      </section>
    </section>
  );
}

/**
 * Two learners in one household each month: the household's amount split between them as a chart
 * (as on the two-attending page). Months where the two learners are two households appear twice in
 * the result; the chart is then left out, and the table below says it all.
 */
function HouseholdSplit({ result, shared }: { result: SimulationResult; shared: readonly string[] }) {
  const [first, second] = result.learners;
  const months = result.household.months;
  if (!first || !second || result.learners.length !== 2) return null;
  if (new Set(months.map((m) => m.month)).size !== months.length) return null;
  const entitlementOf = (learner: typeof first, month: string) => learner.months.find((lm) => lm.month === month)?.entitlement ?? '0.00';
  const split: SplitMonth[] = months.map((m) => ({
    month: m.month,
    twoAttending: shared.includes(m.month),
    balanced: m.balanced,
    entitlement: { first: entitlementOf(first, m.month), second: entitlementOf(second, m.month), household: m.entitlement },
  }));
  return (
    <HouseholdSplitChart
      id="calculator-household-split"
      months={split}
      firstLabel={`Learner ${first.person}`}
      secondLabel={`Learner ${second.person}`}
      title="The household’s monthly entitlement, split between the two learners"
    />
  );
}
