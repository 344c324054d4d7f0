import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { countTasks, listMyFirstTasks, myCaseload, recentlyViewed } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { CaseloadTable } from '../components/home/CaseloadTable.tsx';
import { PageCount, Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { formatInstant, fullName } from '../format.ts';
import { taskKeys, usePageTitle } from '../hooks.ts';
import { homePath, isCaseworker, useSession, useToday } from '../session.ts';

const TASKS_SHOWN = 5;
const CASELOAD_SHOWN = 5;
const RECENT_SHOWN = 5;

/**
 * The start page. Caseworkers (officials, coordinators, supervisors) see their own work: open
 * tasks, their caseload and the people they opened lately. Everyone else starts where their role
 * may work (session.ts `homePath`): Find a person, an administrator's accounts, or the calculator.
 */
export function HomePage() {
  const { data: user } = useSession();
  if (!isCaseworker(user)) return <Navigate to={user ? homePath(user) : '/people'} replace />;
  return <MyWork />;
}

function MyWork() {
  usePageTitle('My work');
  const { data: user } = useSession();
  return (
    <>
      <h1>My work</h1>
      <p className="lead">
        {user ? `${user.displayName}, here` : 'Here'} is what is waiting for you. To look someone up,{' '}
        <Link to="/people">find a person</Link>.
      </p>
      <div className="home-grid">
        <OpenTasks />
        <RecentlyViewed />
      </div>
      <CaseloadSummary />
    </>
  );
}

function OpenTasks() {
  const tasks = useQuery({ queryKey: [...taskKeys.list, 'first', TASKS_SHOWN], queryFn: () => listMyFirstTasks(TASKS_SHOWN) });
  const count = useQuery({ queryKey: taskKeys.count, queryFn: countTasks });
  const now = useToday();
  const total = count.data ?? tasks.data?.length ?? 0;
  return (
    <section aria-labelledby="home-tasks" className="section card home-card">
      <h2 id="home-tasks">My open tasks</h2>
      {tasks.isPending ? <p role="status">Loading tasks…</p> : null}
      <ProblemAlert error={tasks.error} />
      {tasks.data ? (
        tasks.data.length === 0 ? (
          <p className="empty">Nothing to do: no open tasks.</p>
        ) : (
          <>
            <p className="results__count">
              {total === 1 ? '1 open task' : `${total} open tasks`}
              {total > tasks.data.length ? `, the ${tasks.data.length} due soonest shown` : ', soonest due first'}
            </p>
            <DataTable caption="My open tasks, soonest due first" columns={['Task', 'Due']} className="table--home-tasks">
              {tasks.data.map((task) => (
                <tr key={task.id}>
                  <td>
                    {task.title}
                    {task.person ? (
                      <span className="cell-note">
                        <Link to={`/people/${task.person.id}`}>{fullName(task.person)}</Link>
                      </span>
                    ) : null}
                  </td>
                  <td className="nowrap">
                    <DateText value={task.dueOn} />
                    {task.dueOn < now ? (
                      <span className="cell-note">
                        <Badge tone="error">Overdue</Badge>
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )
      ) : null}
      <p>
        <Link to="/worklist">Go to my worklist</Link>
      </p>
    </section>
  );
}

function RecentlyViewed() {
  const [offset, setOffset] = useState(0);
  const recent = useQuery({ queryKey: ['recently-viewed', offset], queryFn: () => recentlyViewed(RECENT_SHOWN, offset) });
  return (
    <section aria-labelledby="home-recent" className="section card home-card">
      <h2 id="home-recent">Recently viewed</h2>
      {recent.isPending ? <p role="status">Loading…</p> : null}
      <ProblemAlert error={recent.error} />
      {recent.data ? (
        recent.data.people.length === 0 && offset === 0 ? (
          <p className="empty">People you open will be listed here.</p>
        ) : (
          <>
            <ul className="plain-list">
              {recent.data.people.map(({ person, viewedAt }) => (
                <li key={person.id}>
                  <Link to={`/people/${person.id}`}>{fullName(person)}</Link>
                  <span className="cell-note">Viewed {formatInstant(viewedAt)}</span>
                </li>
              ))}
            </ul>
            <Pager page={recent.data.page} onPage={setOffset} label="Recently viewed pages" />
          </>
        )
      ) : null}
    </section>
  );
}

function CaseloadSummary() {
  const caseload = useQuery({ queryKey: ['caseload', { limit: CASELOAD_SHOWN }], queryFn: () => myCaseload({ limit: CASELOAD_SHOWN }) });
  return (
    <section aria-labelledby="home-caseload" className="section">
      <h2 id="home-caseload">My caseload</h2>
      {caseload.isPending ? <p role="status">Loading your caseload…</p> : null}
      <ProblemAlert error={caseload.error} />
      {caseload.data ? (
        caseload.data.people.length === 0 ? (
          <p className="empty">No one is on your caseload yet.</p>
        ) : (
          <>
            <PageCount page={caseload.data.page} shown={caseload.data.people.length} noun={['person', 'people']} />
            <CaseloadTable caseload={caseload.data} caption="My caseload, soonest due first" />
          </>
        )
      ) : null}
      <p>
        <Link to="/caseload">See and filter my whole caseload</Link>
      </p>
    </section>
  );
}
