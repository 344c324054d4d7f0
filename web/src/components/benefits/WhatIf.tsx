/**
 * What if the rates were different? A coordinator tries other amounts for rate table rows and sees
 * the differences the case would have. Nothing is saved; the server computes everything.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ProblemError, whatIfPdc } from '../../api.ts';
import type { DeterminationPreview } from '../../types.ts';
import { SelectField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { amountInput } from './EvidenceForms.tsx';
import { DeterminationTable } from './DeterminationTable.tsx';
import { DifferencesTable } from './DifferencesTable.tsx';

/** The rate tables and their row keys (docs/scenarios.md "Rate keys"): names only, no amounts. */
export const RATE_TABLES: { code: string; label: string; keys: string[] }[] = [
  { code: 'core-essential', label: 'Core Essential', keys: ['1 adult', '2 adults', 'each child'] },
  {
    code: 'core-shelter',
    label: 'Core Shelter',
    keys: ['renting', 'homeowner', 'boarding'].flatMap((situation) => ['1 adult', '2 adults', 'each child'].map((who) => `${situation}: ${who}`)),
  },
  { code: 'handicap-benefit', label: 'Handicap Benefit', keys: ['each eligible person'] },
  { code: 'special-diet', label: 'Special Diet', keys: ['each person'] },
  { code: 'child-care-babysitting', label: 'Child Care – Babysitting', keys: ['each child'] },
];

interface Row {
  table: string;
  key: string;
  amount: string;
}

const EMPTY: Row = { table: 'core-essential', key: '2 adults', amount: '' };

export function WhatIf({ pdcId, twoAttendingMonths }: { pdcId: string; twoAttendingMonths: readonly string[] }) {
  const [rows, setRows] = useState<Row[]>([EMPTY]);
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const [result, setResult] = useState<DeterminationPreview | null>(null);
  const mutation = useMutation({
    mutationFn: (rates: Record<string, Record<string, string>>) => whatIfPdc(pdcId, rates),
    onSuccess: setResult,
  });
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  /** The server names a rate `rates.<table>.<key>`; the form names it by its row. */
  const rowOf = (field: string) => rows.findIndex((r) => field === `rates.${r.table}.${r.key}`);
  const fieldId = (field: string) => {
    const match = /^row(\d+)$/.exec(field);
    const index = match ? Number(match[1]) : rowOf(field);
    return index >= 0 ? `whatif-${index}-amount` : null;
  };
  const errorFor = (index: number) => {
    const row = rows[index];
    return errors[`row${index}`] ?? (row ? errors[`rates.${row.table}.${row.key}`] : undefined);
  };
  const update = (index: number, change: Partial<Row>) => setRows((current) => current.map((r, i) => (i === index ? { ...r, ...change } : r)));
  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = rows.map((r, index) => ({ r, index })).filter(({ r }) => amountInput(r.amount) === null);
    if (empty.length) {
      mutation.reset();
      setMissing(
        new ProblemError({
          title: 'There is a problem',
          status: 400,
          errors: empty.map(({ index }) => ({ field: `row${index}`, code: 'REQUIRED', detail: `Enter the amount to try for rate ${index + 1}` })),
        }),
      );
      return;
    }
    setMissing(null);
    const rates: Record<string, Record<string, string>> = {};
    for (const r of rows) rates[r.table] = { ...rates[r.table], [r.key]: amountInput(r.amount) ?? '' };
    mutation.mutate(rates);
  }
  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Try other rates">
        <ProblemAlert error={shown} fieldId={fieldId} />
        {rows.map((row, index) => {
          const table = RATE_TABLES.find((t) => t.code === row.table) ?? RATE_TABLES[0];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
            <fieldset key={index} className="whatif-row">
              <legend className="visually-hidden">Rate {index + 1}</legend>
              <div className="form-row form-row--bottom">
                <SelectField
                  id={`whatif-${index}-table`}
                  label="Rate table"
                  value={row.table}
                  onChange={(event) => {
                    const next = RATE_TABLES.find((t) => t.code === event.target.value);
                    update(index, { table: event.target.value, key: next?.keys[0] ?? '' });
                  }}
                >
                  {RATE_TABLES.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.label}
                    </option>
                  ))}
                </SelectField>
                <SelectField id={`whatif-${index}-key`} label="Row" value={row.key} onChange={(event) => update(index, { key: event.target.value })}>
                  {(table?.keys ?? []).map((key) => (
                    <option key={key} value={key}>
                      {key}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  id={`whatif-${index}-amount`}
                  label="Monthly amount in dollars"
                  className="field--short"
                  inputMode="decimal"
                  autoComplete="off"
                  value={row.amount}
                  error={errorFor(index)}
                  onChange={(event) => update(index, { amount: event.target.value })}
                />
                {rows.length > 1 ? (
                  <div className="form-row__actions">
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
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
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Working it out…' : 'Try these rates'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setRows((current) => [...current, EMPTY])}>
            Add another rate
          </button>
        </div>
      </form>
      {result ? (
        <section className="preview" aria-labelledby="whatif-result-heading">
          <h3 id="whatif-result-heading">With these rates (nothing is saved)</h3>
          <p className="hint">
            Compared with {result.basedOnVersion ? `determination version ${result.basedOnVersion}` : 'no determination yet'}; evidence in edit is counted
            as if applied.
          </p>
          <DifferencesTable differences={result.differences} caption="What these rates would change, month by month" empty="These rates change no month’s entitlement." />
          <DeterminationTable id="whatif-months" months={result.months} caption="The determination with these rates" twoAttendingMonths={twoAttendingMonths} />
        </section>
      ) : null}
    </>
  );
}
