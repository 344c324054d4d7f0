import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { assignTask, completeTask, listEvidence, listPdcsOf, listTasks, myOwnedWork } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { ApprovalItem } from '../components/benefits/EvidenceSection.tsx';
import { HeldPayments } from '../components/benefits/HeldPayments.tsx';
import { PlanItemList, recordLink } from '../components/caseload/CaseloadLists.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FlashMessage, useFlash } from '../components/SuccessMessage.tsx';
import { type WorklistFilter, WorklistFilters } from '../components/tasks/WorklistFilters.tsx';
import { fullName, roleLabel } from '../format.ts';
import { pdcKeys, taskKeys, usePageTitle } from '../hooks.ts';
import { mayOffer, useSession } from '../session.ts';
import type { Task, User } from '../types.ts';

/**
 * The learner case holding an evidence version (a Director Approval task names the version only):
 * the person's case, or, when they have several, the one whose evidence has that version.
 */
async function caseOfEvidenceVersion(personId: string, versionId: string): Promise<string | null> {
  const pdcs = await listPdcsOf(personId);
  if (pdcs.length === 1) return pdcs[0]?.id ?? null;
  for (const pdc of pdcs) {
    const records = await listEvidence(pdc.id);
    if (records.some((record) => record.versions.some((v) => v.id === versionId))) return pdc.id;
  }
  return null;
}

