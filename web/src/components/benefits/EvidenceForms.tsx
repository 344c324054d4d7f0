/**
 * Evidence forms of a learner case: add evidence, correct an applied version (same period), record
 * a change of circumstance from a date. Each shows the fields its type asks for (subtype, the
 * household member, an amount in dollars) and ties the server's refusals to those fields. Nothing
 * counts until the changes are applied.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { addEvidence, changeEvidence, correctEvidence, newIdempotencyKey } from '../../api.ts';
import { formatDate, formatRange, fullName, humanize } from '../../format.ts';
import { ApiForm, FormActions, InlineForm } from '../../forms/ApiForm.tsx';
import { required } from '../../forms/schema.ts';
import { type FieldBinder, useApiForm } from '../../forms/useApiForm.ts';
import { pdcKeys } from '../../hooks.ts';
import type { EvidenceInput, EvidenceRecord, EvidenceType, EvidenceVersion, PersonSummary } from '../../types.ts';
import { CodeOptions, SelectField, TextAreaField, TextField } from '../Field.tsx';

/** People the evidence can be about: the learner and everyone related to them. */
export type HouseholdChoice = Pick<PersonSummary, 'id' | 'reference' | 'givenName' | 'familyName'>;

/** "$1,200.50" or " 600 " as typed -> "1200.50" / "600"; the server checks the rest. */
export function amountInput(typed: string): string | null {
  const cleaned = typed.trim().replace(/[$,\s]/g, '');
  return cleaned === '' ? null : cleaned;
}

// The server checks the values (and names the field); only the type is needed to show the rest.
const schema = z.object({
  type: z.string(),
  subtype: z.string(),
  personId: z.string(),
  amount: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  effectiveFrom: z.string(),
  note: z.string().trim(),
});
type Values = z.output<typeof schema>;
type ValueName = 'subtype' | 'personId' | 'amount';

/** The server names period problems `period`, `period.start`, `period.end`; the form has two dates. */
const periodAliases = (start: keyof Values) => ({ period: start, 'period.start': start, periodStart: start, 'period.end': 'periodEnd' });

