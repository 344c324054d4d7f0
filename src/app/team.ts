/**
 * The supervisor's dashboard (team view): each official's open caseload, and the open tasks
 * waiting on someone by what they wait for, each count with the list it counts
 * (GET /api/tasks?scope=all&list=...).
 */
import { officialCaseloads, openTaskCounts, type TaskListFilter, taskListCondition } from '../store/repos/team.ts';
import type { Actor, AppContext } from './context.ts';
import { authorize } from './permissions.ts';
import { readerOf } from './person-access.ts';

export const TEAM_LISTS = ['overdue', 'plan-closure', 'two-attending', 'evidence-approval'] as const;
export type TeamList = (typeof TEAM_LISTS)[number];

/** What each list holds on `today`: the same condition for its count and for the list. */
function teamLists(today: string): Record<TeamList, TaskListFilter> {
  return {
    overdue: { dueBefore: today },
    'plan-closure': { kinds: ['plan-closure', 'plan-closure-review'] },
    'two-attending': { kinds: ['two-attending-detected'] },
    'evidence-approval': { kinds: ['director-approval'] },
  };
}

/** The open tasks' condition for one of the dashboard's lists. */
export function teamListCondition(ctx: AppContext, list: TeamList) {
  return taskListCondition(teamLists(ctx.clock.today().toString())[list]);
}

export async function teamDashboard(ctx: AppContext, actor: Actor, paging: { limit?: number | undefined; offset?: number | undefined }) {
  authorize(actor, 'team.read');
  const page = { limit: Math.min(paging.limit ?? 50, 200), offset: paging.offset ?? 0 };
  const counts = await openTaskCounts(ctx.db, teamLists(ctx.clock.today().toString()), readerOf(actor));
  const officials = await officialCaseloads(ctx.db, page);
  return { tasks: counts, officialCount: officials.total, officials: officials.rows };
}
