import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { auditActionGroups } from '../../../src/app/audit-actions.ts';
import { type AuditFilters, auditExportHref, searchAuditTrail } from '../api.ts';
import { AccessLogSection, PageButtons } from '../components/audit/AccessLogSection.tsx';
import { AuditEventList } from '../components/audit/AuditEventList.tsx';
import { ChainStatus } from '../components/audit/ChainStatus.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SearchCard } from '../components/SearchCard.tsx';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { mayOffer, useSession } from '../session.ts';

const schema = z
  .object({
    reference: z.string().trim(),
    person: z.string().trim(),
    actor: z.string().trim(),
    action: z.string().trim(),
    from: z.string(),
    to: z.string(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The end date must be on or after the start date' });

type Filters = z.output<typeof schema>;
const EMPTY: Filters = { reference: '', person: '', actor: '', action: '', from: '', to: '' };

const present = (filters: Filters): AuditFilters =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) as AuditFilters;

/**
 * The action filter's choices, in words, by group (src/app/audit-actions.ts). An action's code finds
 * that action only; a group's choice is the text its codes share ("plan."), which the search finds anywhere in a code.
 */
function ActionOptions() {
  return (
    <>
      <option value="">Any action</option>
      {auditActionGroups().map((group) => (
        <optgroup key={group.code} label={group.label}>
          {group.actions.length > 1 ? <option value={group.search}>{group.label}, any action</option> : null}
          {group.actions.map((action) => (
            <option key={action.code} value={action.code}>
              {action.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * The auditors' page: search the whole audit trail, see what each event changed, export the
 * results as CSV, check the chain is intact, and see who viewed a person.
 */
export function AuditorPage() {
  usePageTitle('Audit');
  const { data: user } = useSession();
  const allowed = mayOffer(user, 'audit.search');
  const [filters, setFilters] = useState<AuditFilters>({});
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors[cursors.length - 1];
  const results = useQuery({
    queryKey: ['audit', 'search', filters, cursor],
    queryFn: () => searchAuditTrail(filters, cursor),
    enabled: allowed,
  });
  const api = useApiForm({
    id: 'audit',
    schema,
    defaultValues: EMPTY,
    submit: async (next: Filters) => {
      setCursors([]);
      setFilters(present(next));
    },
  });

  if (!allowed) {
    return (
      <>
        <h1>Audit</h1>
        <div className="alert alert--error" role="alert">
          <p>Only auditors can search the audit trail.</p>
        </div>
      </>
    );
  }
  const data = results.data;
  return (
    <>
      <h1>Audit</h1>
      <p className="lead">Search every recorded change, see what it changed, download the results, and check the record is intact.</p>
      <ChainStatus />

      <section aria-labelledby="search-heading">
        <h2 id="search-heading">Search the audit trail</h2>
        <SearchCard api={api} label="Search the audit trail" grid="audit-filters">
          <TextField {...api.field('reference')} label="Record reference" hint="A person, case or plan, e.g. P-000009" autoComplete="off" />
          <TextField
            {...api.field('person')}
            label="Person reference"
            hint="Their record and the records that name them"
            autoComplete="off"
          />
          <TextField {...api.field('actor')} label="Who" hint="Part of a name or username" autoComplete="off" />
          <SelectField {...api.field('action')} label="Action">
            <ActionOptions />
          </SelectField>
          <TextField {...api.field('from')} label="From" type="date" />
          <TextField {...api.field('to')} label="To" type="date" />
        </SearchCard>

        <ProblemAlert error={results.error} />
        {results.isPending ? <p role="status">Searching…</p> : null}
        {data ? (
          <>
            <div className="audit-results__bar">
              <p role="status">
                {data.events.length === 0
                  ? 'No events match that search.'
                  : `Showing ${data.events.length} event${data.events.length === 1 ? '' : 's'}, newest first${data.page.more ? ' (there are older ones)' : ''}.`}
              </p>
              {data.events.length > 0 ? (
                <a className="button button--secondary" href={auditExportHref(filters)} download>
                  Download results (CSV)
                </a>
              ) : null}
            </div>
            <AuditEventList events={data.events} />
            <PageButtons label="Audit event pages" cursors={cursors} next={data.page.nextCursor} onChange={setCursors} />
          </>
        ) : null}
      </section>

      <AccessLogSection />
    </>
  );
}
