/** Adding to a plan: a sub-goal (each type once, R03 rule 2), and a plan item under a sub-goal. */
import { z } from 'zod';
import { addPlanItem, addSubGoal } from '../../api.ts';
import { LEARNING_STREAM_LABELS } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { optional, required } from '../../forms/schema.ts';
import type { PlanItemCatalogue, ServicePlan, SubGoal } from '../../types.ts';
import { CodeOptions, SelectField, TextAreaField, TextField } from '../Field.tsx';
import { CourseLoadField, courseLoadSchema } from './CourseLoadField.tsx';
import { usePlanForm } from './planHooks.ts';

interface AddProps {
  plan: ServicePlan;
  onClose: () => void;
  onAdded: (message: string) => void;
}

const subGoalSchema = z.object({ type: required('Choose the sub-goal') });

export function AddSubGoalForm({
  plan,
  choices,
  onClose,
  onAdded,
}: AddProps & {
  /** Sub-goal types not yet in the plan. */
  choices: PlanItemCatalogue['subGoalTypes'];
}) {
  const api = usePlanForm(plan, {
    id: 'add-subgoal',
    schema: subGoalSchema,
    defaultValues: { type: '' },
    submit: ({ type }) => addSubGoal(plan.id, type),
    onSaved: (_updated, { type }) => {
      onAdded(`${choices.find((c) => c.code === type)?.label ?? type} sub-goal added.`);
      onClose();
    },
  });
  return (
    <ApiForm
      api={api}
      focusFirst
      title="Add a sub-goal"
      intro="A step towards the goal. Each kind of sub-goal appears once in a plan; add further items under it."
    >
      <SelectField {...api.field('type')} label="Sub-goal">
        <CodeOptions choices={choices} />
      </SelectField>
      <FormActions pending={api.pending} submit="Add sub-goal" pendingText="Adding…" onCancel={onClose} />
    </ApiForm>
  );
}

const itemSchema = z
  .object({
    type: required('Choose the plan item'),
    customName: optional(),
    expectedStart: required('Enter the expected start'),
    expectedEnd: required('Enter the expected end'),
    learningStream: optional(),
    courseLoadPercent: courseLoadSchema,
    description: optional(),
  })
  .superRefine((values, ctx) => {
    if (values.type === 'other' && !values.customName)
      ctx.addIssue({ code: 'custom', path: ['customName'], message: 'Describe the item in a few words' });
  });

export function AddItemForm({ plan, subGoal, catalogue, onClose, onAdded }: AddProps & { subGoal: SubGoal; catalogue: PlanItemCatalogue }) {
  const types = catalogue.itemTypes.filter((t) => t.subGoalType === subGoal.type);
  const api = usePlanForm(plan, {
    id: `add-item-${subGoal.id}`,
    schema: itemSchema,
    defaultValues: {
      type: '',
      customName: '',
      expectedStart: '',
      expectedEnd: '',
      learningStream: '',
      courseLoadPercent: '',
      description: '',
    },
    submit: ({ type, customName, description, expectedStart, expectedEnd, learningStream, courseLoadPercent }) =>
      addPlanItem(plan.id, {
        subGoalId: subGoal.id,
        type,
        ...(type === 'other' ? { customName } : {}),
        ...(description ? { description } : {}),
        ...(learningStream ? { learningStream } : {}),
        ...(courseLoadPercent ? { courseLoadPercent: Number(courseLoadPercent) } : {}),
        expectedStart,
        expectedEnd,
      }),
    onSaved: (_updated, { type, customName }) => {
      const name = type === 'other' ? customName : (types.find((t) => t.code === type)?.label ?? type);
      onAdded(`${name} added under ${subGoal.label}. You own it.`);
      onClose();
    },
  });
  return (
    <ApiForm
      api={api}
      focusFirst
      level={4}
      title={`Add a plan item to ${subGoal.label}`}
      intro="You will own the item: only you update and complete it (a supervisor can reassign it)."
    >
      <div className="form-row">
        <SelectField {...api.field('type')} label="Plan item">
          <CodeOptions choices={types} />
          <option value="other">Other (describe)</option>
        </SelectField>
        {api.form.watch('type') === 'other' ? <TextField {...api.field('customName')} label="Name of the item" maxLength={200} /> : null}
      </div>
      <div className="form-row">
        <TextField {...api.field('expectedStart')} label="Expected start" type="date" className="field--short" />
        <TextField {...api.field('expectedEnd')} label="Expected end" type="date" className="field--short" />
      </div>
      {subGoal.type === 'training' ? (
        <SelectField
          {...api.field('learningStream')}
          label="Learning stream"
          optional
          hint="Months of funded training are counted per stream against its cap."
        >
          <CodeOptions choices={Object.entries(LEARNING_STREAM_LABELS).map(([code, label]) => ({ code, label }))} />
        </SelectField>
      ) : null}
      {subGoal.type === 'training' ? <CourseLoadField {...api.field('courseLoadPercent')} /> : null}
      <TextAreaField {...api.field('description')} label="Description" optional hint="For example, the program and provider." />
      <FormActions pending={api.pending} submit="Add plan item" pendingText="Adding…" onCancel={onClose} />
    </ApiForm>
  );
}
