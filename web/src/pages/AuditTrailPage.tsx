import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getAudit, getPerson } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { compactJson, formatInstant, fullName } from '../format.ts';
import { personKeys, usePageTitle } from '../hooks.ts';
import { hasAnyRole, useSession } from '../session.ts';

/** Who did what to a person's record, and when, with before and after (auditors and supervisors). */
export function AuditTrailPage() {
  const { id = '' } = useParams();
  const { data: user } = useSession();
  const allowed = hasAnyRole(user, 'auditor', 'supervisor');
  const person = useQuery({ queryKey: personKeys.person(id), queryFn: () => getPerson(id) });
  const events = useQuery({ queryKey: personKeys.audit(id), queryFn: () => getAudit('person', id), enabled: allowed });
  const name = person.data ? fullName(person.data) : '';
  usePageTitle(person.data ? `Audit trail, ${person.data.reference}` : 'Audit trail');

  return (
    <>
      <p className="breadcrumb">
        {/* Back to the person only for someone who may open them; anyone else goes back to their start page. */}
        {person.data ? (
          <Link to={`/people/${id}`}>Back to {name}</Link>
        ) : person.isPending ? null : (
          <Link to="/">Back to the start page</Link>
        )}
      </p>
      <h1>Audit trail</h1>
      {person.data ? (
        <p className="lead">
          {fullName(person.data)} <span className="mono">{person.data.reference}</span>
        </p>
      ) : null}
      {!allowed ? (
        <div className="alert alert--error" role="alert">
          <p>Only auditors and supervisors can see the audit trail.</p>
        </div>
      ) : null}
      <ProblemAlert error={events.error} />
      {events.isPending && allowed ? <p role="status">Loading events…</p> : null}
      {events.data ? (
        events.data.length === 0 ? (
          <p className="muted">No events recorded.</p>
        ) : (
          <DataTable
            caption="Audit events, oldest first"
            columns={['When', 'Who', 'Action', 'Before', 'After']}
            className="table--compact audit"
          >
            {events.data.map((event) => (
              <tr key={event.seq}>
                <td className="nowrap">
                  <time dateTime={event.at}>{formatInstant(event.at)}</time>
                </td>
                <td className="nowrap">{event.actor?.displayName ?? 'System'}</td>
                <td>
                  <code className="mono">{event.action}</code>
                </td>
                <td>
                  <code className="json">{compactJson(event.before)}</code>
                </td>
                <td>
                  <code className="json">{compactJson(event.after)}</code>
                </td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </>
  );
}
