import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { searchAccessLog } from '../../api.ts';
import { formatInstant, humanize } from '../../format.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { DataTable } from '../DataTable.tsx';
import { TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { SearchCard } from '../SearchCard.tsx';

const schema = z.object({ reference: z.string().trim() });

/** Who viewed a person's data, when, what and on what basis (docs/access-control.md "Access log"). */
export function AccessLogSection() {
  const [reference, setReference] = useState('');
  const [pages, setPages] = useState<number[]>([]);
  const before = pages[pages.length - 1];
  const log = useQuery({ queryKey: ['access-log', reference, before], queryFn: () => searchAccessLog(reference, before) });
  const api = useApiForm({
    id: 'access',
    schema,
    defaultValues: { reference: '' },
    submit: async (next: z.output<typeof schema>) => {
      setPages([]);
      setReference(next.reference);
    },
  });
  const data = log.data;
  return (
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">Who viewed a person</h2>
      <SearchCard api={api} label="Access log" button="Show views" secondary>
        <TextField
          {...api.field('reference')}
          label="Person reference"
          hint="For example P-000009; leave empty for everyone"
          autoComplete="off"
        />
      </SearchCard>
      <ProblemAlert error={log.error} />
      {log.isPending ? <p role="status">Loading the access log…</p> : null}
      {data ? (
        data.entries.length === 0 ? (
          <p role="status" className="empty">
            No views recorded{reference ? ` of ${reference.toUpperCase()}` : ''}.
          </p>
        ) : (
          <>
            <DataTable
              caption="Views of people's data, newest first"
              columns={['When', 'Who', 'Person', 'What', 'Basis']}
              className="table--compact table--stack"
            >
              {data.entries.map((entry) => (
                <tr key={entry.seq}>
                  <td data-label="When">
                    <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
                  </td>
                  <td data-label="Who">{entry.actor.displayName}</td>
                  {entry.withheld ? (
                    // A person above the reader's clearance: the server withholds the reference and the reason.
                    <td data-label="Person">{entry.withheld.detail}</td>
                  ) : (
                    <td data-label="Person" className="mono">
                      {entry.person.reference}
                    </td>
                  )}
                  <td data-label="What">{humanize(entry.what)}</td>
                  <td data-label="Basis">
                    {humanize(entry.basis)}
                    {entry.reason ? <span className="results__note">: {entry.reason}</span> : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            <PageButtons label="Access log pages" cursors={pages} next={data.page.nextBefore} onChange={setPages} />
          </>
        )
      ) : null}
    </section>
  );
}

/**
 * "Newer" and "Older" buttons of a list paged by a cursor: `cursors` are the pages gone through
 * (the last is the one shown), `next` is the cursor of the next older page.
 */
export function PageButtons({
  label,
  cursors,
  next,
  onChange,
}: {
  label: string;
  cursors: number[];
  next: number | null;
  onChange: (cursors: number[]) => void;
}) {
  if (cursors.length === 0 && next === null) return null;
  return (
    <nav className="actions" aria-label={label}>
      {cursors.length > 0 ? (
        <button type="button" className="button button--secondary" onClick={() => onChange(cursors.slice(0, -1))}>
          Newer
        </button>
      ) : null}
      {next !== null ? (
        <button type="button" className="button button--secondary" onClick={() => onChange([...cursors, next])}>
          Older
        </button>
      ) : null}
    </nav>
  );
}
