import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { recordDetail } from '../../api.ts';
import { DETAIL_LABELS, formatDate, humanize, todayFor } from '../../format.ts';
import { personKeys, useFocusFirstField, useRefreshPerson } from '../../hooks.ts';
import type { DetailKind, DetailValues, Person } from '../../types.ts';
import { DETAIL_KINDS, EMPLOYMENT_STATUSES } from '../../types.ts';
import { type AddressDraft, AddressFields, EMPTY_ADDRESS, toAddress } from '../AddressFields.tsx';
import { SelectField, TextField } from '../Field.tsx';
import { isLisWarning, LisWarning } from '../LisWarning.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

const P = 'detail';

interface Drafts {
  address: AddressDraft;
  phone: string;
  email: string;
  education: { level: string; institution: string; completedOn: string };
  employment: { status: string; employer: string; occupation: string };
}

const EMPTY: Drafts = {
  address: EMPTY_ADDRESS,
  phone: '',
  email: '',
  education: { level: '', institution: '', completedOn: '' },
  employment: { status: '', employer: '', occupation: '' },
};

function detailValue(kind: DetailKind, drafts: Drafts): DetailValues[DetailKind] {
  switch (kind) {
    case 'address':
      return toAddress(drafts.address);
    case 'phone':
      return drafts.phone.trim();
    case 'email':
      return drafts.email.trim();
    case 'education': {
      const { level, institution, completedOn } = drafts.education;
      return {
        level: level.trim(),
        ...(institution.trim() ? { institution: institution.trim() } : {}),
        ...(completedOn ? { completedOn } : {}),
      };
    }
    case 'employment': {
      const { status, employer, occupation } = drafts.employment;
      return {
        status: status.trim(),
        ...(employer.trim() ? { employer: employer.trim() } : {}),
        ...(occupation.trim() ? { occupation: occupation.trim() } : {}),
      };
    }
  }
}

/** Server field ("value.city", "effectiveFrom") -> control id on this form. */
function fieldId(kind: DetailKind) {
  return (field: string): string | null => {
    if (field === 'effectiveFrom') return `${P}-effectiveFrom`;
    if (field === 'kind') return `${P}-kind`;
    const sub = field.replace(/^value\.?/, '');
    if (kind === 'address') return `${P}-address-${sub || 'line1'}`;
    if (kind === 'phone' || kind === 'email') return `${P}-${kind}`;
    if (kind === 'education') return `${P}-education-${sub || 'level'}`;
    return `${P}-employment-${sub || 'status'}`;
  };
}

