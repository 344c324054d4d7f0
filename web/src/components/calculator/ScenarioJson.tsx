/**
 * The scenario as JSON, for analysts: the form downloaded or copied as the JSON that
 * `POST /api/simulations` and `waypoint simulate` take (docs/scenarios.md), and a scenario pasted
 * or chosen as a file filling the form. Reading the JSON checks its shape only; Calculate asks the
 * server, which checks every value.
 */
import { type ChangeEvent, useState } from 'react';
import { TextAreaField } from '../Field.tsx';
import { fieldLabel } from './field-words.ts';
import { parseScenario, type Scenario, scenarioJson } from './scenario-form.ts';

const FILE_NAME = 'household-scenario.json';

interface Props {
  /** The form as a scenario, now. */
  current: () => Scenario;
  /** Fills the form with a scenario that was read. */
  onImport: (scenario: Scenario) => void;
}

export function ScenarioJson({ current, onImport }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');

  const load = (json: string, from: string) => {
    const parsed = parseScenario(json, fieldLabel);
    if (!parsed.ok) {
      setError(parsed.message);
      setStatus('');
      return;
    }
    setError(undefined);
    onImport(parsed.scenario);
    setStatus(`The form now holds the scenario from ${from}. Check it, then calculate.`);
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([scenarioJson(current())], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = FILE_NAME;
    link.click();
    URL.revokeObjectURL(url);
    setStatus(`Downloaded ${FILE_NAME}.`);
  };

  const copy = async () => {
    const json = scenarioJson(current());
    setText(json);
    setError(undefined);
    try {
      await navigator.clipboard.writeText(json);
      setStatus('Copied. The JSON is also in the box below.');
    } catch {
      setStatus('This browser did not allow copying: the JSON is in the box below, select it and copy it.');
    }
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) load(await file.text(), file.name);
    event.target.value = '';
  };

  return (
    <details className="calculator-json">
      <summary>Import or export the scenario as JSON</summary>
      <p className="hint">
        For analysts: the same JSON the calculator's API and <code>waypoint simulate</code> take (the project's documentation describes each
        field).
      </p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={download}>
          Download the scenario
        </button>
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy the scenario
        </button>
      </div>
      <p className="calculator-json__status" role="status">
        {status}
      </p>
      <TextAreaField
        id="calculator-json"
        label="Scenario as JSON"
        hint="Paste a scenario here, then fill the form from it."
        error={error}
        className="field--code"
        rows={10}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => load(text, 'the box')}>
          Fill the form from this JSON
        </button>
      </div>
      <div className="field">
        <label htmlFor="calculator-json-file">Or fill the form from a JSON file</label>
        <input id="calculator-json-file" type="file" accept=".json,application/json" onChange={chooseFile} />
      </div>
    </details>
  );
}
