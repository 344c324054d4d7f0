import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { getHousehold } from '../../api.ts';
import { formatDate, fullName, todayFor } from '../../format.ts';
import { personKeys } from '../../hooks.ts';
import type { Person, PersonSummary } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { Fact } from '../Fact.tsx';
import { TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** The household at a date: the person, their partner and their dependants then. */
export function HouseholdSection({ person }: { person: Person }) {
  const personId = person.id;
  const [asOf, setAsOf] = useState(todayFor(person));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const query = useQuery({
    queryKey: personKeys.household(personId, asOf),
    queryFn: () => getHousehold(personId, asOf),
    enabled: valid,
    placeholderData: (previous) => previous,
  });
  const household = query.data;
  return (
    <section className="section" aria-labelledby="household">
      <h2 id="household">Household</h2>
      <TextField
        id="household-as-of"
        label="As of"
        type="date"
        className="field--short"
        hint="The household on this date"
        value={asOf}
        error={valid ? undefined : 'Enter a date'}
        onChange={(event) => setAsOf(event.target.value)}
      />
      <ProblemAlert error={query.error} />
      {household ? (
        <div aria-live="polite">
          <p className="visually-hidden">Household on {formatDate(household.asOf)}</p>
          <dl className="summary">
            <Fact term="Partner">
              {household.partner ? <PersonLink person={household.partner} /> : <span className="muted">None</span>}
            </Fact>
            <Fact term="Dependants">
              {household.dependants.length ? (
                <ul className="plain-list">
                  {household.dependants.map((dependant) => (
                    <li key={dependant.id}>
                      <PersonLink person={dependant} />
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">None</span>
              )}
            </Fact>
          </dl>
        </div>
      ) : query.isPending && valid ? (
        <p role="status">Loading household…</p>
      ) : null}
    </section>
  );
}

function PersonLink({ person }: { person: PersonSummary }) {
  return (
    <>
      <Link to={`/people/${person.id}`}>{fullName(person)}</Link> <span className="mono muted">{person.reference}</span>, born{' '}
      <DateText value={person.birthDate} />
    </>
  );
}