/** Record a new address, phone, email, education or employment from a date; old values stay. */
export function RecordDetailForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPerson(person.id);
  const [kind, setKind] = useState<DetailKind>('address');
  const [drafts, setDrafts] = useState<Drafts>(EMPTY);
  const [effectiveFrom, setEffectiveFrom] = useState(todayFor(person));
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();

  const mutation = useMutation({
    mutationFn: (acknowledgeLisWarning: boolean) =>
      recordDetail(person.id, {
        version: person.version,
        kind,
        value: detailValue(kind, drafts),
        effectiveFrom,
        ...(acknowledgeLisWarning ? { acknowledgeLisWarning } : {}),
      }),
    onSuccess: (updated, acknowledged) => {
      queryClient.setQueryData(personKeys.person(person.id), updated);
      refresh();
      // The office's task lands in a coordinator's worklist.
      if (acknowledged) queryClient.invalidateQueries({ queryKey: ['tasks'] });
      setSaved(
        `${DETAIL_LABELS[kind]} recorded, effective ${formatDate(effectiveFrom)}.` +
          (acknowledged ? ' The Learner Income Support Office has been told.' : ''),
      );
      setDrafts((current) => ({ ...current, [kind]: EMPTY[kind] }));
    },
  });
  const lisWarning = isLisWarning(mutation.error);
  // After confirming the warning, its buttons are gone: land on the confirmation instead of nowhere.
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved && mutation.variables === true) savedRef.current?.focus();
  }, [saved, mutation.variables]);

  // The warning is about the whole change, not a field: it is shown above the form instead.
  const raw = isLisWarning(mutation.error) ? {} : fieldErrors(mutation.error);
  const errors: Record<string, string> = {};
  const toId = fieldId(kind);
  for (const [field, message] of Object.entries(raw)) {
    const id = toId(field);
    if (id) errors[id] = message;
  }
  const set = <K extends keyof Drafts>(key: K, value: Drafts[K]) => setDrafts((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    mutation.mutate(false);
  }

  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="record-detail-heading">
      <h3 id="record-detail-heading">Record a change</h3>
      <p className="hint">The new value applies from the date you give; the previous value is kept in the history.</p>
      {lisWarning ? (
        <LisWarning error={mutation.error} pending={mutation.isPending} onConfirm={() => mutation.mutate(true)} onCancel={() => mutation.reset()} />
      ) : (
        <ProblemAlert
          error={mutation.error}
          fieldId={toId}
          onReload={() => {
            mutation.reset();
            refresh();
          }}
        />
      )}
      {saved ? (
        <p ref={savedRef} tabIndex={-1} className="alert alert--success" role="status">
          {saved}
        </p>
      ) : null}
      <div className="form-row">
        <SelectField
          id={`${P}-kind`}
          label="What changed"
          value={kind}
          error={errors[`${P}-kind`]}
          onChange={(event) => {
            setKind(event.target.value as DetailKind);
            mutation.reset();
          }}
        >
          {DETAIL_KINDS.map((k) => (
            <option key={k} value={k}>
              {DETAIL_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${P}-effectiveFrom`}
          label="Effective from"
          type="date"
          required
          value={effectiveFrom}
          error={errors[`${P}-effectiveFrom`]}
          onChange={(event) => setEffectiveFrom(event.target.value)}
        />
      </div>

      {kind === 'address' ? (
        <AddressFields
          idPrefix={`${P}-address`}
          value={drafts.address}
          onChange={(value) => set('address', value)}
          errors={{
            line1: errors[`${P}-address-line1`],
            line2: errors[`${P}-address-line2`],
            city: errors[`${P}-address-city`],
            province: errors[`${P}-address-province`],
            postalCode: errors[`${P}-address-postalCode`],
          }}
        />
      ) : null}
      {kind === 'phone' ? (
        <TextField
          id={`${P}-phone`}
          label="Phone"
          type="tel"
          autoComplete="off"
          value={drafts.phone}
          error={errors[`${P}-phone`]}
          onChange={(event) => set('phone', event.target.value)}
        />
      ) : null}
      {kind === 'email' ? (
        <TextField
          id={`${P}-email`}
          label="Email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={drafts.email}
          error={errors[`${P}-email`]}
          onChange={(event) => set('email', event.target.value)}
        />
      ) : null}
      {kind === 'education' ? (
        <div className="form-row">
          <TextField
            id={`${P}-education-level`}
            label="Highest level"
            hint="For example, secondary, college diploma, bachelor's degree"
            value={drafts.education.level}
            error={errors[`${P}-education-level`]}
            onChange={(event) => set('education', { ...drafts.education, level: event.target.value })}
          />
          <TextField
            id={`${P}-education-institution`}
            label="Institution"
            optional
            value={drafts.education.institution}
            error={errors[`${P}-education-institution`]}
            onChange={(event) => set('education', { ...drafts.education, institution: event.target.value })}
          />
          <TextField
            id={`${P}-education-completedOn`}
            label="Completed on"
            type="date"
            optional
            value={drafts.education.completedOn}
            error={errors[`${P}-education-completedOn`]}
            onChange={(event) => set('education', { ...drafts.education, completedOn: event.target.value })}
          />
        </div>
      ) : null}
      {kind === 'employment' ? (
        <div className="form-row">
          <SelectField
            id={`${P}-employment-status`}
            label="Employment status"
            value={drafts.employment.status}
            error={errors[`${P}-employment-status`]}
            onChange={(event) => set('employment', { ...drafts.employment, status: event.target.value })}
          >
            <option value="">Choose…</option>
            {EMPLOYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {humanize(status)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={`${P}-employment-occupation`}
            label="Occupation"
            optional
            value={drafts.employment.occupation}
            error={errors[`${P}-employment-occupation`]}
            onChange={(event) => set('employment', { ...drafts.employment, occupation: event.target.value })}
          />
          <TextField
            id={`${P}-employment-employer`}
            label="Employer"
            optional
            value={drafts.employment.employer}
            error={errors[`${P}-employment-employer`]}
            onChange={(event) => set('employment', { ...drafts.employment, employer: event.target.value })}
          />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : `Record ${DETAIL_LABELS[kind].toLowerCase()}`}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          {saved ? 'Done' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
