/**
 * The household's evidence in the calculator, entered once: each row a type from the server's
 * catalogue, the fields that type asks for (subtype, whose evidence, amount, approval) and the
 * period it covers. Whose evidence counts on which case is the server's to decide
 * (docs/scenarios.md "Whose evidence counts where").
 */
import { useFieldArray, useWatch } from 'react-hook-form';
import { humanize } from '../../format.ts';
import type { EvidenceType } from '../../types.ts';
import { SelectField, TextField } from '../Field.tsx';
import type { CalculatorApi } from './calculator-schema.ts';
import { PersonSelect, usePeopleNames } from './HouseholdFields.tsx';
import { FormPart, Row } from './Rows.tsx';
import { EMPTY_EVIDENCE, type EvidenceRow } from './scenario-form.ts';

function EvidenceRowFields({
  api,
  index,
  row,
  types,
  people,
}: {
  api: CalculatorApi;
  index: number;
  row: EvidenceRow;
  types: readonly EvidenceType[];
  people: string[];
}) {
  const path = `evidence.${index}` as const;
  const type = types.find((t) => t.code === row.type);
  const shows = (field: 'subtype' | 'amount' | 'approved', wanted: boolean) =>
    wanted || row[field] !== '' || !!api.errorOf(`${path}.${field}`);
  return (
    <>
      <SelectField
        {...api.field(`${path}.type`, {
          onChange: (event) => {
            const next = types.find((t) => t.code === event.target.value);
            if (!next?.subtypes.includes(api.form.getValues(`${path}.subtype`))) api.form.setValue(`${path}.subtype`, '');
          },
        })}
        label="Type"
        className="calculator-field--wide"
      >
        <option value="">Choose…</option>
        {row.type && !type ? <option value={row.type}>{row.type} (not a type Waypoint knows)</option> : null}
        {types.map((t) => (
          <option key={t.code} value={t.code}>
            {t.label}
          </option>
        ))}
      </SelectField>
      {shows('subtype', !!type?.subtypes.length) ? (
        <SelectField {...api.field(`${path}.subtype`)} label="Subtype" optional={!type?.subtypeRequired}>
          <option value="">{type?.subtypeRequired ? 'Choose…' : 'None'}</option>
          {row.subtype && !type?.subtypes.includes(row.subtype) ? <option value={row.subtype}>{humanize(row.subtype)}</option> : null}
          {(type?.subtypes ?? []).map((code) => (
            <option key={code} value={code}>
              {humanize(code)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <PersonSelect
        api={api}
        name={`${path}.person`}
        label="Whose evidence"
        people={people}
        empty={type?.personRequired ? 'Choose…' : 'The household'}
      />
      {shows('amount', !!type && type.basis !== 'none') ? (
        <TextField
          {...api.field(`${path}.amount`)}
          label="Amount in dollars"
          optional={type?.role === 'fact'}
          inputMode="decimal"
          autoComplete="off"
          className="field--short"
        />
      ) : null}
      {shows('approved', type?.code === 'director-approval') ? (
        <SelectField {...api.field(`${path}.approved`)} label="Approved" className="field--short">
          <option value="">Not said (counts as approved)</option>
          <option value="yes">Approved</option>
          <option value="no">Waiting for approval</option>
        </SelectField>
      ) : null}
      <TextField {...api.field(`${path}.period.start`)} label="From" type="date" className="field--short" />
      <TextField {...api.field(`${path}.period.end`)} label="To" type="date" className="field--short" optional />
    </>
  );
}

/**
 * The rows appear once the evidence types are known: a select shows the value it was given only
 * if that value is among its options when it first appears.
 */
export function EvidenceFields({ api, types }: { api: CalculatorApi; types: readonly EvidenceType[] | undefined }) {
  const rows = useFieldArray({ control: api.form.control, name: 'evidence' });
  const values = useWatch({ control: api.form.control, name: 'evidence' }) ?? [];
  const people = usePeopleNames(api);
  return (
    <FormPart
      id="calculator-evidence"
      title="Evidence"
      hint={
        <>
          The household's costs, income and circumstances, each entered once for the whole household; name the person evidence is about when
          it is theirs. Amounts are in dollars, such as 600.00: monthly, except a scholarship (the whole sum over its period) and assets
          (the value held). A Director Approval adjustment may be negative, such as -100.00.
        </>
      }
      add="Add evidence"
      onAdd={() => rows.append(EMPTY_EVIDENCE)}
    >
      {types === undefined ? <p className="muted">Loading the evidence types…</p> : null}
      {types !== undefined && rows.fields.length === 0 ? <p className="muted">No evidence yet.</p> : null}
      {(types === undefined ? [] : rows.fields).map((row, i) => (
        <Row key={row.id} name={`Evidence row ${i + 1}`} onRemove={() => rows.remove(i)}>
          <EvidenceRowFields api={api} index={i} row={values[i] ?? EMPTY_EVIDENCE} types={types ?? []} people={people} />
        </Row>
      ))}
    </FormPart>
  );
}
