/** Adding to a plan: a sub-goal (each type once, R03 rule 2), and a plan item under a sub-goal. */
import { type FormEvent, useState } from 'react';
import { addPlanItem, addSubGoal, ProblemError } from '../../api.ts';
import { useFocusFirstField } from '../../hooks.ts';
import type { PlanItemCatalogue, ServicePlan, SubGoal } from '../../types.ts';
import { SelectField, TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { usePlanMutation, useReloadPlan } from './planHooks.ts';

const required = (items: { field: string; detail: string }[]) =>
  items.length
    ? new ProblemError({ title: 'There is a problem', status: 400, errors: items.map((item) => ({ ...item, code: 'REQUIRED' })) })
    : null;

export function AddSubGoalForm({
  plan,
  choices,
  onClose,
  onAdded,
}: {
  plan: ServicePlan;
  /** Sub-goal types not yet in the plan. */
  choices: PlanItemCatalogue['subGoalTypes'];
  onClose: () => void;
  onAdded: (message: string) => void;
}) {
  const reload = useReloadPlan(plan.id);
  const [type, setType] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const label = (code: string) => choices.find((c) => c.code === code)?.label ?? code;
  const mutation = usePlanMutation(
    plan,
    (chosen: string) => addSubGoal(plan.id, chosen),
    () => {
      onAdded(`${label(type)} sub-goal added.`);
      onClose();
    },
  );
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = required(type ? [] : [{ field: 'type', detail: 'Choose the sub-goal' }]);
    setMissing(problem);
    if (problem) {
      mutation.reset();
      return;
    }
    mutation.mutate(type);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="add-subgoal-heading">
      <h3 id="add-subgoal-heading">Add a sub-goal</h3>
      <p className="hint">A step towards the goal. Each kind of sub-goal appears once in a plan; add further items under it.</p>
      <ProblemAlert
        error={shown}
        fieldId={(field) => (field === 'type' ? 'add-subgoal-type' : null)}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <SelectField id="add-subgoal-type" label="Sub-goal" value={type} error={errors.type} onChange={(event) => setType(event.target.value)}>
        <option value="">Choose…</option>
        {choices.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Adding…' : 'Add sub-goal'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AddItemForm({
  plan,
  subGoal,
  catalogue,
  onClose,
  onAdded,
}: {
  plan: ServicePlan;
  subGoal: SubGoal;
  catalogue: PlanItemCatalogue;
  onClose: () => void;
  onAdded: (message: string) => void;
}) {
  const reload = useReloadPlan(plan.id);
  const [type, setType] = useState('');
  const [customName, setCustomName] = useState('');
  const [description, setDescription] = useState('');
  const [expectedStart, setExpectedStart] = useState('');
  const [expectedEnd, setExpectedEnd] = useState('');
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const types = catalogue.itemTypes.filter((t) => t.subGoalType === subGoal.type);
  const name = type === 'other' ? customName.trim() : (types.find((t) => t.code === type)?.label ?? type);
  const mutation = usePlanMutation(
    plan,
    () =>
      addPlanItem(plan.id, {
        subGoalId: subGoal.id,
        type,
        ...(type === 'other' ? { customName: customName.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        expectedStart,
        expectedEnd,
      }),
    () => {
      onAdded(`${name} added under ${subGoal.label}. You own it.`);
      onClose();
    },
  );
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  const p = `add-item-${subGoal.id}`;
  const fieldId = (field: string) =>
    ({
      type: `${p}-type`,
      customName: `${p}-customName`,
      description: `${p}-description`,
      expectedStart: `${p}-expectedStart`,
      expectedEnd: `${p}-expectedEnd`,
    })[field] ?? null;
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = required([
      ...(type ? [] : [{ field: 'type', detail: 'Choose the plan item' }]),
      ...(type === 'other' && !customName.trim() ? [{ field: 'customName', detail: 'Describe the item in a few words' }] : []),
      ...(expectedStart ? [] : [{ field: 'expectedStart', detail: 'Enter the expected start' }]),
      ...(expectedEnd ? [] : [{ field: 'expectedEnd', detail: 'Enter the expected end' }]),
    ]);
    setMissing(problem);
    if (problem) {
      mutation.reset();
      return;
    }
    mutation.mutate(undefined);
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${p}-heading`}>
      <h4 id={`${p}-heading`}>Add a plan item to {subGoal.label}</h4>
      <p className="hint">You will own the item: only you update and complete it (a supervisor can reassign it).</p>
      <ProblemAlert
        error={shown}
        fieldId={fieldId}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      <div className="form-row">
        <SelectField id={`${p}-type`} label="Plan item" value={type} error={errors.type} onChange={(event) => setType(event.target.value)}>
          <option value="">Choose…</option>
          {types.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
          <option value="other">Other (describe)</option>
        </SelectField>
        {type === 'other' ? (
          <TextField
            id={`${p}-customName`}
            label="Name of the item"
            maxLength={200}
            value={customName}
            error={errors.customName}
            onChange={(event) => setCustomName(event.target.value)}
          />
        ) : null}
      </div>
      <div className="form-row">
        <TextField
          id={`${p}-expectedStart`}
          label="Expected start"
          type="date"
          className="field--short"
          value={expectedStart}
          error={errors.expectedStart}
          onChange={(event) => setExpectedStart(event.target.value)}
        />
        <TextField
          id={`${p}-expectedEnd`}
          label="Expected end"
          type="date"
          className="field--short"
          value={expectedEnd}
          error={errors.expectedEnd}
          onChange={(event) => setExpectedEnd(event.target.value)}
        />
      </div>
      <TextAreaField
        id={`${p}-description`}
        label="Description"
        optional
        hint="For example, the program and provider."
        value={description}
        error={errors.description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Adding…' : 'Add plan item'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
