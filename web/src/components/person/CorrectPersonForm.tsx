import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { correctPerson } from '../../api.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { BIRTH_DATE_TOO_EARLY, EARLIEST_DATE } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { personKeys, useRefreshPerson, useRefreshTasks } from '../../hooks.ts';
import type { Person } from '../../types.ts';
import { TextField } from '../Field.tsx';
import { isLisWarning, LisWarning } from '../LisWarning.tsx';

/** Nothing changed, or a date of birth before the first date Waypoint records: said here rather than asking the server. */
const schemaFor = (person: Person) =>
  z.object({ givenName: z.string().trim(), familyName: z.string().trim(), birthDate: z.string() }).superRefine((values, ctx) => {
    if (values.givenName === person.givenName && values.familyName === person.familyName && values.birthDate === person.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['givenName'], message: 'Correct the name or the date of birth, or cancel' });
    }
    if (values.birthDate && values.birthDate < EARLIEST_DATE) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: BIRTH_DATE_TOO_EARLY });
    }
  });

/**
 * Correct a name or date of birth keyed wrongly. Only what changed is sent. For someone receiving
 * Learner Income Support the server first asks for the warning to be acknowledged (R03 step 1.a).
 */
export function CorrectPersonForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPerson(person.id);
  const refreshTasks = useRefreshTasks();
  const api = useApiForm({
    id: 'correct',
    schema: schemaFor(person),
    defaultValues: { givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate },
    submit: ({ givenName, familyName, birthDate }, acknowledgeLisWarning?: boolean) =>
      correctPerson(person.id, {
        version: person.version,
        ...(givenName !== person.givenName ? { givenName } : {}),
        ...(familyName !== person.familyName ? { familyName } : {}),
        ...(birthDate !== person.birthDate ? { birthDate } : {}),
        ...(acknowledgeLisWarning ? { acknowledgeLisWarning } : {}),
      }),
    onSuccess: (updated, _values, acknowledged) => {
      queryClient.setQueryData(personKeys.person(person.id), updated);
      refresh();
      if (acknowledged) refreshTasks();
      api.setSaved(`Correction saved.${acknowledged ? ' The Learner Income Support Office has been told.' : ''}`, true);
    },
    onReload: refresh,
  });
  return (
    <ApiForm
      api={api}
      focusFirst
      level={2}
      title="Correct name or date of birth"
      intro="For a keying mistake. The audit trail keeps what it was before."
      warning={
        isLisWarning(api.error) ? (
          <LisWarning error={api.error} pending={api.pending} onConfirm={() => api.resubmit(true)} onCancel={api.reset} />
        ) : null
      }
    >
      <div className="form-row">
        <TextField {...api.field('givenName')} label="Given name" autoComplete="off" />
        <TextField {...api.field('familyName')} label="Family name" autoComplete="off" />
        <TextField {...api.field('birthDate')} label="Date of birth" type="date" className="field--short" />
      </div>
      <FormActions pending={api.pending} submit="Save correction" onCancel={onClose} cancel={api.saved ? 'Done' : 'Cancel'} />
    </ApiForm>
  );
}
