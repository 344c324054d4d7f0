/**
 * The household calculator (docs/scenarios.md): a scenario as JSON, calculated by the server
 * (`POST /api/simulations`): whether two attend, each learner's evidence as applied to their case
 * and their months, and the household's benefits learner by learner. Nothing is saved.
 */
import { type Ref, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ProblemError, simulate } from '../api.ts';
import { Badge, BalancedMark } from '../components/Badge.tsx';
import { DeterminationTable } from '../components/benefits/DeterminationTable.tsx';
import { EntitlementChart } from '../components/benefits/EntitlementChart.tsx';
import { MoneyCell, MoneyText } from '../components/benefits/MoneyText.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Fact } from '../components/Fact.tsx';
import { TextAreaField } from '../components/Field.tsx';
import { TWO_ATTENDING_EXAMPLE } from '../examples.ts';
import { componentLabel, formatDate, formatMonth, formatMonths, humanize } from '../format.ts';
import { ApiForm } from '../forms/ApiForm.tsx';
import { fieldProblems } from '../forms/problems.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import type { SimulationResult } from '../types.ts';

/** Every problem names a path inside the scenario; all of them belong to the one text box. */
function asScenarioProblem(error: unknown): ProblemError | null {
  if (!(error instanceof ProblemError)) return null;
  const { problem } = error;
  const items = fieldProblems(error);
  if (!items.length) return error;
  return new ProblemError({
    ...problem,
    detail: undefined,
    errors: items.map((item) => ({
      ...item,
      field: 'scenario',
      detail: item.field && item.field !== 'scenario' ? `${item.field}: ${item.detail}` : item.detail,
    })),
  });
}

const schema = z.object({
  scenario: z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `The scenario is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      return z.NEVER;
    }
  }),
});

export function CalculatorPage() {
  usePageTitle('Household calculator');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  const api = useApiForm({
    id: 'calculator',
    schema,
    defaultValues: { scenario: TWO_ATTENDING_EXAMPLE },
    submit: ({ scenario }) =>
      simulate(scenario).catch((error: unknown) => {
        throw asScenarioProblem(error) ?? error;
      }),
    onSuccess: setResult,
  });
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  return (
    <>
      <h1>Household calculator</h1>
      <p className="lead">
        What would a household get? Describe the people, their relationships, the learners' training and the household's evidence; Waypoint
        works out each learner's months and, when partners train at the same time, the two-attending split.{' '}
        <strong>Nothing is saved.</strong>
      </p>
      <section className="section" aria-labelledby="scenario-heading">
        <h2 id="scenario-heading">Scenario</h2>
        <ApiForm api={api} className="" label="Scenario">
          <TextAreaField
            {...api.field('scenario')}
            label="Scenario (JSON)"
            hint="People, relationships, one or two learners, the household's evidence entered once, and optional what-if rates, as in docs/scenarios.md. Amounts are dollars as text, for example &quot;600.00&quot;."
            className="field--code"
            rows={22}
            spellCheck={false}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={api.pending}>
              {api.pending ? 'Calculating…' : 'Calculate'}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                api.form.reset();
                api.reset();
                setResult(null);
              }}
            >
              Restore the example
            </button>
          </div>
        </ApiForm>
      </section>
      {result ? <Result ref={resultRef} result={result} /> : null}
    </>
  );
}

function Result({ result, ref }: { result: SimulationResult; ref: Ref<HTMLElement> }) {
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
              className="table--compact table--money"
            >
              {learner.evidence.map((e) => (
                <tr key={`${e.evidence}-${e.type}-${e.status}`}>
                  <th scope="row">#{e.evidence}</th>
                  <td>
                    {componentLabel(e.type)}
                    {e.subtype ? <span className="item-description">{humanize(e.subtype)}</span> : null}
                  </td>
                  <td className="num nowrap">
                    <MoneyText value={e.amount} />
                  </td>
                  <td>
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
        <p className="hint">
          Per benefit, each learner's net share (adjustments counted against the benefit they adjust) and the household total.
        </p>
        <div className="table-wrap">
          <table className="table table--compact table--money table--reconciliation">
            <caption className="visually-hidden">The household's benefits, month by month</caption>
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
