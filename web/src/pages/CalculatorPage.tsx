/**
 * The household calculator (docs/scenarios.md): a form for the household's people, relationships,
 * learners and evidence, with optional what-if rates, calculated by the server
 * (`POST /api/simulations`): whether two attend, each learner's evidence as applied to their case
 * and their months, and the household's benefits learner by learner. The same scenario can be
 * imported and exported as JSON. Nothing is saved.
 */
import { useEffect, useRef, useState } from 'react';
import { simulate } from '../api.ts';
import { calculatorSchema } from '../components/calculator/calculator-schema.ts';
import { EvidenceFields } from '../components/calculator/EvidenceFields.tsx';
import { formFieldOf, inWords } from '../components/calculator/field-words.ts';
import { PeopleFields, RelationshipFields } from '../components/calculator/HouseholdFields.tsx';
import { LearnerFields } from '../components/calculator/LearnerFields.tsx';
import { RateOverrides } from '../components/calculator/RateOverrides.tsx';
import { ScenarioJson } from '../components/calculator/ScenarioJson.tsx';
import { SimulationResultView } from '../components/calculator/SimulationResultView.tsx';
import { emptyForm, formToScenario, type Scenario, type ScenarioForm, scenarioToForm } from '../components/calculator/scenario-form.ts';
import { TextField } from '../components/Field.tsx';
import { TWO_ATTENDING_EXAMPLE } from '../examples.ts';
import { ApiForm } from '../forms/ApiForm.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { useEvidenceTypes, usePageTitle } from '../hooks.ts';
import { useToday } from '../session.ts';
import type { SimulationResult } from '../types.ts';

const EXAMPLE: ScenarioForm = scenarioToForm(JSON.parse(TWO_ATTENDING_EXAMPLE) as Scenario);

export function CalculatorPage() {
  const ministryToday = useToday();
  usePageTitle('Household calculator');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  const catalogue = useEvidenceTypes();
  const types = catalogue.data ?? [];
  const api = useApiForm({
    id: 'calculator',
    schema: calculatorSchema,
    defaultValues: EXAMPLE,
    aliases: (field, values) => formFieldOf(field, values as ScenarioForm),
    submit: (values) =>
      simulate(formToScenario(values)).catch((error: unknown) => {
        throw inWords(error, types);
      }),
    onSuccess: setResult,
  });
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  /** The form starts again from `values`: the last answer and any refusal are forgotten. */
  const fill = (values: ScenarioForm) => {
    api.form.reset(values);
    api.reset();
    setResult(null);
  };
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
        <p className="hint">The form starts with an example household: two partners in training at the same time, and their child.</p>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => fill(EXAMPLE)}>
            Load the example
          </button>
          <button type="button" className="button button--secondary" onClick={() => fill(emptyForm(ministryToday))}>
            Start from an empty form
          </button>
        </div>
        <ScenarioJson current={() => formToScenario(api.form.getValues())} onImport={(scenario) => fill(scenarioToForm(scenario))} />
        <ApiForm api={api} className="calculator-form" label="Scenario">
          <TextField
            {...api.field('asOf')}
            label="Date of the question"
            hint="The day the question is asked; the answer says it."
            type="date"
            className="field--short"
          />
          <PeopleFields api={api} />
          <RelationshipFields api={api} />
          <LearnerFields api={api} />
          <EvidenceFields api={api} types={catalogue.data} />
          <RateOverrides api={api} />
          <div className="actions">
            <button type="submit" className="button" disabled={api.pending}>
              {api.pending ? 'Calculating…' : 'Calculate'}
            </button>
          </div>
        </ApiForm>
      </section>
      {result ? <SimulationResultView ref={resultRef} result={result} /> : null}
    </>
  );
}
