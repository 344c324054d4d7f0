/** The forms under a plan item's row: update dates, complete with an outcome, reassign, fund. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { completePlanItem, fundPlanItem, reassignPlanItem, updatePlanItem } from '../../api.ts';
import { labelOf, OUTCOME_LABELS, TRAINING_LOAD_LABELS } from '../../format.ts';
import { FormActions, InlineForm } from '../../forms/ApiForm.tsx';
import { chosen, optional, required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { planKey, useRefreshTasks } from '../../hooks.ts';
import type { OutcomeKind, PlanItem, ServicePlan, TrainingLoad, User } from '../../types.ts';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../Field.tsx';
import { UserOptions } from '../UserOptions.tsx';
import { CourseLoadField, courseLoadSchema, courseLoadText, courseLoadValue } from './CourseLoadField.tsx';
import { usePlanChange, usePlanForm } from './planHooks.ts';

interface ItemFormProps {
  plan: ServicePlan;
  item: PlanItem;
  today: string;
  onDone: (message?: string) => void;
}

const updateSchema = z.object({
  actualStart: z.string(),
  expectedStart: z.string(),
  expectedEnd: z.string(),
  courseLoadPercent: courseLoadSchema,
  description: z.string(),
});

/** The owner records the actual start, moves the expected dates, changes a training item's course load, or edits the description. */
export function UpdateItemForm({ plan, item, training, onDone }: ItemFormProps & { training: boolean }) {
  // Only what the official changed is sent: after reloading on a version conflict, someone else's
  // change to another field is kept, not overwritten with what this form first showed.
  const [initial] = useState(() => ({
    actualStart: item.actualStart ?? '',
    expectedStart: item.expectedStart,
    expectedEnd: item.expectedEnd,
    courseLoadPercent: courseLoadText(item.courseLoadPercent),
    description: item.description,
  }));
  const api = usePlanForm(plan, {
    id: `update-${item.id}`,
    schema: updateSchema,
    defaultValues: initial,
    submit: ({ expectedStart, expectedEnd, actualStart, courseLoadPercent, description }) =>
      updatePlanItem(item.id, {
        version: item.version,
        ...(expectedStart !== initial.expectedStart ? { expectedStart } : {}),
        ...(expectedEnd !== initial.expectedEnd ? { expectedEnd } : {}),
        ...(actualStart !== initial.actualStart ? { actualStart: actualStart || null } : {}),
        ...(courseLoadPercent !== initial.courseLoadPercent ? { courseLoadPercent: courseLoadValue(courseLoadPercent) } : {}),
        ...(description !== initial.description ? { description } : {}),
      }),
    onSaved: (_updated) => {
      onDone(`${item.name} updated.`);
    },
  });
  return (
    <InlineForm api={api} level={5} title={`Update ${item.name}`}>
      <div className="form-row">
        <TextField
          {...api.field('actualStart')}
          label="Actual start"
          type="date"
          optional
          hint="The day the person started. Empty while not started."
        />
        <TextField {...api.field('expectedStart')} label="Expected start" type="date" />
        <TextField {...api.field('expectedEnd')} label="Expected end" type="date" />
      </div>
      {training || item.courseLoadPercent !== null ? <CourseLoadField {...api.field('courseLoadPercent')} /> : null}
      <TextAreaField {...api.field('description')} label="Description" optional />
      <FormActions pending={api.pending} submit="Save changes" onCancel={() => onDone()} />
    </InlineForm>
  );
}

const OUTCOMES: { value: OutcomeKind; label: string; hint: string }[] = [
  { value: 'attained', label: 'Attained', hint: 'The activity was completed and its purpose met.' },
  { value: 'not-attained', label: 'Not attained', hint: 'It ended without meeting its purpose; give the good cause if there was one.' },
  { value: 'cancelled', label: 'Cancelled', hint: 'It will not happen (for an item that never started, too).' },
];

// The outcome is not checked here: left empty, the server's refusal says an outcome is needed.
const completeSchema = z.object({ outcome: z.string(), goodCauseReason: optional(), actualStart: z.string(), actualEnd: z.string() });

/**
 * The owner completes the item with its outcome (R03 rule 5). The outcome is not chosen for them:
 * left empty, the server's refusal says an outcome is needed, next to the question.
 */
