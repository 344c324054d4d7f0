import { Link } from 'react-router';
import { formatInstant } from '../../format.ts';
import type { AuditEvent } from '../../types.ts';
import { DataTable } from '../DataTable.tsx';

const RECORD_TYPES: Record<string, string> = {
  person: 'Person',
  relationship: 'Relationship',
  integrated_case: 'Integrated case',
  assessment: 'Assessment',
  user: 'User',
  service_plan: 'Service plan',
  plan_item: 'Plan item',
  task: 'Task',
  pdc: 'Benefit case',
  two_attending: 'Two-attending situation',
  office: 'Office',
};

export const recordTypeLabel = (type: string): string => RECORD_TYPES[type] ?? type;

/** The record an event is about: its reference or name, linked to a person's own trail. */
function RecordName({ event }: { event: AuditEvent }) {
  const name = event.recordLabel ?? 'no reference';
  return (
    <>
      {recordTypeLabel(event.recordType)} <span className="mono">{name}</span>
      {event.recordType === 'person' ? (
        <>
          {' '}
          (<Link to={`/people/${event.recordId}/audit`}>whole trail</Link>)
        </>
      ) : null}
    </>
  );
}

/** The fields an event changed; for a record's creation (nothing before), only what was recorded. */
function Changes({ event }: { event: AuditEvent }) {
  if (event.changes.length === 0) return <p className="muted">No fields changed.</p>;
  const created = event.changes.every((change) => change.before === null);
  return (
    <DataTable
      caption={`Changes made by event ${event.seq}`}
      columns={created ? ['Field', 'Recorded'] : ['Field', 'Before', 'After']}
      className="table--compact table--stack audit-diff"
    >
      {event.changes.map((change) => (
        <tr key={change.field}>
          <th scope="row">{change.field}</th>
          {created ? null : <td data-label="Before">{change.before ?? <span className="muted">(not set)</span>}</td>}
          <td data-label={created ? 'Recorded' : 'After'}>{change.after ?? <span className="muted">(removed)</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Audit events, each with who, when, what and the fields it changed (before and after). */
export function AuditEventList({ events }: { events: readonly AuditEvent[] }) {
  return (
    <ol className="audit-events">
      {events.map((event) => (
        <li key={event.seq} className="audit-event">
          <p className="audit-event__head">
            <code className="mono">{event.action}</code> on <RecordName event={event} />
          </p>
          <p className="audit-event__meta">
            <time dateTime={event.at}>{formatInstant(event.at)}</time> by {event.actor?.displayName ?? 'the system'}, event {event.seq}
          </p>
          <Changes event={event} />
        </li>
      ))}
    </ol>
  );
}
