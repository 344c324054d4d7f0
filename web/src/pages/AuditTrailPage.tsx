import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getAudit, getPerson } from '../api.ts';
import { AuditEventList } from '../components/audit/AuditEventList.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { fullName } from '../format.ts';
import { personKeys, usePageTitle } from '../hooks.ts';
import { hasAnyRole, useSession } from '../session.ts';

/** Who did what to a person's record, and when, with what each event changed (auditors and supervisors). */
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
          <>
            <p>{events.data.length === 1 ? '1 event' : `${events.data.length} events`}, oldest first.</p>
            <AuditEventList events={events.data} ofOneRecord />
          </>
        )
      ) : null}
    </>
  );
}
