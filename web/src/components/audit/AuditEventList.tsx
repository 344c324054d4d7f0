import { Link } from 'react-router';
import { AUDIT_ACTIONS, auditActionLabel } from '../../../../src/app/audit-actions.ts';
import { formatInstant } from '../../format.ts';
import type { AuditEvent } from '../../types.ts';
import { DataTable } from '../DataTable.tsx';
import { isIdValue, readableValue, recordTypeLabel } from './audit-values.ts';

/** The record an event is about: its reference or name, linked to a person's own trail. */
function RecordName({ event }: { event: AuditEvent }) {
  const name = event.withheld ? 'withheld' : (event.recordLabel ?? 'no reference');
  return (
    <>
      {recordTypeLabel(event.recordType)} <span className="mono">{name}</span>
      {event.recordType === 'person' && !event.withheld ? (
        <>
          {' '}
          (<Link to={`/people/${event.recordId}/audit`}>whole trail</Link>)
        </>
      ) : null}
    </>
  );
}

/** Whether the catalogue has words for an action (one stored before it was named there reads as its code). */
const known = (action: string) => Object.hasOwn(AUDIT_ACTIONS, action);

/** A value of a change for reading (audit-values.ts); an id in small monospace that may wrap anywhere. */
function Value({ field, value }: { field: string; value: string }) {
  if (isIdValue(value)) return <span className="audit-id">{value}</span>;
  return <>{readableValue(field, value)}</>;
}

/** The fields an event changed; for a record's creation (nothing before), only what was recorded. */
function Changes({ event }: { event: AuditEvent }) {
  // An event naming a person above the reader's clearance: the server sent none of its details, only why.
  if (event.withheld) return <p className="note">Details withheld. {event.withheld.detail.replace(/^Its details are withheld\. /, '')}</p>;
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
          {created ? null : (
            <td data-label="Before">
              {change.before === null ? <span className="muted">(not set)</span> : <Value field={change.field} value={change.before} />}
            </td>
          )}
          <td data-label={created ? 'Recorded' : 'After'}>
            {change.after === null ? <span className="muted">(removed)</span> : <Value field={change.field} value={change.after} />}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * Audit events, each with what was done in words, to which record, who and when, and the fields it
 * changed (before and after). The action's code, the one searched and exported, follows the event's
 * number. `ofOneRecord`: a record's own trail, where naming the record on every event says nothing.
 */
export function AuditEventList({ events, ofOneRecord = false }: { events: readonly AuditEvent[]; ofOneRecord?: boolean }) {
  return (
    <ol className="audit-events">
      {events.map((event) => (
        <li key={event.seq} className="audit-event">
          <p className="audit-event__head">
            {known(event.action) ? auditActionLabel(event.action) : <code className="audit-event__code">{event.action}</code>}
            {ofOneRecord ? null : (
              <>
                {' '}
                on <RecordName event={event} />
              </>
            )}
          </p>
          <p className="audit-event__meta">
            <time dateTime={event.at}>{formatInstant(event.at)}</time> by {event.actor?.displayName ?? 'the system'}, event {event.seq}
            {known(event.action) ? (
              <>
                , <code className="audit-event__code">{event.action}</code>
              </>
            ) : null}
          </p>
          <Changes event={event} />
        </li>
      ))}
    </ol>
  );
}
