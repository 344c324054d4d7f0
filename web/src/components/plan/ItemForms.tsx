/** The forms under a plan item's row: update dates, complete with an outcome, reassign, fund. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { completePlanItem, fundPlanItem, ProblemError, reassignPlanItem, updatePlanItem } from '../../api.ts';
import { labelOf, OUTCOME_LABELS, TRAINING_LOAD_LABELS } from '../../format.ts';
import { planKey, useFocusFirstField } from '../../hooks.ts';
import type { OutcomeKind, PlanItem, ServicePlan, TrainingLoad, User } from '../../types.ts';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { usePlanMutation, useReloadPlan } from './planHooks.ts';

interface ItemFormProps {
  plan: ServicePlan;
  item: PlanItem;
  today: string;
  onDone: (message?: string) => void;
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

/** The owner records the actual start, moves the expected dates, or edits the description. */
export function UpdateItemForm({ plan, item, onDone }: ItemFormProps) {
  const reload = useReloadPlan(plan.id);
  const [expectedStart, setExpectedStart] = useState(item.expectedStart);
  const [expectedEnd, setExpectedEnd] = useState(item.expectedEnd);
  const [actualStart, setActualStart] = useState(item.actualStart ?? '');
  const [description, setDescription] = useState(item.description);
  const formRef = useFocusFirstField<HTMLFormElement>();
  // Only what the official changed is sent: after reloading on a version conflict, someone else's
  // change to another field is kept, not overwritten with what this form first showed.
  const [initial] = useState(() => ({ ...item, actualStart: item.actualStart ?? '' }));
  const mutation = usePlanMutation(
    plan,
    () =>
      updatePlanItem(item.id, {
        version: item.version,
        ...(expectedStart !== initial.expectedStart ? { expectedStart } : {}),
        ...(expectedEnd !== initial.expectedEnd ? { expectedEnd } : {}),
        ...(actualStart !== initial.actualStart ? { actualStart: actualStart || null } : {}),
        ...(description !== initial.description ? { description } : {}),
      }),
    () => onDone(`${item.name} updated.`),
  );
  const errors = fieldErrors(mutation.error);
  const p = `update-${item.id}`;
  const fieldId = (field: string) =>
    ({ expectedStart: `${p}-expectedStart`, expectedEnd: `${p}-expectedEnd`, actualStart: `${p}-actualStart`, description: `${p}-description` })[
      field
    ] ?? null;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(undefined);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h5 id={`${p}-heading`}>Update {item.name}</h5>
      <ProblemAlert
        error={mutation.error}
        fieldId={fieldId}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <div className="form-row">
        <TextField
          id={`${p}-actualStart`}
          label="Actual start"
          type="date"
          optional
          hint="The day the person started. Empty while not started."
          value={actualStart}
          error={errors.actualStart}
          onChange={(event) => setActualStart(event.target.value)}
        />
        <TextField
          id={`${p}-expectedStart`}
          label="Expected start"
          type="date"
          value={expectedStart}
          error={errors.expectedStart}
          onChange={(event) => setExpectedStart(event.target.value)}
        />
        <TextField
          id={`${p}-expectedEnd`}
          label="Expected end"
          type="date"
          value={expectedEnd}
          error={errors.expectedEnd}
          onChange={(event) => setExpectedEnd(event.target.value)}
        />
      </div>
      <TextAreaField
        id={`${p}-description`}
        label="Description"
        optional
        value={description}
        error={errors.description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <FormActions pending={mutation.isPending} submit="Save changes" onCancel={() => onDone()} />
    </form>
  );
}

const OUTCOMES: { value: OutcomeKind; label: string; hint: string }[] = [
  { value: 'attained', label: 'Attained', hint: 'The activity was completed and its purpose met.' },
  { value: 'not-attained', label: 'Not attained', hint: 'It ended without meeting its purpose; give the good cause if there was one.' },
  { value: 'cancelled', label: 'Cancelled', hint: 'It will not happen (for an item that never started, too).' },
];

