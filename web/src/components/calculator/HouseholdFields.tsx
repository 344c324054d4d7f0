/**
 * The household in the calculator: its people (a name used only in this scenario, and a date of
 * birth) and their relationships (partners, and children who depend on a parent), each from a
 * date. Every person picker offers the people named above.
 */
import { useFieldArray, useWatch } from 'react-hook-form';
import { SelectField, TextField } from '../Field.tsx';
import type { CalculatorApi } from './calculator-schema.ts';
import { FormPart, Row } from './Rows.tsx';
import { EMPTY_PERSON, EMPTY_RELATIONSHIP } from './scenario-form.ts';

/** The names entered under People, each once, without blanks. */
export function usePeopleNames(api: CalculatorApi): string[] {
  const people = useWatch({ control: api.form.control, name: 'people' });
  return [...new Set((people ?? []).map((p) => p.id.trim()).filter(Boolean))];
}

interface PersonSelectProps {
  api: CalculatorApi;
  name: Parameters<CalculatorApi['field']>[0];
  label: string;
  people: string[];
  /** The first option: "Choose…", or what an empty choice means ("Nobody: the household"). */
  empty?: string;
  hint?: string;
  optional?: boolean;
}

/** A choice of one of the scenario's people; a name no longer among them stays, and says so. */
export function PersonSelect({ api, name, label, people, empty = 'Choose…', hint, optional }: PersonSelectProps) {
  const value = String(useWatch({ control: api.form.control, name }) ?? '').trim();
  return (
    <SelectField {...api.field(name)} label={label} hint={hint} optional={optional}>
      <option value="">{empty}</option>
      {value && !people.includes(value) ? <option value={value}>{value} (not among the people)</option> : null}
      {people.map((person) => (
        <option key={person} value={person}>
          {person}
        </option>
      ))}
    </SelectField>
  );
}

export function PeopleFields({ api }: { api: CalculatorApi }) {
  const rows = useFieldArray({ control: api.form.control, name: 'people' });
  return (
    <FormPart
      id="calculator-people"
      title="People"
      hint="Everyone in the household. The name is only used in this calculation: initials are enough."
      add="Add a person"
      onAdd={() => rows.append(EMPTY_PERSON)}
    >
      {rows.fields.map((row, i) => (
        <Row key={row.id} name={`Person ${i + 1}`} onRemove={rows.fields.length > 1 ? () => rows.remove(i) : undefined}>
          <TextField {...api.field(`people.${i}.id`)} label="Name" autoComplete="off" className="field--short" />
          <TextField {...api.field(`people.${i}.birthDate`)} label="Date of birth" type="date" className="field--short" />
        </Row>
      ))}
    </FormPart>
  );
}

export function RelationshipFields({ api }: { api: CalculatorApi }) {
  const rows = useFieldArray({ control: api.form.control, name: 'relationships' });
  const people = usePeopleNames(api);
  const types = useWatch({ control: api.form.control, name: 'relationships' }) ?? [];
  return (
    <FormPart
      id="calculator-relationships"
      title="Relationships"
      hint="Partners (married or common-law), and children who depend on a parent. A relationship counts in every month it touches."
      add="Add a relationship"
      onAdd={() => rows.append(EMPTY_RELATIONSHIP)}
    >
      {rows.fields.length === 0 ? <p className="muted">No relationships: each person is on their own.</p> : null}
      {rows.fields.map((row, i) => {
        const dependant = types[i]?.type === 'dependant';
        return (
          <Row key={row.id} name={`Relationship ${i + 1}`} onRemove={() => rows.remove(i)}>
            <SelectField {...api.field(`relationships.${i}.type`)} label="Relationship">
              <option value="">Choose…</option>
              <option value="spouse">Partners</option>
              <option value="dependant">Child and parent</option>
            </SelectField>
            <PersonSelect api={api} name={`relationships.${i}.people.0`} label={dependant ? 'Child' : 'First person'} people={people} />
            <PersonSelect
              api={api}
              name={`relationships.${i}.people.1`}
              label={dependant ? 'Depends on' : 'Second person'}
              people={people}
            />
            <TextField {...api.field(`relationships.${i}.start`)} label="From" type="date" className="field--short" />
            <TextField {...api.field(`relationships.${i}.end`)} label="To" type="date" className="field--short" optional />
          </Row>
        );
      })}
    </FormPart>
  );
}
