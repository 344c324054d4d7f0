/**
 * The learning stream counter (duration caps) and R08 subsequent training for a person: months
 * counted per stream and combined against their caps, when a new training plan becomes possible,
 * and training exceptions: an Authorized Official records one with its grounds, a supervisor who did
 * not record it approves or rejects it (docs/policy/learner-program-rules.md).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { decideTrainingException, getLearningStreams, recordTrainingException } from '../../api.ts';
import {
  formatDate,
  labelOf,
  planLimitsInWords,
  TRAINING_EXCEPTION_GROUND_LABELS,
  TRAINING_EXCEPTION_KIND_LABELS,
  TRAINING_EXCEPTION_STATUS_LABELS,
} from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { chosen, optional } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { mayOffer, useSession } from '../../session.ts';
import {
  type LearningStreams,
  TRAINING_EXCEPTION_GROUNDS,
  type TrainingException,
  type TrainingExceptionGround,
  type TrainingExceptionKind,
} from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { Messages, RadioGroup, TextAreaField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

export const learningKeys = { ofPerson: (personId: string) => ['learning-streams', personId] as const };

/** The counter and exceptions of a person; `headingId` names the section (the person page and the case page each have one). */
export function LearningStreamsSection({ personId, headingId = 'learning-streams' }: { personId: string; headingId?: string }) {
  const { data: user } = useSession();
  const query = useQuery({ queryKey: learningKeys.ofPerson(personId), queryFn: () => getLearningStreams(personId) });
  const view = query.data;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Learning streams</h2>
      {query.isPending ? <p role="status">Loading the learning stream counter…</p> : null}
      <ProblemAlert error={query.error} />
      {view ? (
        <>
          <StreamCounter view={view} />
          <PlanCounter view={view} />
          <NextTraining view={view} />
          <Exceptions view={view} personId={personId} userId={user?.id} canDecide={mayOffer(user, 'training-exception.decide')} />
          {mayOffer(user, 'training-exception.record') ? (
            <Disclosure label="Record a training exception…">
              {(close) => <RecordExceptionForm personId={personId} onClose={close} />}
            </Disclosure>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function StreamCounter({ view }: { view: LearningStreams }) {
  const over = (months: number, cap: number) => (months > cap ? <Badge tone="warning">Past the cap</Badge> : null);
  return (
    <DataTable
      caption="Months of funded training counted per learning stream and in all streams together, with their caps"
      columns={['Learning stream', 'Months', 'Cap']}
      className="table--compact counter-table"
    >
      {view.streams.map((s) => (
        <tr key={s.code}>
          <td>{s.label}</td>
          <td className="num">
            {s.months} {over(s.months, s.capMonths)}
          </td>
          <td className="num">{s.capMonths}</td>
        </tr>
      ))}
      {view.unassignedMonths > 0 ? (
        <tr>
          <td>Training without a recorded stream</td>
          <td className="num">{view.unassignedMonths}</td>
          <td className="num">—</td>
        </tr>
      ) : null}
      <tr className="counter-table__total">
        <th scope="row">All streams together{view.lowLiteracy ? ' (low literacy: 10 more months)' : ''}</th>
        <td className="num">
          {view.combined.months} {over(view.combined.months, view.combined.capMonths)}
        </td>
        <td className="num">{view.combined.capMonths}</td>
      </tr>
    </DataTable>
  );
}

const BASIS_WORDS = { standard: '', exceptional: ' (approved exception)', 'reduced-load': ' (reduced course load)' } as const;

/** ISTHB s.44: each plan's training months against its limit. */
function PlanCounter({ view }: { view: LearningStreams }) {
  if (view.plans.length === 0) return null;
  return (
    <DataTable
      caption="Months of training in each Service Plan against the plan's limit (ISTHB s.44)"
      columns={['Service Plan', 'Months', 'Limit']}
      className="table--compact counter-table"
    >
      {view.plans.map((p) => (
        <tr key={p.planId}>
          <td>
            {p.reference}, {p.kind === 'first' ? 'first plan' : 'subsequent plan'}
            <span className="visually-hidden">. {planLimitsInWords(p, view.reducedLoadMinPercent)}.</span>
          </td>
          <td className="num">
            {p.months} {p.months > p.limitMonths ? <Badge tone="warning">Past the limit</Badge> : null}
          </td>
          <td className="num">
            {p.limitMonths}
            {BASIS_WORDS[p.basis]}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function NextTraining({ view }: { view: LearningStreams }) {
  if (!view.lastTraining) return <p className="muted">No funded training yet: a training plan can start at any time.</p>;
  return (
    <p>
      The last approved training ended on {formatDate(view.lastTraining.end)}. A new training plan can start on{' '}
      <strong>{formatDate(view.lastTraining.newPlanPossibleFrom)}</strong>, {view.subsequentTrainingMonths} months later, unless an
      exception is recorded and approved.
    </p>
  );
}

const STATUS_TONES = { pending: 'info', approved: 'success', rejected: 'error', used: 'neutral' } as const;

function Exceptions({
  view,
  personId,
  userId,
  canDecide,
}: {
  view: LearningStreams;
  personId: string;
  userId: string | undefined;
  canDecide: boolean;
}) {
  if (view.exceptions.length === 0) return <p className="muted">No training exception recorded.</p>;
  return (
    <>
      <h3>Training exceptions</h3>
      <ul className="exception-list">
        {view.exceptions.map((e) => (
          <li key={e.id} className="exception-list__item">
            <p>
              <strong>{labelOf(TRAINING_EXCEPTION_KIND_LABELS, e.kind)}</strong>{' '}
              <Badge tone={STATUS_TONES[e.status]}>{labelOf(TRAINING_EXCEPTION_STATUS_LABELS, e.status)}</Badge>
            </p>
            <p className="muted">
              Recorded by {e.recordedBy.name} on {formatDate(e.recordedAt.slice(0, 10))}
              {e.decidedBy ? `; decided by ${e.decidedBy.name}` : ''}.
            </p>
            <p>Grounds: {e.grounds.map((g) => labelOf(TRAINING_EXCEPTION_GROUND_LABELS, g)).join('; ')}.</p>
            <p className="prewrap">{e.explanation}</p>
            {e.decisionNote ? <p>Decision: {e.decisionNote}</p> : null}
            {e.status === 'pending' && canDecide ? (
              e.recordedBy.id === userId ? (
                <p className="note">You recorded this exception, so another supervisor approves or rejects it.</p>
              ) : (
                <DecideExceptionForm exception={e} personId={personId} />
              )
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

const recordSchema = z.object({
  kind: chosen<TrainingExceptionKind>('Choose what the exception is for'),
  grounds: z.array(z.string()).min(1, 'Choose at least one ground'),
  explanation: z.string().trim().min(20, 'Explain the grounds in at least 20 characters: what the reassessment found'),
});

function RecordExceptionForm({ personId, onClose }: { personId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const api = useApiForm({
    id: 'exception-new',
    schema: recordSchema,
    defaultValues: { kind: '', grounds: [], explanation: '' },
    submit: ({ kind, grounds, explanation }) =>
      recordTrainingException(personId, { kind, grounds: grounds as TrainingExceptionGround[], explanation }),
    onSuccess: async (view) => {
      queryClient.setQueryData(learningKeys.ofPerson(personId), view);
      api.setSaved('Exception recorded. A supervisor has been asked to approve or reject it.', true);
      api.form.reset();
    },
  });
  const groundsError = api.errorOf('grounds');
  return (
    <ApiForm
      api={api}
      focusFirst
      title="Record a training exception"
      intro="After reassessing the learner, document the grounds. A supervisor who did not record it approves or rejects it."
    >
      <RadioGroup
        {...api.choice<TrainingExceptionKind>('kind')}
        legend="The exception is for"
        options={(['subsequent-training', 'duration-cap', 'plan-limit'] as const).map((k) => ({
          value: k,
          label: labelOf(TRAINING_EXCEPTION_KIND_LABELS, k),
        }))}
      />
      <fieldset
        id={api.controlId('grounds')}
        className={`checkboxes${groundsError ? ' field--error' : ''}`}
        aria-describedby={groundsError ? `${api.controlId('grounds')}-error` : undefined}
      >
        <legend>Grounds</legend>
        <Messages id={api.controlId('grounds')} error={groundsError} />
        {TRAINING_EXCEPTION_GROUNDS.map((g) => (
          <label key={g}>
            <input type="checkbox" value={g} {...api.form.register('grounds')} />
            {labelOf(TRAINING_EXCEPTION_GROUND_LABELS, g)}
          </label>
        ))}
      </fieldset>
      <TextAreaField {...api.field('explanation')} label="What the reassessment found" rows={4} />
      <FormActions pending={api.pending} submit="Record exception" pendingText="Recording…" onCancel={onClose} />
    </ApiForm>
  );
}

const decideSchema = z.object({ note: optional() });

function DecideExceptionForm({ exception, personId }: { exception: TrainingException; personId: string }) {
  const queryClient = useQueryClient();
  const api = useApiForm<typeof decideSchema, LearningStreams, 'approved' | 'rejected'>({
    id: `exception-${exception.id}`,
    schema: decideSchema,
    defaultValues: { note: '' },
    submit: ({ note }, decision) =>
      decideTrainingException(exception.id, { version: exception.version, decision: decision ?? 'approved', ...(note ? { note } : {}) }),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      queryClient.setQueryData(learningKeys.ofPerson(personId), view);
    },
  });
  return (
    <ApiForm api={api} level={4} title="Approve or reject this exception" className="subform">
      <TextAreaField {...api.field('note')} label="Note" optional hint="Needed to reject: say why." rows={2} />
      <div className="actions">
        <button type="button" className="button" disabled={api.pending} onClick={() => api.submitWith('approved')}>
          Approve exception
        </button>
        <button type="button" className="button button--secondary" disabled={api.pending} onClick={() => api.submitWith('rejected')}>
          Reject exception
        </button>
      </div>
    </ApiForm>
  );
}