function TaskLink({ task }: { task: Task }) {
  const versionId = task.recordType === 'evidence_version' ? task.recordId : null;
  const personId = task.person?.id ?? null;
  const found = useQuery({
    queryKey: ['evidence-version-case', versionId],
    queryFn: () => caseOfEvidenceVersion(personId ?? '', versionId ?? ''),
    enabled: !!versionId && !!personId,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const link = versionId && found.data ? { to: `/pdcs/${found.data}`, label: 'Open the learner case' } : recordLink(task);
  if (!link) return null;
  return (
    <Link className="task__link" to={link.to}>
      {link.label}
      <span className="visually-hidden">: {task.title}</span>
    </Link>
  );
}

const PAGE_SIZE = 25;

/** The worklist's filter, sort and page as the address holds them. */
function useWorklistQuery() {
  const [params, setParams] = useSearchParams();
  const text = (name: string) => params.get(name) || undefined;
  const filter: WorklistFilter = {
    queue: text('queue'),
    type: text('type'),
    due: text('due') as WorklistFilter['due'],
    sort: text('sort') as WorklistFilter['sort'],
  };
  const offset = Math.max(Math.floor(Number(params.get('offset'))) || 0, 0);
  const go = (next: WorklistFilter, nextOffset = 0) => {
    const entries = Object.entries({ ...next, offset: nextOffset || undefined }).filter(([, v]) => v !== undefined && v !== '');
    setParams(new URLSearchParams(entries.map(([k, v]) => [k, String(v)])));
  };
  return { filter, offset, go };
}

/**
 * My worklist: tasks assigned to me, and tasks waiting in my role's queue (take one to make it
 * mine). The rules create them: closing a plan after its last item, a learner's personal change...
 * Filtered by queue, type and due window, sorted and paged on the server.
 */
export function WorklistPage() {
  usePageTitle('My worklist');
  const { data: user } = useSession();
  const { filter, offset, go } = useWorklistQuery();
  const query = useQuery({
    queryKey: [...taskKeys.list, filter, offset],
    queryFn: () => listTasks({ ...filter, limit: PAGE_SIZE, offset }),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
  const { flash, say } = useFlash();
  const tasks = query.data?.tasks ?? [];
  const total = query.data?.total ?? 0;
  const filtered = !!(filter.queue || filter.type || filter.due);

  return (
    <>
      <h1>My worklist</h1>
      <p className="lead">Tasks assigned to you, and tasks waiting in your role's queue.</p>
      <FlashMessage flash={flash} />
      <section aria-labelledby="tasks-heading" className="section">
        <h2 id="tasks-heading">Open tasks</h2>
        <WorklistFilters filter={filter} counts={query.data?.counts} onApply={(next) => go(next)} />
        {query.isPending ? <p role="status">Loading tasks…</p> : null}
        <ProblemAlert error={query.error} />
        {query.data ? (
          tasks.length === 0 ? (
            <p className="empty">{filtered ? 'No open tasks match these filters.' : 'Nothing to do: no open tasks.'}</p>
          ) : (
            <>
              <p className="results__count" role="status">
                {total === 1 ? '1 open task' : `${total} open tasks`}
                {filtered ? (total === 1 ? ' matches these filters' : ' match these filters') : ''}
                {total > tasks.length ? ` (showing ${offset + 1} to ${offset + tasks.length})` : ''}
              </p>
              <DataTable
                caption="Open tasks"
                columns={[
                  'Task',
                  'Person',
                  'Due',
                  'Assigned to',
                  <span key="actions" className="visually-hidden">
                    Actions
                  </span>,
                ]}
                className="table--tasks table--stack"
              >
                {tasks.map((task) => (
                  <TaskRow key={task.id} task={task} user={user ?? null} overdue={task.overdue} onDone={say} />
                ))}
              </DataTable>
              <Pager
                page={{ offset, limit: PAGE_SIZE, nextOffset: offset + tasks.length < total ? offset + PAGE_SIZE : null }}
                onPage={(next) => go(filter, next)}
                label="Task pages"
              />
            </>
          )
        ) : null}
      </section>
      <HeldPayments user={user ?? null} />
      <MyPlanItems />
      {mayOffer(user, 'caseload.transfer') ? (
        <p>
          <Link to="/caseloads/transfer">Transfer an official's caseload</Link>
        </p>
      ) : null}
    </>
  );
}

/**
 * The decision an approval task stands for, opened in the worklist: the Director Approval evidence
 * it names, to approve, or reject with a reason. Deciding ends the task; nothing else does.
 */
function DirectorApprovalDecision({ task, onDone }: { task: Task; onDone: (text: string) => void }) {
  const versionId = task.recordId ?? '';
  const personId = task.person?.id ?? '';
  const found = useQuery({
    queryKey: ['evidence-version-case', versionId],
    queryFn: () => caseOfEvidenceVersion(personId, versionId),
    enabled: !!versionId && !!personId,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const pdcId = found.data ?? '';
  const evidence = useQuery({ queryKey: pdcKeys.evidence(pdcId), queryFn: () => listEvidence(pdcId), enabled: !!pdcId });
  const record = evidence.data?.find((r) => r.versions.some((v) => v.id === versionId));
  const version = record?.versions.find((v) => v.id === versionId);
  if (found.isPending || evidence.isPending) return <p role="status">Loading the evidence…</p>;
  if (found.error || evidence.error) return <ProblemAlert error={found.error ?? evidence.error} />;
  if (!record || !version) return <p className="muted">The evidence this task names was not found.</p>;
  return (
    <ul className="plain-list approvals__list" aria-label={`Decision: ${task.title}`}>
      <ApprovalItem pdcId={pdcId} record={record} version={version} onReassessed={(title) => onDone(`${title}. The task is done.`)} />
    </ul>
  );
}

function TaskRow({ task, user, overdue, onDone }: { task: Task; user: User | null; overdue: boolean; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const mine = task.assignee?.id === user?.id;
  const queued = task.assignee === null;
  const [deciding, setDeciding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['tasks'] });
  const complete = useMutation({
    mutationFn: () => completeTask(task.id, { version: task.version }),
    onSuccess: async () => {
      await refresh();
      onDone(`Task completed: ${task.title}.`);
    },
  });
  const take = useMutation({
    mutationFn: () => assignTask(task.id, { version: task.version, assigneeId: user?.id ?? '' }),
    onSuccess: async () => {
      await refresh();
      onDone(`Task taken: ${task.title}. It is now assigned to you.`);
    },
  });
  const error = complete.error ?? take.error;
  return (
    <>
      <tr className={overdue ? 'task--overdue' : undefined}>
        <th scope="row" className="item-name">
          <span>{task.title}</span>
          {task.detail ? <span className="item-description">{task.detail}</span> : null}
          <TaskLink task={task} />
        </th>
        <td data-label="Person">
          {task.person ? (
            <>
              <Link to={`/people/${task.person.id}`}>{fullName(task.person)}</Link>
              <span className="item-description mono">{task.person.reference}</span>
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td className="nowrap" data-label="Due">
          <DateText value={task.dueOn} />
          {overdue ? (
            <>
              {' '}
              <Badge tone="error">Overdue</Badge>
            </>
          ) : null}
        </td>
        <td data-label="Assigned to">
          {task.assignee ? (
            mine ? (
              'You'
            ) : (
              task.assignee.displayName
            )
          ) : (
            <>Queue: {task.assigneeRole ? roleLabel(task.assigneeRole) : 'unassigned'}</>
          )}
        </td>
        <td className="cell-actions">
          {queued ? <TaskAction text="Take" task={task.title} action={take} secondary /> : null}
          {(mine || queued) && task.decision ? (
            // A task that stands for a decision ends only through it: no plain "complete".
            <button
              type="button"
              className="button button--small"
              onClick={() => setDeciding((open) => !open)}
              aria-expanded={deciding}
              aria-label={`Decide: ${task.title}`}
            >
              {deciding ? 'Close' : 'Decide…'}
            </button>
          ) : null}
          {(mine || queued) && !task.decision ? <TaskAction text="Complete" task={task.title} action={complete} /> : null}
        </td>
      </tr>
      {deciding && task.decision?.kind === 'director-approval' ? (
        <tr className="row-form">
          <td colSpan={5}>
            <DirectorApprovalDecision task={task} onDone={onDone} />
          </td>
        </tr>
      ) : null}
      {error ? (
        <tr className="row-form">
          <td colSpan={5}>
            <ProblemAlert
              error={error}
              onReload={() => {
                complete.reset();
                take.reset();
                refresh();
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The open plan items I own, on current plans: where work given to me (a caseload transfer, say) is found. */
function MyPlanItems() {
  const query = useQuery({ queryKey: ['tasks', 'caseload'], queryFn: myOwnedWork });
  return (
    <>
      <ProblemAlert error={query.error} />
      {query.data ? <PlanItemList caseload={query.data} id="my-items" title="Plan items you own" /> : null}
    </>
  );
}

/** A button doing one thing to a task at once ("Take", "Complete"), named with the task's title. */
function TaskAction({
  text,
  task,
  action,
  secondary = false,
}: {
  text: string;
  task: string;
  action: { mutate: () => void; isPending: boolean };
  secondary?: boolean;
}) {
  return (
    <button
      type="button"
      className={secondary ? 'button button--secondary button--small' : 'button button--small'}
      onClick={() => action.mutate()}
      disabled={action.isPending}
      aria-label={`${text}: ${task}`}
    >
      {text}
    </button>
  );
}
