import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { completeAssessment, startAssessment } from '../../api.ts';
import { todayFor } from '../../format.ts';
import { useFocusFirstField, useNeeds, useRefreshPerson } from '../../hooks.ts';
import type { Assessment, IntegratedCase, Need, Person } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DateText } from '../DateText.tsx';
import { TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { NeedsPicker } from './NeedsPicker.tsx';

function label(catalogue: Need[] | undefined, code: string | null): string {
  if (!code) return '—';
  return catalogue?.find((need) => need.code === code)?.label ?? code;
}

/** Assessments under an Integrated Case: start one (open case only) and complete it. */
export function Assessments({
  person,
  integratedCase: c,
  readOnly,
}: {
  person: Person;
  integratedCase: IntegratedCase;
  readOnly: boolean;
}) {
  const needs = useNeeds();
  const [completing, setCompleting] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const headingId = `assessments-${c.id}`;
  return (
    <section aria-labelledby={headingId} className="assessments">
      <h4 id={headingId}>Assessments</h4>
      <ProblemAlert error={needs.error} />
      {c.assessments.length === 0 ? (
        <p className="muted">No assessments yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">Assessments under {c.reference}</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Needs identified</th>
                <th scope="col">Primary Need</th>
                <th scope="col">Completed</th>
                <th scope="col">Assessor</th>
                {readOnly ? null : (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {c.assessments.map((assessment) => (
                <AssessmentRow
                  key={assessment.id}
                  person={person}
                  assessment={assessment}
                  catalogue={needs.data}
                  readOnly={readOnly}
                  completing={completing === assessment.id}
                  onCompleting={(on) => setCompleting(on ? assessment.id : null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && c.status === 'open' && needs.data ? (
        starting ? (
          <StartAssessmentForm person={person} integratedCase={c} catalogue={needs.data} onDone={() => setStarting(false)} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setStarting(true)}>
            Start an assessment…
          </button>
        )
      ) : null}
    </section>
  );
}

function AssessmentRow({
  person,
  assessment: a,
  catalogue,
  readOnly,
  completing,
  onCompleting,
}: {
  person: Person;
  assessment: Assessment;
  catalogue: Need[] | undefined;
  readOnly: boolean;
  completing: boolean;
  onCompleting: (on: boolean) => void;
}) {
  return (
    <>
      <tr>
        <td>
          <DateText value={a.startedOn} />
        </td>
        <td>{a.status === 'completed' ? <Badge tone="success">Completed</Badge> : <Badge tone="info">In progress</Badge>}</td>
        <td>{a.needs.length ? a.needs.map((code) => label(catalogue, code)).join(', ') : '—'}</td>
        <td>{label(catalogue, a.primaryNeed)}</td>
        <td>
          <DateText value={a.completedOn} />
        </td>
        <td>{a.assessor.displayName}</td>
        {readOnly ? null : (
          <td className="cell-actions">
            {a.status === 'in-progress' && !completing && catalogue ? (
              <button type="button" className="button button--secondary button--small" onClick={() => onCompleting(true)}>
                Complete…
              </button>
            ) : null}
          </td>
        )}
      </tr>
      {completing && catalogue ? (
        <tr className="row-form">
          <td colSpan={7}>
            <CompleteAssessmentForm person={person} assessment={a} catalogue={catalogue} onDone={() => onCompleting(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function StartAssessmentForm({
  person,
  integratedCase: c,
  catalogue,
  onDone,
}: {
  person: Person;
  integratedCase: IntegratedCase;
  catalogue: Need[];
  onDone: () => void;
}) {
  const refresh = useRefreshPerson(person.id);
  const [needs, setNeeds] = useState<string[]>([]);
  const [primaryNeed, setPrimaryNeed] = useState('');
  const [notes, setNotes] = useState('');
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () =>
      startAssessment(c.id, { needs, ...(primaryNeed ? { primaryNeed } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}) }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = fieldErrors(mutation.error);
  const prefix = `start-${c.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h5 id={`${prefix}-heading`}>Start an assessment</h5>
      <ProblemAlert
        error={mutation.error}
        fieldId={(field) =>
          field === 'needs' || field === 'primaryNeed' ? `${prefix}-${field}` : field === 'notes' ? `${prefix}-notes` : null
        }
      />
      <NeedsPicker
        idPrefix={prefix}
        catalogue={catalogue}
        needs={needs}
        primaryNeed={primaryNeed}
        onChange={(n, p) => {
          setNeeds(n);
          setPrimaryNeed(p);
        }}
        errors={{ needs: errors.needs, primaryNeed: errors.primaryNeed }}
      />
      <TextAreaField
        id={`${prefix}-notes`}
        label="Notes"
        optional
        value={notes}
        error={errors.notes}
        onChange={(event) => setNotes(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          Start assessment
        </button>
        <button type="button" className="button button--link" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CompleteAssessmentForm({
  person,
  assessment: a,
  catalogue,
  onDone,
}: {
  person: Person;
  assessment: Assessment;
  catalogue: Need[];
  onDone: () => void;
}) {
  const refresh = useRefreshPerson(person.id);
  const [needs, setNeeds] = useState<string[]>(a.needs);
  const [primaryNeed, setPrimaryNeed] = useState(a.primaryNeed ?? '');
  const [completedOn, setCompletedOn] = useState(todayFor(person));
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () => completeAssessment(a.id, { version: a.version, needs, primaryNeed, completedOn }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = fieldErrors(mutation.error);
  const prefix = `complete-${a.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h5 id={`${prefix}-heading`}>Complete the assessment</h5>
      <ProblemAlert
        error={mutation.error}
        fieldId={(field) => (field === 'needs' || field === 'primaryNeed' || field === 'completedOn' ? `${prefix}-${field}` : null)}
        onReload={() => {
          mutation.reset();
          refresh();
        }}
      />
      <NeedsPicker
        idPrefix={prefix}
        catalogue={catalogue}
        needs={needs}
        primaryNeed={primaryNeed}
        onChange={(n, p) => {
          setNeeds(n);
          setPrimaryNeed(p);
        }}
        errors={{ needs: errors.needs, primaryNeed: errors.primaryNeed }}
      />
      <TextField
        id={`${prefix}-completedOn`}
        label="Completed on"
        type="date"
        className="field--short"
        value={completedOn}
        error={errors.completedOn}
        onChange={(event) => setCompletedOn(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          Complete assessment
        </button>
        <button type="button" className="button button--link" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
