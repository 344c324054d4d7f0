import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { planSearch } from '../../../src/domain/access/search.ts';
import { searchPeople } from '../api.ts';
import { RegistrationBadge } from '../components/Badge.tsx';
import { DateText } from '../components/DateText.tsx';
import { TextField } from '../components/Field.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SearchCard } from '../components/SearchCard.tsx';
import { fullName } from '../format.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';

interface Search {
  q: string;
  birthDate: string;
  offset?: number;
}

// The server's own rule (docs/access-control.md "Searching"), checked before asking it: the refusal
// then marks the Name field and the error summary takes the focus, as on every other form.
const schema = z.object({ q: z.string().trim(), birthDate: z.string() }).superRefine((search, context) => {
  const decision = planSearch(search);
  if (!decision.ok) context.addIssue({ code: 'custom', path: ['q'], message: decision.refusal.detail });
});

/**
 * Find a person: at least 2 letters of the family name with the start of the given name or the
 * date of birth (docs/access-control.md "Searching"), a page of 20 at a time. The search is kept in
 * the history entry's state, not in the URL: Back returns to the results, but names and birth
 * dates stay out of the address bar, browser history and server logs.
 */
export function FindPersonPage() {
  usePageTitle('Find a person');
  const location = useLocation();
  const navigate = useNavigate();
  const search = (location.state as { search?: Search } | null)?.search;
  const q = search?.q ?? '';
  const birthDate = search?.birthDate ?? '';
  const offset = search?.offset ?? 0;
  const searching = q !== '' || birthDate !== '';
  const results = useQuery({
    queryKey: ['people', 'search', q, birthDate, offset],
    queryFn: () => searchPeople(q, birthDate, offset),
    enabled: searching,
  });
  const api = useApiForm({
    id: 'search',
    schema,
    defaultValues: { q, birthDate },
    submit: async (next: Search) => {
      if (next.q === q && next.birthDate === birthDate) await results.refetch();
      else navigate('/people', { state: { search: next } });
    },
  });
  // Back and forward show the search of that history entry.
  const { reset } = api.form;
  useEffect(() => reset({ q, birthDate }), [reset, q, birthDate]);

  return (
    <>
      <h1>Find a person</h1>
      <p className="lead">Search by the family name (at least 2 letters) with the start of the given name, the date of birth, or both.</p>
      <SearchCard api={api} label="Find a person">
        <TextField
          {...api.field('q')}
          label="Name"
          hint="Family name and given name, e.g. Santos Maria, or the family name with the date of birth"
          autoComplete="off"
        />
        <TextField {...api.field('birthDate')} label="Date of birth" type="date" />
      </SearchCard>

      {searching ? (
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading">Results</h2>
          {results.isPending ? <p role="status">Searching…</p> : null}
          <ProblemAlert error={results.error} />
          {results.data ? (
            <ResultsTable
              found={results.data}
              onPage={(next) => navigate('/people', { state: { search: { q, birthDate, offset: next } } })}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function ResultsTable({ found, onPage }: { found: Awaited<ReturnType<typeof searchPeople>>; onPage: (offset: number) => void }) {
  const { people, page } = found;
  if (people.length === 0 && page.offset === 0) {
    return (
      <div role="status" className="empty">
        <p>No one matches that search.</p>
        <p>
          Check the spelling or the date of birth, or <Link to="/people/new">register a person</Link>.
        </p>
      </div>
    );
  }
  return (
    <>
      <p role="status" className="results__count">
        {page.totalIsCapped ? `More than ${page.total} people found` : page.total === 1 ? '1 person found' : `${page.total} people found`}
        {page.total > people.length
          ? ` (showing ${page.offset + 1} to ${page.offset + people.length}: narrow the search to see fewer)`
          : ''}
      </p>
      <div className="table-wrap">
        {/* On a phone each person is a block, their facts named (table--stack), none hidden off to the side. */}
        <table className="table table--stack">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Registration</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td className="mono" data-label="Reference">
                  {person.reference}
                </td>
                <td>
                  <Link to={`/people/${person.id}`}>{fullName(person)}</Link>
                  {person.access === 'break-glass' ? (
                    <span className="results__note"> (not on your caseload: opening it asks for a reason)</span>
                  ) : null}
                </td>
                <td data-label="Date of birth">
                  <DateText value={person.birthDate} />
                </td>
                <td data-label="Registration">
                  <RegistrationBadge complete={person.registrationComplete} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} onPage={onPage} label="Result pages" />
    </>
  );
}