export function CompleteItemForm({ plan, item, today, onDone }: ItemFormProps) {
  const api = usePlanForm(plan, {
    id: `complete-${item.id}`,
    schema: completeSchema,
    defaultValues: { outcome: '', goodCauseReason: '', actualStart: '', actualEnd: today },
    aliases: { 'outcome.goodCauseReason': 'goodCauseReason' },
    submit: ({ outcome, goodCauseReason, actualStart, actualEnd }) =>
      completePlanItem(item.id, {
        version: item.version,
        outcome: (outcome || null) as OutcomeKind | null,
        ...(outcome === 'not-attained' && goodCauseReason ? { goodCauseReason } : {}),
        ...(!item.actualStart && actualStart ? { actualStart } : {}),
        actualEnd: actualEnd || null,
      }),
    onSaved: (updated, { outcome }) => {
      const last = updated.closureInfo.openItems === 0 && updated.status !== 'closed';
      onDone(
        `${item.name} completed: ${labelOf(OUTCOME_LABELS, outcome)}.` +
          (last ? ' It was the last open item: closing the plan is now in your worklist.' : ''),
      );
    },
  });
  return (
    <InlineForm api={api} level={5} title={`Complete ${item.name}`}>
      <RadioGroup<OutcomeKind>
        {...api.choice<OutcomeKind>('outcome')}
        legend="Outcome"
        hint="Every plan item is completed with an outcome."
        options={OUTCOMES}
      />
      {api.form.watch('outcome') === 'not-attained' ? (
        <TextAreaField
          {...api.field('goodCauseReason')}
          label="Good cause"
          optional
          hint="Why it was not attained, when there was a good reason (for example, illness)."
        />
      ) : null}
      <div className="form-row">
        {item.actualStart ? null : (
          // Not marked optional: the server asks for it unless the item is cancelled.
          <TextField {...api.field('actualStart')} label="Actual start" type="date" hint="Needed unless the item is cancelled." />
        )}
        <TextField {...api.field('actualEnd')} label="Actual end" type="date" />
      </div>
      <FormActions pending={api.pending} submit="Complete plan item" onCancel={() => onDone()} />
    </InlineForm>
  );
}

const reassignSchema = z.object({ ownerId: required('Choose the new owner') });

/** A supervisor gives an open item to another official (who then updates and completes it). */
export function ReassignItemForm({ plan, item, officials, onDone }: ItemFormProps & { officials: User[] }) {
  const choices = officials.filter((official) => official.id !== item.owner.id);
  const api = usePlanForm(plan, {
    id: `reassign-${item.id}`,
    schema: reassignSchema,
    defaultValues: { ownerId: '' },
    submit: ({ ownerId }) => reassignPlanItem(item.id, { version: item.version, ownerId }),
    onSaved: (_updated, { ownerId }) => {
      onDone(`${item.name} reassigned to ${choices.find((c) => c.id === ownerId)?.displayName ?? 'the new owner'}.`);
    },
  });
  return (
    <InlineForm
      api={api}
      level={5}
      title={`Reassign ${item.name}`}
      intro={`Owned by ${item.owner.displayName}. The new owner is the one who updates and completes it.`}
    >
      <SelectField {...api.field('ownerId')} label="New owner">
        <UserOptions users={choices} empty="Choose an official…" />
      </SelectField>
      <FormActions pending={api.pending} submit="Reassign" onCancel={() => onDone()} />
    </InlineForm>
  );
}

const LOADS: { value: TrainingLoad; label: string }[] = [
  { value: 'full-time', label: labelOf(TRAINING_LOAD_LABELS, 'full-time') },
  { value: 'part-time', label: labelOf(TRAINING_LOAD_LABELS, 'part-time') },
];

const fundSchema = z.object({
  trainingLoad: chosen<TrainingLoad>('Choose whether the training is full time or part time'),
  coordinatorId: z.string(),
  lowLiteracy: z.boolean(),
});

/**
 * Fund a training item with a learner income support product delivery case. From then on the
 * plan is held open until 18 months after the training's expected end (R03.1 Exception).
 */
export function FundItemForm({ plan, item, coordinators, onDone }: ItemFormProps & { coordinators: User[] | null }) {
  const queryClient = useQueryClient();
  const change = usePlanChange(plan);
  const refreshTasks = useRefreshTasks();
  const api = useApiForm({
    id: `fund-${item.id}`,
    schema: fundSchema,
    defaultValues: { trainingLoad: '', coordinatorId: '', lowLiteracy: false },
    submit: ({ trainingLoad, coordinatorId, lowLiteracy }) =>
      fundPlanItem(item.id, { trainingLoad, ...(coordinatorId ? { coordinatorId } : {}), ...(lowLiteracy ? { lowLiteracy } : {}) }),
    onSuccess: async (pdc) => {
      await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
      refreshTasks();
      onDone(`${item.name} is funded by learner income support case ${pdc.reference}.`);
    },
    onReload: change.reload,
  });
  return (
    <InlineForm
      api={api}
      level={5}
      title={`Fund ${item.name} with learner income support`}
      intro="This opens a learner income support product delivery case (PDC) for the training. While it is linked, the plan cannot close until 18 months after the training's expected end (R03.1 Exception)."
    >
      <RadioGroup<TrainingLoad> {...api.choice<TrainingLoad>('trainingLoad')} legend="Training load" options={LOADS} />
      {coordinators ? (
        <SelectField
          {...api.field('coordinatorId')}
          label="Learner Benefits Coordinator"
          optional
          hint="Without one, the case waits in the coordinators' queue."
        >
          <UserOptions users={coordinators} empty="The coordinators' queue" />
        </SelectField>
      ) : null}
      <div className="checkboxes">
        <label htmlFor={api.controlId('lowLiteracy')}>
          <input id={api.controlId('lowLiteracy')} type="checkbox" {...api.form.register('lowLiteracy')} />
          The learner has low literacy (10 more months of training in all learning streams together)
        </label>
      </div>
      <FormActions pending={api.pending} submit="Fund the training" onCancel={() => onDone()} />
    </InlineForm>
  );
}
