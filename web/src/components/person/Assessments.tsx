import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { completeAssessment, startAssessment } from '../../api.ts';
import { todayFor } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { useFocusBackWhenClosed, useNeeds, useRefreshPerson } from '../../hooks.ts';
import type { Assessment, IntegratedCase, Need, Person } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { ACTIONS, DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';
import { TextAreaField, TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FlashMessage, useFlash } from '../SuccessMessage.tsx';
import { NeedsPicker } from './NeedsPicker.tsx';

function label(catalogue: Need[] | undefined, code: string | null): string {
  if (!code) return '—';
  return catalogue?.find((need) => need.code === code)?.label ?? code;
}

/**
 * Assessments under an Integrated Case: start one (open case only) and complete it. A started or
 * completed assessment is confirmed above the table, and focus moves there (the form is gone); a
 * form cancelled gives focus back to the button that opened it.
 */
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
  const { flash, say } = useFlash();
  const startButton = useFocusBackWhenClosed(starting);
  const headingId = `assessments-${c.id}`;
  return (
    <section aria-labelledby={headingId} className="assessments">
      <h4 id={headingId}>Assessments</h4>
      <FlashMessage flash={flash} />
      <ProblemAlert error={needs.error} />
      {c.assessments.length === 0 ? (
        <p className="muted">No assessments yet.</p>
      ) : (
        <DataTable
          caption={<>Assessments under {c.reference}</>}
          columns={['Started', 'Status', 'Needs identified', 'Primary Need', 'Completed', 'Assessor', ...(readOnly ? [] : [ACTIONS])]}
          className="table--compact table--stack"
        >
          {c.assessments.map((assessment) => (
            <AssessmentRow
              key={assessment.id}
              person={person}
              assessment={assessment}
              catalogue={needs.data}
              readOnly={readOnly}
              completing={completing === assessment.id}
              onCompleting={(on) => setCompleting(on ? assessment.id : null)}
              onCompleted={(primaryNeed) => say(`Assessment completed: the Primary Need is ${label(needs.data, primaryNeed)}.`)}
            />
          ))}
        </DataTable>
      )}
      {!readOnly && c.status === 'open' && needs.data ? (
        starting ? (
          <StartAssessmentForm
            person={person}
            integratedCase={c}
            catalogue={needs.data}
            onDone={() => setStarting(false)}
            onSaved={() => say('Assessment started. Complete it once the needs and the Primary Need are known.')}
          />
        ) : (
          <button ref={startButton} type="button" className="button button--secondary" onClick={() => setStarting(true)}>
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
  onCompleted,
}: {
  person: Person;
  assessment: Assessment;
  catalogue: Need[] | undefined;
  readOnly: boolean;
  completing: boolean;
  onCompleting: (on: boolean) => void;
  onCompleted: (primaryNeed: string) => void;
}) {
  const completeButton = useFocusBackWhenClosed(completing);
  return (
    <>
      <tr>
        <td data-label="Started">
          <DateText value={a.startedOn} />
        </td>
        <td data-label="Status">
          {a.status === 'completed' ? <Badge tone="success">Completed</Badge> : <Badge tone="info">In progress</Badge>}
        </td>
        <td data-label="Needs identified">{a.needs.length ? a.needs.map((code) => label(catalogue, code)).join(', ') : '—'}</td>
        <td data-label="Primary Need">{label(catalogue, a.primaryNeed)}</td>
        <td data-label="Completed">
          <DateText value={a.completedOn} />
        </td>
        <td data-label="Assessor">{a.assessor.displayName}</td>
        {readOnly ? null : (
          <td className="cell-actions">
            {a.status === 'in-progress' && !completing && catalogue ? (
              <button
                ref={completeButton}
                type="button"
                className="button button--secondary button--small"
                onClick={() => onCompleting(true)}
              >
                Complete…
              </button>
            ) : null}
          </td>
        )}
      </tr>
      {completing && catalogue ? (
        <tr className="row-form">
          <td colSpan={7}>
            <CompleteAssessmentForm
              person={person}
              assessment={a}
              catalogue={catalogue}
              onDone={() => onCompleting(false)}
              onSaved={({ primaryNeed }) => onCompleted(primaryNeed)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const schema = z.object({ needs: z.array(z.string()), primaryNeed: z.string(), notes: z.string().trim(), completedOn: z.string() });
/**
 * Completing needs the needs identified and the Primary Need among them (asked here, on the
 * questions, rather than left to the server's "This field is required."); starting needs neither.
 */
const completeSchema = schema.superRefine(({ needs, primaryNeed }, ctx) => {
  if (needs.length === 0) ctx.addIssue({ code: 'custom', path: ['needs'], message: 'Choose the needs identified' });
  if (!primaryNeed) ctx.addIssue({ code: 'custom', path: ['primaryNeed'], message: 'Choose the Primary Need' });
});
type Values = z.output<typeof schema>;

interface FormProps {
  person: Person;
  catalogue: Need[];
  /** The form closes: saved, or cancelled. */
  onDone: () => void;
  /** Saved, before the form closes. */
  onSaved: (values: Values) => void;
}

/** Starting and completing an assessment: the needs identified and the Primary Need, then notes or the date. */
function AssessmentForm({
  person,
  catalogue,
  onDone,
  onSaved,
  id,
  title,
  className,
  initial,
  submit,
  submitText,
  reloadable,
}: FormProps & {
  id: string;
  title: string;
  className: string;
  initial: Pick<Values, 'needs' | 'primaryNeed'>;
  submit: (values: Values) => Promise<unknown>;
  submitText: string;
  reloadable: boolean;
}) {
  const refresh = useRefreshPerson(person.id);
  const api = useApiForm({
    id,
    schema: reloadable ? completeSchema : schema,
    defaultValues: { ...initial, notes: '', completedOn: todayFor(person) },
    submit,
    onSuccess: async (_saved, values) => {
      await refresh();
      onSaved(values);
      onDone();
    },
    ...(reloadable ? { onReload: refresh } : {}),
  });
  const [needs, primaryNeed] = api.form.watch(['needs', 'primaryNeed']);
  return (
    <ApiForm api={api} focusFirst className={className} level={5} title={title}>
      <NeedsPicker
        idPrefix={id}
        catalogue={catalogue}
        needs={needs}
        primaryNeed={primaryNeed}
        onChange={(n, p) => {
          api.form.setValue('needs', n);
          api.form.setValue('primaryNeed', p);
        }}
        errors={{ needs: api.errorOf('needs'), primaryNeed: api.errorOf('primaryNeed') }}
      />
      {reloadable ? (
        <TextField {...api.field('completedOn')} label="Completed on" type="date" className="field--short" />
      ) : (
        <TextAreaField {...api.field('notes')} label="Notes" optional />
      )}
      <FormActions pending={api.pending} submit={submitText} pendingText={submitText} onCancel={onDone} />
    </ApiForm>
  );
}

function StartAssessmentForm({ integratedCase: c, ...props }: FormProps & { integratedCase: IntegratedCase }) {
  return (
    <AssessmentForm
      {...props}
      id={`start-${c.id}`}
      title="Start an assessment"
      className="subform"
      initial={{ needs: [], primaryNeed: '' }}
      submit={({ needs, primaryNeed, notes }) =>
        startAssessment(c.id, { needs, ...(primaryNeed ? { primaryNeed } : {}), ...(notes ? { notes } : {}) })
      }
      submitText="Start assessment"
      reloadable={false}
    />
  );
}

function CompleteAssessmentForm({ assessment: a, ...props }: FormProps & { assessment: Assessment }) {
  return (
    <AssessmentForm
      {...props}
      id={`complete-${a.id}`}
      title="Complete the assessment"
      className="inline-form"
      initial={{ needs: a.needs, primaryNeed: a.primaryNeed ?? '' }}
      submit={({ needs, primaryNeed, completedOn }) => completeAssessment(a.id, { version: a.version, needs, primaryNeed, completedOn })}
      submitText="Complete assessment"
      reloadable
    />
  );
}
