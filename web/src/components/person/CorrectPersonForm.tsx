import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { correctPerson, ProblemError } from '../../api.ts';
import { personKeys, useFocusFirstField, useRefreshPerson } from '../../hooks.ts';
import type { Person } from '../../types.ts';
import { TextField } from '../Field.tsx';
import { isLisWarning, LisWarning } from '../LisWarning.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

const P = 'correct';

/**
 * Correct a name or date of birth keyed wrongly. Only what changed is sent. For someone receiving
 * Learner Income Support the server first asks for the warning to be acknowledged (R03 step 1.a).
 */
export function CorrectPersonForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPerson(person.id);
  const [givenName, setGivenName] = useState(person.givenName);
  const [familyName, setFamilyName] = useState(person.familyName);
  const [birthDate, setBirthDate] = useState(person.birthDate);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const savedRef = useRef<HTMLParagraphElement>(null);

  const mutation = useMutation({
    mutationFn: (acknowledgeLisWarning: boolean) =>
      correctPerson(person.id, {
        version: person.version,
        ...(givenName.trim() !== person.givenName ? { givenName: givenName.trim() } : {}),
        ...(familyName.trim() !== person.familyName ? { familyName: familyName.trim() } : {}),
        ...(birthDate !== person.birthDate ? { birthDate } : {}),
        ...(acknowledgeLisWarning ? { acknowledgeLisWarning } : {}),
      }),
    onSuccess: (updated, acknowledged) => {
      queryClient.setQueryData(personKeys.person(person.id), updated);
      refresh();
      if (acknowledged) queryClient.invalidateQueries({ queryKey: ['tasks'] });
      setSaved(`Correction saved.${acknowledged ? ' The Learner Income Support Office has been told.' : ''}`);
    },
  });
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  /** Nothing changed: said here rather than asking the server to save nothing. */
  const [nothing, setNothing] = useState<ProblemError | null>(null);
  const shown = nothing ?? mutation.error;
  const errors = fieldErrors(shown);
  const unchanged = givenName.trim() === person.givenName && familyName.trim() === person.familyName && birthDate === person.birthDate;
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (unchanged) {
      mutation.reset();
      setNothing(
        new ProblemError({
          title: 'There is a problem',
          status: 400,
          errors: [{ field: 'givenName', code: 'REQUIRED', detail: 'Correct the name or the date of birth, or cancel' }],
        }),
      );
      return;
    }
    setNothing(null);
    mutation.mutate(false);
  }
  const fieldId = (field: string) => (['givenName', 'familyName', 'birthDate'].includes(field) ? `${P}-${field}` : null);

  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${P}-heading`}>
      <h2 id={`${P}-heading`}>
        Correct name or date of birth
      </h2>
      <p className="hint">For a keying mistake. The audit trail keeps what it was before.</p>
      {isLisWarning(mutation.error) ? (
        <LisWarning error={mutation.error} pending={mutation.isPending} onConfirm={() => mutation.mutate(true)} onCancel={() => mutation.reset()} />
      ) : (
        <ProblemAlert
          error={shown}
          fieldId={fieldId}
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
        <TextField
          id={`${P}-givenName`}
          label="Given name"
          autoComplete="off"
          value={givenName}
          error={errors.givenName}
          onChange={(event) => setGivenName(event.target.value)}
        />
        <TextField
          id={`${P}-familyName`}
          label="Family name"
          autoComplete="off"
          value={familyName}
          error={errors.familyName}
          onChange={(event) => setFamilyName(event.target.value)}
        />
        <TextField
          id={`${P}-birthDate`}
          label="Date of birth"
          type="date"
          className="field--short"
          value={birthDate}
          error={errors.birthDate}
          onChange={(event) => setBirthDate(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save correction'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          {saved ? 'Done' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
