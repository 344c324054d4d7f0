/**
 * What if the rates were different? A coordinator tries other amounts for rate table rows and sees
 * the differences the case would have. Nothing is saved; the server computes everything.
 */
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { whatIfPdc } from '../../api.ts';
import { ApiForm } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import type { DeterminationPreview } from '../../types.ts';
import { SelectField, TextField } from '../Field.tsx';
import { DeterminationTable } from './DeterminationTable.tsx';
import { DifferencesTable } from './DifferencesTable.tsx';
import { amountInput } from './EvidenceForms.tsx';
import { RATE_TABLES } from './rate-tables.ts';

const EMPTY = { table: 'core-essential', key: '2 adults', amount: '' };

const schema = z
  .object({ rows: z.array(z.object({ table: z.string(), key: z.string(), amount: z.string() })) })
  .superRefine(({ rows }, ctx) => {
    rows.forEach((row, index) => {
      if (amountInput(row.amount) === null) {
        ctx.addIssue({ code: 'custom', path: ['rows', index, 'amount'], message: `Enter the amount to try for rate ${index + 1}` });
      }
    });
  });

export function WhatIf({ pdcId, twoAttendingMonths }: { pdcId: string; twoAttendingMonths: readonly string[] }) {
  const [result, setResult] = useState<DeterminationPreview | null>(null);
  const api = useApiForm({
    id: 'whatif',
    schema,
    defaultValues: { rows: [EMPTY] },
    /** The server names a rate `rates.<table>.<key>`; the form names it by its row. */
    aliases: (field, values) => {
      const index = values.rows.findIndex((r) => field === `rates.${r.table}.${r.key}`);
      return index >= 0 ? `rows.${index}.amount` : undefined;
    },
    submit: ({ rows }) => {
      const rates: Record<string, Record<string, string>> = {};
      for (const r of rows) rates[r.table] = { ...rates[r.table], [r.key]: amountInput(r.amount) ?? '' };
      return whatIfPdc(pdcId, rates);
    },
    onSuccess: setResult,
  });
  const rows = useFieldArray({ control: api.form.control, name: 'rows' });
  return (
    <>
      <ApiForm api={api} className="" label="Try other rates">
        {rows.fields.map((row, index) => {
          const table = RATE_TABLES.find((t) => t.code === api.form.watch(`rows.${index}.table`)) ?? RATE_TABLES[0];
          return (
            <fieldset key={row.id} className="whatif-row">
              <legend className="visually-hidden">Rate {index + 1}</legend>
              <div className="form-row form-row--bottom">
                <SelectField
                  {...api.field(`rows.${index}.table`, {
                    onChange: (event) =>
                      api.form.setValue(`rows.${index}.key`, RATE_TABLES.find((t) => t.code === event.target.value)?.keys[0] ?? ''),
                  })}
                  label="Rate table"
                >
                  {RATE_TABLES.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.label}
                    </option>
                  ))}
                </SelectField>
                <SelectField {...api.field(`rows.${index}.key`)} label="Row">
                  {(table?.keys ?? []).map((key) => (
                    <option key={key} value={key}>
                      {key}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  {...api.field(`rows.${index}.amount`)}
                  label="Monthly amount in dollars"
                  className="field--short"
                  inputMode="decimal"
                  autoComplete="off"
                />
                {rows.fields.length > 1 ? (
                  <div className="form-row__actions">
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() => rows.remove(index)}
                      aria-label={`Remove rate ${index + 1}`}
                    >
                      Remove
                    </button>
                  </div>
                ) : null}
              </div>
            </fieldset>
          );
        })}
        <div className="actions">
          <button type="submit" className="button" disabled={api.pending}>
            {api.pending ? 'Working it out…' : 'Try these rates'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => rows.append(EMPTY)}>
            Add another rate
          </button>
        </div>
      </ApiForm>
      {result ? (
        <section className="preview" aria-labelledby="whatif-result-heading">
          <h3 id="whatif-result-heading">With these rates (nothing is saved)</h3>
          <p className="hint">
            Compared with {result.basedOnVersion ? `determination version ${result.basedOnVersion}` : 'no determination yet'}; evidence in
            edit is counted as if applied.
          </p>
          <DifferencesTable
            differences={result.differences}
            caption="What these rates would change, month by month"
            empty="These rates change no month’s entitlement."
          />
          <DeterminationTable
            id="whatif-months"
            months={result.months}
            caption="The determination with these rates"
            twoAttendingMonths={twoAttendingMonths}
          />
        </section>
      ) : null}
    </>
  );
}
