import { Link } from 'react-router';
import type { myCaseload } from '../../api.ts';
import { fullName } from '../../format.ts';
import type { PlanStatus } from '../../types.ts';
import { PlanStatusBadge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';

type CaseloadPage = Awaited<ReturnType<typeof myCaseload>>;

/** The people of my caseload: their plan and its status, their open case, and my next due date for them. */
export function CaseloadTable({ caseload, caption }: { caseload: CaseloadPage; caption: string }) {
  return (
    <DataTable caption={caption} columns={['Person', 'Service Plan', 'Integrated Case', 'Next due']} className="table--caseload">
      {caseload.people.map(({ person, plan, openCase, nextDueOn }) => (
        <tr key={person.id}>
          <td>
            <Link to={`/people/${person.id}`}>{fullName(person)}</Link>
            <span className="cell-note mono nowrap">{person.reference}</span>
          </td>
          <td data-label="Service Plan">
            {plan ? (
              <>
                <Link to={`/service-plans/${plan.id}`} className="mono">
                  {plan.reference}
                </Link>{' '}
                <PlanStatusBadge status={plan.status as PlanStatus} />
              </>
            ) : (
              'No plan yet'
            )}
          </td>
          <td data-label="Integrated Case">{openCase ? <span className="mono">{openCase.reference}</span> : 'None open'}</td>
          <td data-label="Next due" className="nowrap">
            <DateText value={nextDueOn} empty="Nothing due" />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** "Showing 1 to 20 of 43" for a page of results. */
export function PageCount({ page, shown, noun }: { page: { offset: number; total: number }; shown: number; noun: [string, string] }) {
  if (page.total === 0) return null;
  const [one, many] = noun;
  const what = page.total === 1 ? `1 ${one}` : `${page.total} ${many}`;
  return <p className="results__count">{shown < page.total ? `Showing ${page.offset + 1} to ${page.offset + shown} of ${what}` : what}</p>;
}

/** Previous and next buttons for a server page. */
export function Pager({
  page,
  onPage,
  label,
}: {
  page: { offset: number; limit: number; nextOffset: number | null };
  onPage: (offset: number) => void;
  label: string;
}) {
  if (page.offset === 0 && page.nextOffset === null) return null;
  return (
    <nav className="actions" aria-label={label}>
      {page.offset > 0 ? (
        <button type="button" className="button button--secondary" onClick={() => onPage(Math.max(page.offset - page.limit, 0))}>
          Previous page
        </button>
      ) : null}
      {page.nextOffset !== null ? (
        <button type="button" className="button button--secondary" onClick={() => onPage(page.nextOffset ?? 0)}>
          Next page
        </button>
      ) : null}
    </nav>
  );
}
