/**
 * Evidence forms of a learner case: add evidence, correct an applied version (same period), record
 * a change of circumstance from a date. Each shows the fields its type asks for (subtype, the
 * household member, an amount in dollars) and ties the server's refusals to those fields. Nothing
 * counts until the changes are applied.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { addEvidence, changeEvidence, correctEvidence, ProblemError } from '../../api.ts';
import { formatDate, formatRange, fullName, humanize } from '../../format.ts';
import { pdcKeys, useFocusFirstField } from '../../hooks.ts';
import type { EvidenceInput, EvidenceRecord, EvidenceType, EvidenceVersion, PersonSummary } from '../../types.ts';
import { SelectField, TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

/** People the evidence can be about: the learner and everyone related to them. */
export type HouseholdChoice = Pick<PersonSummary, 'id' | 'reference' | 'givenName' | 'familyName'>;

/** "$1,200.50" or " 600 " as typed -> "1200.50" / "600"; the server checks the rest. */
export function amountInput(typed: string): string | null {
  const cleaned = typed.trim().replace(/[$,\s]/g, '');
  return cleaned === '' ? null : cleaned;
}

/** The server names period problems `period`, `period.start`, `period.end`; the form has two dates. */
function evidenceErrors(error: unknown) {
  const e = fieldErrors(error);
  return {
    type: e.type,
    subtype: e.subtype,
    personId: e.personId,
    amount: e.amount,
    periodStart: e.periodStart ?? e['period.start'] ?? e.period,
    periodEnd: e.periodEnd ?? e['period.end'],
    effectiveFrom: e.effectiveFrom,
    note: e.note,
  };
}

function fieldIdsFor(prefix: string, startId = `${prefix}-start`) {
  return (field: string): string | null =>
    ({
      type: `${prefix}-type`,
      subtype: `${prefix}-subtype`,
      personId: `${prefix}-person`,
      amount: `${prefix}-amount`,
      periodStart: startId,
      period: startId,
      'period.start': startId,
      periodEnd: `${prefix}-end`,
      'period.end': `${prefix}-end`,
      effectiveFrom: `${prefix}-from`,
      note: `${prefix}-note`,
    })[field] ?? null;
}

interface ValueFieldsProps {
  prefix: string;
  type: EvidenceType;
  household: HouseholdChoice[];
  subtype: string;
  personId: string;
  amount: string;
  onSubtype: (value: string) => void;
  onPerson: (value: string) => void;
  onAmount: (value: string) => void;
  errors: ReturnType<typeof evidenceErrors>;
}

/** Subtype, household member and amount: only those the evidence type asks for. */
function ValueFields({ prefix, type, household, subtype, personId, amount, onSubtype, onPerson, onAmount, errors }: ValueFieldsProps) {
  const hasAmount = type.basis !== 'none';
  return (
    <>
      {type.subtypes.length || type.personRequired ? (
        <div className="form-row">
          {type.subtypes.length ? (
            <SelectField
              id={`${prefix}-subtype`}
              label="Subtype"
              optional={!type.subtypeRequired}
              value={subtype}
              error={errors.subtype}
              onChange={(event) => onSubtype(event.target.value)}
            >
              <option value="">{type.subtypeRequired ? 'Choose…' : 'None'}</option>
              {type.subtypes.map((code) => (
                <option key={code} value={code}>
                  {humanize(code)}
                </option>
              ))}
            </SelectField>
          ) : null}
          {type.personRequired ? (
            <SelectField
              id={`${prefix}-person`}
              label="Household member"
              hint="Who this evidence is about."
              value={personId}
              error={errors.personId}
              onChange={(event) => onPerson(event.target.value)}
            >
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
          id={`${prefix}-amount`}
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
          value={amount}
          error={errors.amount}
          onChange={(event) => onAmount(event.target.value)}
        />
      ) : null}
    </>
  );
}

function values(type: EvidenceType, subtype: string, personId: string, amount: string, note: string): EvidenceInput {
  return {
    ...(type.subtypes.length ? { subtype: subtype || null } : {}),
    ...(type.personRequired ? { personId: personId || null } : {}),
    ...(type.basis !== 'none' ? { amount: amountInput(amount) } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

function useEvidenceMutation<V, R>(pdcId: string, change: (variables: V) => Promise<R>, onSuccess: (result: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) });
      onSuccess(result);
    },
  });
}