/** Subtype, household member and amount: only those the evidence type asks for. */
function ValueFields({ field, type, household }: { field: FieldBinder<ValueName>; type: EvidenceType; household: HouseholdChoice[] }) {
  const hasAmount = type.basis !== 'none';
  return (
    <>
      {type.subtypes.length || type.personRequired ? (
        <div className="form-row">
          {type.subtypes.length ? (
            <SelectField {...field('subtype')} label="Subtype" optional={!type.subtypeRequired}>
              <option value="">{type.subtypeRequired ? 'Choose…' : 'None'}</option>
              {type.subtypes.map((code) => (
                <option key={code} value={code}>
                  {humanize(code)}
                </option>
              ))}
            </SelectField>
          ) : null}
          {type.personRequired ? (
            <SelectField {...field('personId')} label="Household member" hint="Who this evidence is about.">
              <option value="">Choose…</option>
              {household.map((member) => (
                <option key={member.id} value={member.id}>
                  {fullName(member)} ({member.reference})
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
      ) : null}
      {hasAmount ? (
        <TextField
          {...field('amount')}
          label="Amount in dollars"
          optional={type.role === 'fact'}
          className="field--short"
          inputMode="decimal"
          autoComplete="off"
          hint={
            type.signed
              ? 'For example 100.00, or -100.00 to reduce the benefit.'
              : type.basis === 'point-in-time'
                ? 'The value held, for example 2500.00.'
                : type.role === 'fact'
                  ? 'The actual monthly cost when known, for example 1450.00.'
                  : 'For example 600.00.'
          }
        />
      ) : null}
    </>
  );
}

function evidenceInput(type: EvidenceType, { subtype, personId, amount, note }: Values): EvidenceInput {
  return {
    ...(type.subtypes.length ? { subtype: subtype || null } : {}),
    ...(type.personRequired ? { personId: personId || null } : {}),
    ...(type.basis !== 'none' ? { amount: amountInput(amount) } : {}),
    ...(note ? { note } : {}),
  };
}

/** The values of an evidence version, as the form starts from them. */
function initialValues(version?: EvidenceVersion): Values {
  return {
    type: '',
    subtype: version?.subtype ?? '',
    personId: version?.person?.id ?? '',
    amount: version?.amount ?? '',
    periodStart: '',
    periodEnd: version?.periodEnd ?? '',
    effectiveFrom: '',
    note: '',
  };
}

/** After a change to evidence, the case's view, evidence and preview are fetched again. */
function useRefreshCase(pdcId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) });
}

/** A form on one version of a record: it starts from the version's values; after saving, the case is fetched again. */
function useVersionForm(
  pdcId: string,
  version: EvidenceVersion,
  options: {
    id: string;
    /** The field the server's period start refers to. */
    from: 'periodStart' | 'effectiveFrom';
    submit: (values: z.output<typeof schema>) => Promise<unknown>;
    done: (values: z.output<typeof schema>) => void;
    onReload?: () => void;
  },
) {
  const refreshCase = useRefreshCase(pdcId);
  return useApiForm({
    id: options.id,
    schema,
    defaultValues: initialValues(version),
    aliases: periodAliases(options.from),
    submit: options.submit,
    onSuccess: async (_saved, values) => {
      await refreshCase();
      options.done(values);
    },
    onReload: options.onReload,
  });
}

interface AddProps {
  pdcId: string;
  types: EvidenceType[];
  household: HouseholdChoice[];
  /** Offered as the period's start: the first day of the training month. */
  defaultStart: string;
  onClose: () => void;
  onAdded: (message: string) => void;
}

export function AddEvidenceForm({ pdcId, types, household, defaultStart, onClose, onAdded }: AddProps) {
  const refreshCase = useRefreshCase(pdcId);
  const find = (code: string) => types.find((t) => t.code === code) ?? null;
  // One key for every try of this evidence (the form closes once it is added): a retry never adds it twice.
  const [key] = useState(newIdempotencyKey);
  const api = useApiForm({
    id: 'evidence-add',
    schema: schema.extend({ type: required('Choose the type of evidence') }),
    defaultValues: { ...initialValues(), periodStart: defaultStart },
    aliases: periodAliases('periodStart'),
    submit: (values) =>
      addEvidence(
        pdcId,
        {
          type: values.type,
          periodStart: values.periodStart,
          periodEnd: values.periodEnd || null,
          ...evidenceInput(find(values.type) as EvidenceType, values),
        },
        key,
      ),
    onSuccess: async (_added, values) => {
      await refreshCase();
      onAdded(`${find(values.type)?.label ?? 'Evidence'} added, in edit: it counts once the changes are applied.`);
      onClose();
    },
  });
  const type = find(api.form.watch('type'));
  return (
    <ApiForm
      api={api}
      focusFirst
      title="Add evidence"
      intro="New evidence is in edit until the changes are applied; preview the difference it makes first."
    >
      <SelectField {...api.field('type', { onChange: () => api.form.setValue('subtype', '') })} label="Type of evidence">
        <CodeOptions choices={types} />
      </SelectField>
      {type ? (
        <>
          <p className="hint evidence-type-rule">
            {type.role === 'resource'
              ? 'A resource: it reduces the entitlement.'
              : type.role === 'fact'
                ? 'A fact the automatic benefits read.'
                : 'A need.'}{' '}
            Rule: {type.rule}
          </p>
          <ValueFields field={api.field} type={type} household={household} />
          <div className="form-row">
            <TextField {...api.field('periodStart')} label="From" type="date" />
            <TextField {...api.field('periodEnd')} label="To" type="date" optional hint="Empty while ongoing." />
          </div>
          <TextAreaField {...api.field('note')} label="Note" optional />
        </>
      ) : null}
      <FormActions pending={api.pending} submit="Add evidence" onCancel={onClose} />
    </ApiForm>
  );
}

interface VersionFormProps {
  pdcId: string;
  record: EvidenceRecord;
  version: EvidenceVersion;
  type: EvidenceType;
  household: HouseholdChoice[];
  onDone: (message?: string) => void;
  onReload: () => void;
}

/** A correction: the applied value was wrong for its whole period. */
export function CorrectEvidenceForm({ pdcId, record, version, type, household, onDone, onReload }: VersionFormProps) {
  const api = useVersionForm(pdcId, version, {
    id: `evidence-correct-${version.id}`,
    from: 'periodStart',
    submit: (values) => correctEvidence(version.id, { version: version.version, ...evidenceInput(type, values) }),
    done: () => onDone(`Correction of ${record.label} (version ${version.number}) added, in edit.`),
    onReload,
  });
  return (
    <InlineForm
      api={api}
      level={4}
      title={`Correct ${record.label}, version ${version.number}`}
      intro={`A correction replaces a wrong value for the same period (${formatRange(version.periodStart, version.periodEnd)}). For a change from a date, record a change of circumstance instead.`}
    >
      <ValueFields field={api.field} type={type} household={household} />
      <TextAreaField {...api.field('note')} label="Why the correction" optional />
      <FormActions pending={api.pending} submit="Add correction" onCancel={() => onDone()} />
    </InlineForm>
  );
}

/** A change of circumstance: a new value from a date; what was in force before stays. */
export function ChangeEvidenceForm({ pdcId, record, version, type, household, onDone }: VersionFormProps) {
  const api = useVersionForm(pdcId, version, {
    id: `evidence-change-${record.id}`,
    from: 'effectiveFrom',
    submit: (values) =>
      changeEvidence(record.id, {
        effectiveFrom: values.effectiveFrom,
        periodEnd: values.periodEnd || null,
        ...evidenceInput(type, values),
      }),
    done: ({ effectiveFrom }) => onDone(`Change of circumstance to ${record.label} from ${formatDate(effectiveFrom)} added, in edit.`),
  });
  return (
    <InlineForm
      api={api}
      level={4}
      title={`Record a change to ${record.label}`}
      intro={`In force now: version ${version.number}, ${formatRange(version.periodStart, version.periodEnd)}. The change starts after ${formatDate(version.periodStart)}; the months before it keep what was recorded.`}
    >
      <div className="form-row">
        <TextField {...api.field('effectiveFrom')} label="Changes from" type="date" />
        <TextField {...api.field('periodEnd')} label="Until" type="date" optional hint="Empty while ongoing." />
      </div>
      <ValueFields field={api.field} type={type} household={household} />
      <TextAreaField {...api.field('note')} label="What changed" optional />
      <FormActions pending={api.pending} submit="Add change" onCancel={() => onDone()} />
    </InlineForm>
  );
}
