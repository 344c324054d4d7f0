import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { listTeamTasks } from '../api.ts';
import { recordLink } from '../components/caseload/CaseloadLists.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { fullName } from '../format.ts';
import { usePageTitle } from '../hooks.ts';
import type { TeamList } from '../types.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { TEAM_LIST_NAMES } from './TeamPage.tsx';

/** The server's page of a task list. */
const PAGE = 500;

const isTeamList = (value: string | undefined): value is TeamList => !!value && value in TEAM_LIST_NAMES;

/** One of the team dashboard's lists: the open tasks it counts, on every worklist, soonest due first. */
export function TeamTasksPage() {
  const { list } = useParams();
  if (!isTeamList(list)) return <NotFoundPage />;
  return <TeamTasks list={list} />;
}

function TeamTasks({ list }: { list: TeamList }) {
  const title = TEAM_LIST_NAMES[list].title;
  usePageTitle(title);
  const [offset, setOffset] = useState(0);
  const query = useQuery({ queryKey: ['tasks', 'team', list, offset], queryFn: () => listTeamTasks(list, offset) });
  const tasks = query.data ?? [];
  return (
    <>
      <p>
        <Link to="/team">Back to the team dashboard</Link>
      </p>
      <h1>{title}</h1>
      {query.isPending ? <p role="status">Loading tasks…</p> : null}
      <ProblemAlert error={query.error} />
      {query.data && tasks.length === 0 ? <p className="empty">None at the moment.</p> : null}
      {tasks.length > 0 ? (
        <DataTable caption={`${title}, soonest due first`} columns={['Task', 'Person', 'Due', 'Assigned to']}>
          {tasks.map((task) => {
            const link = recordLink(task);
            return (
              <tr key={task.id}>
                <td>{link ? <Link to={link.to}>{task.title}</Link> : task.title}</td>
                <td>{task.person ? <Link to={`/people/${task.person.id}`}>{fullName(task.person)}</Link> : '—'}</td>
                <td>
                  <DateText value={task.dueOn} />
                </td>
                <td>{task.assignee?.displayName ?? 'Waiting in a queue'}</td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      <Pager
        page={{ offset, limit: PAGE, nextOffset: tasks.length === PAGE ? offset + PAGE : null }}
        onPage={setOffset}
        label="Task pages"
        what="tasks"
      />
    </>
  );
}
