import { Link } from 'react-router';
import type { Caseload } from '../../types.ts';
import { DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';

type CaseloadTask = Caseload['tasks'][number];

/** Where a task's record is read. */
export function recordLink(task: Pick<CaseloadTask, 'recordType' | 'recordId'> & { person?: { id: string } | null }) {
  if (task.recordType === 'service_plan' && task.recordId) return { to: `/service-plans/${task.recordId}`, label: 'Open the plan' };
  if (task.recordType === 'two_attending' && task.recordId)
    return { to: `/two-attending/${task.recordId}`, label: 'Open the two-attending situation' };
  if (task.recordType === 'pdc' && task.recordId) return { to: `/pdcs/${task.recordId}`, label: 'Open the learner case' };
  if (task.person) return { to: `/people/${task.person.id}`, label: 'Open the person' };
  return null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How much a caseload holds, in words: "3 plan items and 2 tasks". */
export function caseloadSize(caseload: Pick<Caseload, 'planItemCount' | 'taskCount'>): string {
  return `${plural(caseload.planItemCount, 'plan item', 'plan items')} and ${plural(caseload.taskCount, 'task', 'tasks')}`;
}

const more = (shown: number, total: number) =>
  total > shown ? (
    <p className="hint">
      The first {shown} of {total} are shown.
    </p>
  ) : null;

type Heading = 'h2' | 'h3';

/** The open plan items of a caseload, each with its person and plan linked. */
export function PlanItemList({
  caseload,
  heading: Heading = 'h2',
  id,
  title = 'Plan items',
}: {
  caseload: Caseload;
  heading?: Heading;
  id: string;
  title?: string;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <Heading id={id}>
        {title} ({caseload.planItemCount})
      </Heading>
      {caseload.planItems.length === 0 ? (
        <p className="empty">No open plan items.</p>
      ) : (
        <>
          <DataTable caption="Open plan items, soonest expected end first" columns={['Item and plan', 'Person', 'Ends']}>
            {caseload.planItems.map((item) => (
              <tr key={item.id}>
                <td>
                  {item.name}
                  <br />
                  <Link to={`/service-plans/${item.planId}`} className="caseload-plan">
                    <span className="visually-hidden">Service Plan </span>
                    {item.planReference}
                  </Link>
                </td>
                <td>
                  <Link to={`/people/${item.personId}`}>{item.personName}</Link>
                </td>
                <td>
                  <DateText value={item.expectedEnd} />
                </td>
              </tr>
            ))}
          </DataTable>
          {more(caseload.planItems.length, caseload.planItemCount)}
        </>
      )}
    </section>
  );
}

/** The open tasks of a caseload, each linking to the record it is about. */
function TaskList({ caseload, heading: Heading = 'h2', id }: { caseload: Caseload; heading?: Heading; id: string }) {
  return (
    <section className="section" aria-labelledby={id}>
      <Heading id={id}>Tasks ({caseload.taskCount})</Heading>
      {caseload.tasks.length === 0 ? (
        <p className="empty">No open tasks.</p>
      ) : (
        <>
          <DataTable caption="Open tasks, soonest due first" columns={['Task', 'Person', 'Due']}>
            {caseload.tasks.map((task) => {
              const link = recordLink({ ...task, person: task.personId ? { id: task.personId } : null });
              return (
                <tr key={task.id}>
                  <td>{link ? <Link to={link.to}>{task.title}</Link> : task.title}</td>
                  <td>{task.personId ? <Link to={`/people/${task.personId}`}>{task.personName}</Link> : '—'}</td>
                  <td>
                    <DateText value={task.dueOn} />
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {more(caseload.tasks.length, caseload.taskCount)}
        </>
      )}
    </section>
  );
}

/** An official's open work, before a transfer and after it. */
export function CaseloadLists({ caseload, heading = 'h2', idPrefix }: { caseload: Caseload; heading?: Heading; idPrefix: string }) {
  return (
    <>
      <PlanItemList caseload={caseload} heading={heading} id={`${idPrefix}-items`} />
      <TaskList caseload={caseload} heading={heading} id={`${idPrefix}-tasks`} />
    </>
  );
}