/**
 * The owner completes the item with its outcome (R03 rule 5). The outcome is not chosen for them:
 * left empty, the server's refusal says an outcome is needed, next to the question.
 */
export function CompleteItemForm({ plan, item, today, onDone }: ItemFormProps) {
  const reload = useReloadPlan(plan.id);
  const [outcome, setOutcome] = useState<OutcomeKind | ''>('');
  const [goodCauseReason, setGoodCauseReason] = useState('');
  const [actualStart, setActualStart] = useState('');
  const [actualEnd, setActualEnd] = useState(today);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = usePlanMutation(
    plan,
    () =>
      completePlanItem(item.id, {
        version: item.version,
        outcome: outcome || null,
        ...(outcome === 'not-attained' && goodCauseReason.trim() ? { goodCauseReason: goodCauseReason.trim() } : {}),
        ...(!item.actualStart && actualStart ? { actualStart } : {}),
        actualEnd: actualEnd || null,
      }),
    (updated) => {
      const last = updated.closureInfo.openItems === 0 && updated.status !== 'closed';
      onDone(
        `${item.name} completed: ${labelOf(OUTCOME_LABELS, outcome)}.` +
          (last ? ' It was the last open item: closing the plan is now in your worklist.' : ''),
      );
    },
  );
  const errors = fieldErrors(mutation.error);
  const p = `complete-${item.id}`;
  const fieldId = (field: string) =>
    ({
      outcome: `${p}-outcome-attained`,
      'outcome.goodCauseReason': `${p}-reason`,
      goodCauseReason: `${p}-reason`,
      actualStart: `${p}-actualStart`,
      actualEnd: `${p}-actualEnd`,
    })[field] ?? null;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(undefined);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h5 id={`${p}-heading`}>Complete {item.name}</h5>
      <ProblemAlert
        error={mutation.error}
        fieldId={fieldId}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <RadioGroup
        id={`${p}-outcome`}
        name={`${p}-outcome`}
        legend="Outcome"
        hint="Every plan item is completed with an outcome."
        value={outcome}
        options={OUTCOMES}
        error={errors.outcome}
        onChange={setOutcome}
      />
      {outcome === 'not-attained' ? (
        <TextAreaField
          id={`${p}-reason`}
          label="Good cause"
          optional
          hint="Why it was not attained, when there was a good reason (for example, illness)."
          value={goodCauseReason}
          error={errors['outcome.goodCauseReason'] ?? errors.goodCauseReason}
          onChange={(event) => setGoodCauseReason(event.target.value)}
        />
      ) : null}
      <div className="form-row">
        {item.actualStart ? null : (
          <TextField
            id={`${p}-actualStart`}
            label="Actual start"
            type="date"
            optional
            hint="Needed unless the item is cancelled."
            value={actualStart}
            error={errors.actualStart}
            onChange={(event) => setActualStart(event.target.value)}
          />
        )}
        <TextField
          id={`${p}-actualEnd`}
          label="Actual end"
          type="date"
          value={actualEnd}
          error={errors.actualEnd}
          onChange={(event) => setActualEnd(event.target.value)}
        />
      </div>
      <FormActions pending={mutation.isPending} submit="Complete plan item" onCancel={() => onDone()} />
    </form>
  );
}

