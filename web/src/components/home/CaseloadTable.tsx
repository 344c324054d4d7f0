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
