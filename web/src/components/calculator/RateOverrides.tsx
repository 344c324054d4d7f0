/**
 * What-if rates for one calculation (docs/scenarios.md "Rate keys"), behind a disclosure that is
 * closed until wanted: most questions use the rates in force. It opens by itself when the server
 * refuses one of its amounts, so the error is seen on its field.
 */
import { useEffect, useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { RATE_TABLES } from '../benefits/rate-tables.ts';
import { SelectField, TextField } from '../Field.tsx';
import type { CalculatorApi } from './calculator-schema.ts';
import { Row } from './Rows.tsx';
import { EMPTY_RATE } from './scenario-form.ts';

export function RateOverrides({ api }: { api: CalculatorApi }) {
  const rows = useFieldArray({ control: api.form.control, name: 'rates' });
  const values = useWatch({ control: api.form.control, name: 'rates' }) ?? [];
  const [open, setOpen] = useState(false);
  const refused = !!api.form.formState.errors.rates;
  useEffect(() => {
    if (refused) setOpen(true);
  }, [refused]);
  const count = rows.fields.length;
  return (
    <details className="calculator-rates" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Try other rates <span className="optional">(optional)</span>
        <span className="calculator-rates__count">
          {count === 0 ? ': the rates in force are used' : `: ${count} ${count === 1 ? 'rate' : 'rates'} changed for this calculation`}
        </span>
      </summary>
      <p className="hint">Replace a rate table row for this calculation only: nothing is saved. Amounts are monthly, in dollars.</p>
      {rows.fields.map((row, i) => {
        const value = values[i] ?? EMPTY_RATE;
        const table = RATE_TABLES.find((t) => t.code === value.table);
        const keys = table?.keys ?? [];
        return (
          <Row key={row.id} name={`Rate override ${i + 1}`} onRemove={() => rows.remove(i)}>
            <SelectField
              {...api.field(`rates.${i}.table`, {
                onChange: (event) =>
                  api.form.setValue(`rates.${i}.key`, RATE_TABLES.find((t) => t.code === event.target.value)?.keys[0] ?? ''),
              })}
              label="Rate table"
            >
              {table ? null : <option value={value.table}>{value.table} (not a table Waypoint knows)</option>}
              {RATE_TABLES.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.label}
                </option>
              ))}
            </SelectField>
            <SelectField {...api.field(`rates.${i}.key`)} label="Row">
              {keys.includes(value.key) ? null : <option value={value.key}>{value.key}</option>}
              {keys.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </SelectField>
            <TextField {...api.field(`rates.${i}.amount`)} label="Amount" inputMode="decimal" autoComplete="off" className="field--short" />
          </Row>
        );
      })}
      <button type="button" className="button button--secondary" onClick={() => rows.append(EMPTY_RATE)}>
        Change a rate
      </button>
    </details>
  );
}
