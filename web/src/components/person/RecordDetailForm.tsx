import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { recordDetail } from '../../api.ts';
import { DETAIL_LABELS, formatDate, humanize, todayFor } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { personKeys, useRefreshPerson, useRefreshTasks } from '../../hooks.ts';
import type { DetailKind, DetailValues, Person } from '../../types.ts';
import { DETAIL_KINDS, EMPLOYMENT_STATUSES } from '../../types.ts';
import { type AddressDraft, AddressFields, EMPTY_ADDRESS, toAddress } from '../AddressFields.tsx';
import { SelectField, TextField } from '../Field.tsx';
import { isLisWarning, LisWarning } from '../LisWarning.tsx';

// Every value is checked by the server (which names the field); here they are only carried.
const schema = z.object({
  kind: z.custom<DetailKind>(),
  effectiveFrom: z.string(),
  address: z.object({ line1: z.string(), line2: z.string(), city: z.string(), province: z.string(), postalCode: z.string() }),
  phone: z.string(),
  email: z.string(),
  education: z.object({ level: z.string(), institution: z.string(), completedOn: z.string() }),
  employment: z.object({ status: z.string(), employer: z.string(), occupation: z.string() }),
});
type Values = z.output<typeof schema>;

/** The control a value's first part is reported on when the server names the whole value. */
const FIRST: Record<DetailKind, string> = {
  address: 'address.line1',
  phone: 'phone',
  email: 'email',
  education: 'education.level',
  employment: 'employment.status',
};

function detailValue(values: Values): DetailValues[DetailKind] {
  switch (values.kind) {
    case 'address':
      return toAddress(values.address as AddressDraft);
    case 'phone':
      return values.phone.trim();
    case 'email':
      return values.email.trim();
    case 'education': {
      const { level, institution, completedOn } = values.education;
      return {
        level: level.trim(),
        ...(institution.trim() ? { institution: institution.trim() } : {}),
        ...(completedOn ? { completedOn } : {}),
      };
    }
    case 'employment': {
      const { status, employer, occupation } = values.employment;
      return {
        status: status.trim(),
        ...(employer.trim() ? { employer: employer.trim() } : {}),
        ...(occupation.trim() ? { occupation: occupation.trim() } : {}),
      };
    }
  }
}

/** Record a new address, phone, email, education or employment from a date; old values stay. */
export function RecordDetailForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPerson(person.id);
  const refreshTasks = useRefreshTasks();
  const api = useApiForm({
    id: 'detail',
    schema,
    defaultValues: {
      kind: 'address',
      effectiveFrom: todayFor(person),
      address: EMPTY_ADDRESS,
      phone: '',
      email: '',
      education: { level: '', institution: '', completedOn: '' },
      employment: { status: '', employer: '', occupation: '' },
    },
    // The server names "value.city", or "value" for the whole value: the fields of the kind shown.
    aliases: (field, { kind }) => (field === 'value' ? FIRST[kind] : field.startsWith('value.') ? `${kind}.${field.slice(6)}` : undefined),
    submit: (values, acknowledgeLisWarning?: boolean) =>
      recordDetail(person.id, {
        version: person.version,
        kind: values.kind,
        value: detailValue(values),
        effectiveFrom: values.effectiveFrom,
        ...(acknowledgeLisWarning ? { acknowledgeLisWarning } : {}),
      }),
    onSuccess: (updated, { kind, effectiveFrom }, acknowledged) => {
      queryClient.setQueryData(personKeys.person(person.id), updated);
      refresh();
      // The office's task lands in a coordinator's worklist.
      if (acknowledged) refreshTasks();
      // After confirming the warning, its buttons are gone: land on the confirmation instead of nowhere.
      api.setSaved(
        `${DETAIL_LABELS[kind]} recorded, effective ${formatDate(effectiveFrom)}.` +
          (acknowledged ? ' The Learner Income Support Office has been told.' : ''),
        !!acknowledged,
      );
      api.form.resetField(kind);
    },
    onReload: refresh,
  });
  const kind = api.form.watch('kind');
  const field = (name: string) => api.field(name as never);

  return (
    <ApiForm
      api={api}
      focusFirst
      title="Record a change"
      intro="The new value applies from the date you give; the previous value is kept in the history."
      // The warning is about the whole change, not a field: it is shown above the form instead.
      warning={
        isLisWarning(api.error) ? (
          <LisWarning error={api.error} pending={api.pending} onConfirm={() => api.resubmit(true)} onCancel={api.reset} />
        ) : null
      }
    >
      <div className="form-row">
        <SelectField {...api.field('kind', { onChange: api.reset })} label="What changed">
          {DETAIL_KINDS.map((k) => (
            <option key={k} value={k}>
              {DETAIL_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField {...api.field('effectiveFrom')} label="Effective from" type="date" required />
      </div>

      {kind === 'address' ? <AddressFields field={(name) => field(`address.${name}`)} /> : null}
      {kind === 'phone' ? <TextField {...api.field('phone')} label="Phone" type="tel" autoComplete="off" /> : null}
      {kind === 'email' ? <TextField {...api.field('email')} label="Email" type="email" autoComplete="off" spellCheck={false} /> : null}
      {kind === 'education' ? (
        <div className="form-row">
          <TextField
            {...api.field('education.level')}
            label="Highest level"
            hint="For example, secondary, college diploma, bachelor's degree"
          />
          <TextField {...api.field('education.institution')} label="Institution" optional />
          <TextField {...api.field('education.completedOn')} label="Completed on" type="date" optional />
        </div>
      ) : null}
      {kind === 'employment' ? (
        <div className="form-row">
          <SelectField {...api.field('employment.status')} label="Employment status">
            <option value="">Choose…</option>
            {EMPLOYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {humanize(status)}
              </option>
            ))}
          </SelectField>
          <TextField {...api.field('employment.occupation')} label="Occupation" optional />
          <TextField {...api.field('employment.employer')} label="Employer" optional />
        </div>
      ) : null}
      <FormActions
        pending={api.pending}
        submit={`Record ${DETAIL_LABELS[kind].toLowerCase()}`}
        onCancel={onClose}
        cancel={api.saved ? 'Done' : 'Cancel'}
      />
    </ApiForm>
  );
}
