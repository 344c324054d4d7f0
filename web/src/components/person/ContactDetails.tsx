import { DETAIL_LABELS, formatDetail, formatInstant } from '../../format.ts';
import { DETAIL_KINDS, type DetailKind, type Person } from '../../types.ts';
import { DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { RecordDetailForm } from './RecordDetailForm.tsx';

/** Current contact, education and employment details, each with its full effective-dated history. */
export function ContactDetails({ person, readOnly }: { person: Person; readOnly: boolean }) {
  return (
    <section className="section" aria-labelledby="contact">
      <h2 id="contact">Contact details</h2>
      <dl className="summary">
        {DETAIL_KINDS.map((kind) => (
          <div key={kind}>
            <dt>{DETAIL_LABELS[kind]}</dt>
            <dd>{person.current[kind] ? formatDetail(kind, person.current[kind]) : <span className="muted">Not recorded</span>}</dd>
          </div>
        ))}
      </dl>

      <h3>History</h3>
      <p className="hint">Every value ever recorded, with the dates it applied. An update never erases an old value.</p>
      {DETAIL_KINDS.map((kind) => (
        <HistoryTable key={kind} person={person} kind={kind} />
      ))}

      {readOnly ? null : (
        <Disclosure label="Record a change…">{(close) => <RecordDetailForm person={person} onClose={close} />}</Disclosure>
      )}
    </section>
  );
}

function HistoryTable({ person, kind }: { person: Person; kind: DetailKind }) {
  const entries = person.history[kind] ?? [];
  if (entries.length === 0) return null;
  return (
    <DataTable
      caption={<>{DETAIL_LABELS[kind]} history</>}
      showCaption
      columns={[DETAIL_LABELS[kind], 'From', 'To', 'Recorded']}
      className="table--compact table--history table--stack"
    >
      {entries.map((entry, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id; order is stable
        <tr key={index}>
          <td>{formatDetail(kind, entry.value as never)}</td>
          <td data-label="From">
            <DateText value={entry.from} />
          </td>
          <td data-label="To">
            <DateText value={entry.to} empty="Ongoing" />
          </td>
          <td data-label="Recorded">{formatInstant(entry.recordedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