function FormActions({ pending, submit, onCancel }: { pending: boolean; submit: string; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Saving…' : submit}
      </button>
      <button type="button" className="button button--link" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
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
  const [typeCode, setTypeCode] = useState('');
  const [subtype, setSubtype] = useState('');
  const [personId, setPersonId] = useState('');
  const [amount, setAmount] = useState('');
  const [periodStart, setPeriodStart] = useState(defaultStart);
  const [periodEnd, setPeriodEnd] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const type = types.find((t) => t.code === typeCode) ?? null;
  const mutation = useEvidenceMutation(
    pdcId,
    (chosen: EvidenceType) =>
      addEvidence(pdcId, { type: chosen.code, periodStart, periodEnd: periodEnd || null, ...values(chosen, subtype, personId, amount, note) }),
    () => {
      onAdded(`${type?.label ?? 'Evidence'} added, in edit: it counts once the changes are applied.`);
      onClose();
    },
  );
  const shown = missing ?? mutation.error;
  const errors = evidenceErrors(shown);
  const p = 'evidence-add';
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!type) {
      mutation.reset();
      setMissing(new ProblemError({ title: 'There is a problem', status: 400, errors: [{ field: 'type', code: 'REQUIRED', detail: 'Choose the type of evidence' }] }));
      return;
    }
    setMissing(null);
    mutation.mutate(type);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h3 id={`${p}-heading`}>Add evidence</h3>
      <p className="hint">New evidence is in edit until the changes are applied; preview the difference it makes first.</p>
      <ProblemAlert error={shown} fieldId={fieldIdsFor(p)} />
      <SelectField
        id={`${p}-type`}
        label="Type of evidence"
        value={typeCode}
        error={errors.type}
        onChange={(event) => {
          setTypeCode(event.target.value);
          setSubtype('');
        }}
      >
        <option value="">Choose…</option>
        {types.map((t) => (
          <option key={t.code} value={t.code}>
            {t.label}
          </option>
        ))}
      </SelectField>
      {type ? (
        <>
          <p className="hint evidence-type-rule">
            {type.role === 'resource' ? 'A resource: it reduces the entitlement.' : type.role === 'fact' ? 'A fact the automatic benefits read.' : 'A need.'}{' '}
            Rule: {type.rule}
          </p>
          <ValueFields
            prefix={p}
            type={type}
            household={household}
            subtype={subtype}
            personId={personId}
            amount={amount}
            onSubtype={setSubtype}
            onPerson={setPersonId}
            onAmount={setAmount}
            errors={errors}
          />
          <div className="form-row">
            <TextField
              id={`${p}-start`}
              label="From"
              type="date"
              value={periodStart}
              error={errors.periodStart}
              onChange={(event) => setPeriodStart(event.target.value)}
            />
            <TextField
              id={`${p}-end`}
              label="To"
              type="date"
              optional
              hint="Empty while ongoing."
              value={periodEnd}
              error={errors.periodEnd}
              onChange={(event) => setPeriodEnd(event.target.value)}
            />
          </div>
          <TextAreaField id={`${p}-note`} label="Note" optional value={note} error={errors.note} onChange={(event) => setNote(event.target.value)} />
        </>
      ) : null}
      <FormActions pending={mutation.isPending} submit="Add evidence" onCancel={onClose} />
    </form>
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
  const [subtype, setSubtype] = useState(version.subtype ?? '');
  const [personId, setPersonId] = useState(version.person?.id ?? '');
  const [amount, setAmount] = useState(version.amount ?? '');
  const [note, setNote] = useState('');
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useEvidenceMutation(
    pdcId,
    () => correctEvidence(version.id, { version: version.version, ...values(type, subtype, personId, amount, note) }),
    () => onDone(`Correction of ${record.label} (version ${version.number}) added, in edit.`),
  );
  const errors = evidenceErrors(mutation.error);
  const p = `evidence-correct-${version.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(undefined);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h4 id={`${p}-heading`}>
        Correct {record.label}, version {version.number}
      </h4>
      <p className="hint">
        A correction replaces a wrong value for the same period ({formatRange(version.periodStart, version.periodEnd)}). For a change from a date, record
        a change of circumstance instead.
      </p>
      <ProblemAlert
        error={mutation.error}
        fieldId={fieldIdsFor(p)}
        onReload={() => {
          mutation.reset();
          onReload();
        }}
      />
      <ValueFields
        prefix={p}
        type={type}
        household={household}
        subtype={subtype}
        personId={personId}
        amount={amount}
        onSubtype={setSubtype}
        onPerson={setPersonId}
        onAmount={setAmount}
        errors={errors}
      />
      <TextAreaField id={`${p}-note`} label="Why the correction" optional value={note} error={errors.note} onChange={(event) => setNote(event.target.value)} />
      <FormActions pending={mutation.isPending} submit="Add correction" onCancel={() => onDone()} />
    </form>
  );
}

/** A change of circumstance: a new value from a date; what was in force before stays. */
export function ChangeEvidenceForm({ pdcId, record, version, type, household, onDone }: VersionFormProps) {
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [periodEnd, setPeriodEnd] = useState(version.periodEnd ?? '');
  const [subtype, setSubtype] = useState(version.subtype ?? '');
  const [personId, setPersonId] = useState(version.person?.id ?? '');
  const [amount, setAmount] = useState(version.amount ?? '');
  const [note, setNote] = useState('');
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useEvidenceMutation(
    pdcId,
    () => changeEvidence(record.id, { effectiveFrom, periodEnd: periodEnd || null, ...values(type, subtype, personId, amount, note) }),
    () => onDone(`Change of circumstance to ${record.label} from ${formatDate(effectiveFrom)} added, in edit.`),
  );
  const errors = evidenceErrors(mutation.error);
  const p = `evidence-change-${record.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(undefined);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h4 id={`${p}-heading`}>Record a change to {record.label}</h4>
      <p className="hint">
        In force now: version {version.number}, {formatRange(version.periodStart, version.periodEnd)}. The change starts after{' '}
        {formatDate(version.periodStart)}; the months before it keep what was recorded.
      </p>
      <ProblemAlert error={mutation.error} fieldId={fieldIdsFor(p, `${p}-from`)} />
      <div className="form-row">
        <TextField
          id={`${p}-from`}
          label="Changes from"
          type="date"
          value={effectiveFrom}
          error={errors.effectiveFrom ?? errors.periodStart}
          onChange={(event) => setEffectiveFrom(event.target.value)}
        />
        <TextField
          id={`${p}-end`}
          label="Until"
          type="date"
          optional
          hint="Empty while ongoing."
          value={periodEnd}
          error={errors.periodEnd}
          onChange={(event) => setPeriodEnd(event.target.value)}
        />
      </div>
      <ValueFields
        prefix={p}
        type={type}
        household={household}
        subtype={subtype}
        personId={personId}
        amount={amount}
        onSubtype={setSubtype}
        onPerson={setPersonId}
        onAmount={setAmount}
        errors={errors}
      />
      <TextAreaField id={`${p}-note`} label="What changed" optional value={note} error={errors.note} onChange={(event) => setNote(event.target.value)} />
      <FormActions pending={mutation.isPending} submit="Add change" onCancel={() => onDone()} />
    </form>
  );
}
