import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { breakGlass, type ProblemError } from '../../api.ts';
import { TextAreaField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

const REASON_MIN = 20;

/**
 * Shown instead of a person's record when they are not on the user's caseload (403
 * NOT_ON_CASELOAD): why access is refused, and the break-glass read with a stated reason
 * (docs/access-control.md). A reason opens the record for an hour; every read is logged with it
 * and reviewed.
 */
export function BreakGlass({ personId, refusal }: { personId: string; refusal: ProblemError }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const mutation = useMutation({
    mutationFn: () => breakGlass(personId, reason.trim()),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const mayBreakGlass = refusal.problem.mayBreakGlass === true;

  function submit(event: FormEvent) {
    event.preventDefault();
    const short = reason.trim().length < REASON_MIN;
    setTooShort(short);
    if (!short) mutation.mutate();
  }

  const errors = fieldErrors(mutation.error);
  return (
    <>
      <h1>This person is not on your caseload</h1>
      <div className="alert alert--warning" role="alert">
        <p>{refusal.problem.detail}</p>
      </div>
      {mayBreakGlass ? (
        <form className="card" onSubmit={submit} noValidate aria-labelledby="break-glass-heading">
          <h2 id="break-glass-heading">Read this record anyway (break-glass)</h2>
          <p>
            Say why you need this record. You can then read it for the next hour. Every read is recorded with your reason in the access log and reviewed
            by an auditor.
          </p>
          <ProblemAlert error={mutation.error} />
          <TextAreaField
            id="break-glass-reason"
            label="Reason"
            hint={`At least ${REASON_MIN} characters, for example the call or the request you are answering.`}
            value={reason}
            maxLength={500}
            error={tooShort ? `Give a reason of at least ${REASON_MIN} characters.` : errors.reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? 'Opening…' : 'Open the record'}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <Link to="/">Find a person</Link>
      </p>
    </>
  );
}
