import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { z } from 'zod';
import { breakGlass, type ProblemError } from '../../api.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { TextAreaField } from '../Field.tsx';

const REASON_MIN = 20;
const schema = z.object({ reason: z.string().trim().min(REASON_MIN, `Give a reason of at least ${REASON_MIN} characters.`) });

/**
 * Shown instead of a person's record when they are not on the user's caseload (403
 * NOT_ON_CASELOAD): why access is refused, and the break-glass read with a stated reason
 * (docs/access-control.md). A reason opens the record for an hour; every read is logged with it
 * and reviewed.
 */
export function BreakGlass({ personId, refusal }: { personId: string; refusal: ProblemError }) {
  const queryClient = useQueryClient();
  const api = useApiForm({
    id: 'break-glass',
    schema,
    defaultValues: { reason: '' },
    submit: ({ reason }) => breakGlass(personId, reason),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const mayBreakGlass = refusal.problem.mayBreakGlass === true;

  return (
    <>
      <h1>This person is not on your caseload</h1>
      <div className="alert alert--warning" role="alert">
        <p>{refusal.problem.detail}</p>
      </div>
      {mayBreakGlass ? (
        <ApiForm
          api={api}
          className="card"
          level={2}
          title="Read this record anyway (break-glass)"
          intro="Say why you need this record. You can then read it for the next hour. Every read is recorded with your reason in the access log and reviewed by an auditor."
        >
          <TextAreaField
            {...api.field('reason')}
            label="Reason"
            hint={`At least ${REASON_MIN} characters, for example the call or the request you are answering.`}
            maxLength={500}
          />
          <FormActions pending={api.pending} submit="Open the record" pendingText="Opening…" />
        </ApiForm>
      ) : null}
      <p>
        <Link to="/people">Find a person</Link>
      </p>
    </>
  );
}
