import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { teamDashboard } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePageTitle } from '../hooks.ts';
import type { TeamList } from '../types.ts';

/** The dashboard's task lists, in the order shown: what each count is called, and the list's heading. */
export const TEAM_LIST_NAMES: Record<TeamList, { label: string; title: string }> = {
  overdue: { label: 'overdue tasks', title: 'Overdue tasks' },
  'plan-closure': { label: 'plans awaiting closure', title: 'Plans awaiting closure' },
  'two-attending': { label: 'two-attending situations to confirm', title: 'Two-attending situations awaiting confirmation' },
  'evidence-approval': { label: 'evidence awaiting approval', title: 'Evidence awaiting approval' },
};

const PAGE = 50;

/**
 * The supervisor's dashboard: the work waiting on someone (each count links to its list), and
 * each official's open caseload, with a way to move it.
 */
export function TeamPage() {
  usePageTitle('Team dashboard');
  const [offset, setOffset] = useState(0);
  const query = useQuery({ queryKey: ['tasks', 'team', offset], queryFn: () => teamDashboard(offset) });
  const team = query.data;
  return (
    <>
      <h1>Team dashboard</h1>
      <p className="lead">Work waiting on someone, and each official's open caseload.</p>
      {query.isPending ? <p role="status">Loading the dashboard…</p> : null}
      <ProblemAlert error={query.error} />
      {team ? (
        <>
          <section className="section" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">Waiting</h2>
            <ul className="team-counts">
              {(Object.keys(TEAM_LIST_NAMES) as TeamList[]).map((list) => (
                <li key={list} className={team.tasks[list] > 0 ? 'team-count team-count--some' : 'team-count'}>
                  <Link to={`/team/tasks/${list}`}>
                    <span className="team-count__number" aria-hidden="true">
                      {team.tasks[list]}
                    </span>
                    <span className="team-count__label">
                      <span className="visually-hidden">{team.tasks[list]} </span>
                      {TEAM_LIST_NAMES[list].label}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
          <section className="section" aria-labelledby="caseloads-heading">
            <h2 id="caseloads-heading">Caseload per official</h2>
            <DataTable
              caption="Open plan items and open tasks of each official"
              columns={['Official', { label: 'Plan items', className: 'num' }, { label: 'Tasks', className: 'num' }]}
            >
              {team.officials.map((official) => (
                <tr key={official.id}>
                  <td>
                    {official.displayName}
                    {official.planItems + official.tasks > 0 ? (
                      <>
                        <br />
                        <Link to={`/caseloads/transfer?from=${official.id}`} className="team-transfer">
                          Transfer<span className="visually-hidden"> {official.displayName}'s</span> caseload
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{official.planItems}</td>
                  <td className="num">{official.tasks}</td>
                </tr>
              ))}
            </DataTable>
            <Pager
              page={{ offset, limit: PAGE, nextOffset: offset + PAGE < team.officialCount ? offset + PAGE : null }}
              onPage={setOffset}
              label="Official pages"
              what="officials"
            />
          </section>
        </>
      ) : null}
    </>
  );
}
