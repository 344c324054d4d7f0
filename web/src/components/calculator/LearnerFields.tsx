/** The learners in the calculator: one or two of the household's people, each with their training. */
import { useFieldArray } from 'react-hook-form';
import { SelectField, TextField } from '../Field.tsx';
import type { CalculatorApi } from './calculator-schema.ts';
import { PersonSelect, usePeopleNames } from './HouseholdFields.tsx';
import { FormPart, Row } from './Rows.tsx';
import { EMPTY_LEARNER } from './scenario-form.ts';

export function LearnerFields({ api }: { api: CalculatorApi }) {
  const rows = useFieldArray({ control: api.form.control, name: 'learners' });
  const people = usePeopleNames(api);
  return (
    <FormPart
      id="calculator-learners"
      title="Learners"
      hint="One or two people in training. Two partners both in full-time training share the household's benefits (two attending)."
      add={rows.fields.length < 2 ? 'Add a second learner' : undefined}
      onAdd={() => rows.append(EMPTY_LEARNER)}
    >
      {rows.fields.map((row, i) => (
        <Row key={row.id} name={`Learner ${i + 1}`} onRemove={rows.fields.length > 1 ? () => rows.remove(i) : undefined}>
          <PersonSelect api={api} name={`learners.${i}.person`} label="Learner" people={people} />
          <TextField {...api.field(`learners.${i}.training.start`)} label="Training starts" type="date" className="field--short" />
          <TextField {...api.field(`learners.${i}.training.end`)} label="Training ends" type="date" className="field--short" />
          <SelectField {...api.field(`learners.${i}.training.load`)} label="Load" className="field--short">
            <option value="">Choose…</option>
            <option value="full-time">Full-time</option>
            <option value="part-time">Part-time</option>
          </SelectField>
        </Row>
      ))}
    </FormPart>
  );
}
