/**
 * The worklist's filters: a role's queue, a type of task, when it is due, and the order. The
 * server counts how many tasks each choice would show (the other filters kept); the counts are in
 * the options. Applying puts the choice in the address, so a filtered worklist can be bookmarked.
 */
import type { FormEvent } from 'react';
import { DUE_WINDOW_LABELS, labelOf, roleLabel, TASK_KIND_LABELS } from '../../format.ts';
import type { TaskPage, TaskQuery } from '../../types.ts';
import { SelectField } from '../Field.tsx';

export type WorklistFilter = Pick<TaskQuery, 'queue' | 'type' | 'due' | 'sort'>;

const SORT_LABELS: Record<string, string> = { due: 'Soonest due first', created: 'Newest first', title: 'Task name, A to Z' };
const DUE_ORDER = ['overdue', 'this-week', 'later'];

interface Props {
  filter: WorklistFilter;
  counts: TaskPage['counts'] | undefined;
  onApply: (filter: WorklistFilter) => void;
}

/** The options of one filter: every value counted, plus the chosen one even when nothing has it now. */
function Options({
  counts,
  chosen,
  label,
  order,
}: {
  counts: TaskPage['counts']['queue'];
  chosen: string | undefined;
  label: (value: string) => string;
  order?: string[];
}) {
  const values = counts.filter((c): c is { value: string; count: number } => c.value !== null);
  if (chosen && !values.some((c) => c.value === chosen)) values.push({ value: chosen, count: 0 });
  if (order) values.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  else values.sort((a, b) => label(a.value).localeCompare(label(b.value)));
  return (
    <>
      {values.map((c) => (
        <option key={c.value} value={c.value}>
          {label(c.value)} ({c.count})
        </option>
      ))}
    </>
  );
}

const chosenIn = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export function WorklistFilters({ filter, counts, onApply }: Props) {
  const empty = { queue: [], type: [], due: [] };
  const all = counts ?? empty;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onApply({
      queue: chosenIn(data, 'queue'),
      type: chosenIn(data, 'type'),
      due: chosenIn(data, 'due') as WorklistFilter['due'],
      sort: chosenIn(data, 'sort') as WorklistFilter['sort'],
    });
  };
  const filtered = !!(filter.queue || filter.type || filter.due);
  return (
    // The key resets the uncontrolled selects when the filter changes from outside (Clear filters, the address).
    <form className="worklist-filters" aria-label="Filter tasks" onSubmit={submit} key={JSON.stringify(filter)}>
      <div className="worklist-filters__fields">
        <SelectField id="filter-queue" name="queue" label="Queue" defaultValue={filter.queue ?? ''}>
          <option value="">All queues</option>
          <Options counts={all.queue} chosen={filter.queue} label={roleLabel} />
        </SelectField>
        <SelectField id="filter-type" name="type" label="Type" defaultValue={filter.type ?? ''}>
          <option value="">All types</option>
          <Options counts={all.type} chosen={filter.type} label={(v) => labelOf(TASK_KIND_LABELS, v)} />
        </SelectField>
        <SelectField id="filter-due" name="due" label="Due" defaultValue={filter.due ?? ''}>
          <option value="">Any time</option>
          <Options counts={all.due} chosen={filter.due} label={(v) => labelOf(DUE_WINDOW_LABELS, v)} order={DUE_ORDER} />
        </SelectField>
        <SelectField id="filter-sort" name="sort" label="Sort by" defaultValue={filter.sort ?? 'due'}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="worklist-filters__actions">
        <button type="submit" className="button button--secondary">
          Apply filters
        </button>
        {filtered ? (
          <button type="button" className="button button--link" onClick={() => onApply({ sort: filter.sort })}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