/** A supervisor gives an open item to another official (who then updates and completes it). */
export function ReassignItemForm({ plan, item, officials, onDone }: ItemFormProps & { officials: User[] }) {
  const reload = useReloadPlan(plan.id);
  const [ownerId, setOwnerId] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const choices = officials.filter((official) => official.id !== item.owner.id);
  const mutation = usePlanMutation(
    plan,
    (owner: string) => reassignPlanItem(item.id, { version: item.version, ownerId: owner }),
    () => onDone(`${item.name} reassigned to ${choices.find((c) => c.id === ownerId)?.displayName ?? 'the new owner'}.`),
  );
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  const p = `reassign-${item.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!ownerId) {
      mutation.reset();
      setMissing(
        new ProblemError({ title: 'There is a problem', status: 400, errors: [{ field: 'ownerId', code: 'REQUIRED', detail: 'Choose the new owner' }] }),
      );
      return;
    }
    setMissing(null);
    mutation.mutate(ownerId);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h5 id={`${p}-heading`}>Reassign {item.name}</h5>
      <p className="hint">Owned by {item.owner.displayName}. The new owner is the one who updates and completes it.</p>
      <ProblemAlert
        error={shown}
        fieldId={(field) => (field === 'ownerId' ? `${p}-owner` : null)}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <SelectField id={`${p}-owner`} label="New owner" value={ownerId} error={errors.ownerId} onChange={(event) => setOwnerId(event.target.value)}>
        <option value="">Choose an official…</option>
        {choices.map((official) => (
          <option key={official.id} value={official.id}>
            {official.displayName}
          </option>
        ))}
      </SelectField>
      <FormActions pending={mutation.isPending} submit="Reassign" onCancel={() => onDone()} />
    </form>
  );
}

const LOADS: { value: TrainingLoad; label: string }[] = [
  { value: 'full-time', label: labelOf(TRAINING_LOAD_LABELS, 'full-time') },
  { value: 'part-time', label: labelOf(TRAINING_LOAD_LABELS, 'part-time') },
];

/**
 * Fund a training item with a learner income support product delivery case. From then on the
 * plan is held open until 18 months after the training's expected end (R03.1 Exception).
 */
export function FundItemForm({ plan, item, coordinators, onDone }: ItemFormProps & { coordinators: User[] | null }) {
  const queryClient = useQueryClient();
  const reload = useReloadPlan(plan.id);
  const [trainingLoad, setTrainingLoad] = useState<TrainingLoad | ''>('');
  const [coordinatorId, setCoordinatorId] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: (load: TrainingLoad) => fundPlanItem(item.id, { trainingLoad: load, ...(coordinatorId ? { coordinatorId } : {}) }),
    onSuccess: async (pdc) => {
      await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
      queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onDone(`${item.name} is funded by learner income support case ${pdc.reference}.`);
    },
  });
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  const p = `fund-${item.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!trainingLoad) {
      mutation.reset();
      setMissing(
        new ProblemError({
          title: 'There is a problem',
          status: 400,
          errors: [{ field: 'trainingLoad', code: 'REQUIRED', detail: 'Choose whether the training is full time or part time' }],
        }),
      );
      return;
    }
    setMissing(null);
    mutation.mutate(trainingLoad);
  }
  return (
    <form ref={formRef} className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h5 id={`${p}-heading`}>Fund {item.name} with learner income support</h5>
      <p className="hint">
        This opens a learner income support product delivery case (PDC) for the training. While it is linked, the plan cannot close until
        18 months after the training's expected end (R03.1 Exception).
      </p>
      <ProblemAlert
        error={shown}
        fieldId={(field) => (field === 'trainingLoad' ? `${p}-load-full-time` : field === 'coordinatorId' ? `${p}-coordinator` : null)}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <RadioGroup
        id={`${p}-load`}
        name={`${p}-load`}
        legend="Training load"
        value={trainingLoad}
        options={LOADS}
        error={errors.trainingLoad}
        onChange={setTrainingLoad}
      />
      {coordinators ? (
        <SelectField
          id={`${p}-coordinator`}
          label="Learner Benefits Coordinator"
          optional
          hint="Without one, the case waits in the coordinators' queue."
          value={coordinatorId}
          error={errors.coordinatorId}
          onChange={(event) => setCoordinatorId(event.target.value)}
        >
          <option value="">The coordinators' queue</option>
          {coordinators.map((coordinator) => (
            <option key={coordinator.id} value={coordinator.id}>
              {coordinator.displayName}
            </option>
          ))}
        </SelectField>
      ) : null}
      <FormActions pending={mutation.isPending} submit="Fund the training" onCancel={() => onDone()} />
    </form>
  );
}
