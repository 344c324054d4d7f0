import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { searchPeople } from '../api.ts';
import { formatDate, fullName } from '../format.ts';
import type { PersonSummary } from '../types.ts';
import { Messages } from './Field.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface Props {
  id: string;
  legend: string;
  /** Left out of the results (the person whose page this is). */
  excludeId?: string;
  value: PersonSummary | null;
  onChange: (person: PersonSummary | null) => void;
  error?: string | undefined;
}

/**
 * Choose a person by searching for them. Lives inside another form, so it has no <form> of its
 * own: Enter in the search box searches instead of submitting the outer form.
 */
export function PersonPicker({ id, legend, excludeId, value, onChange, error }: Props) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useQuery({
    queryKey: ['people', 'search', query, ''],
    queryFn: () => searchPeople(query, ''),
    enabled: query !== '',
  });
  const people = (results.data?.people ?? []).filter((person) => person.id !== excludeId);

  function search() {
    setQuery(text.trim());
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  }

  return (
    <fieldset id={id} className={`picker${error ? ' field--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <Messages id={id} error={error} />
      {value ? (
        <div className="picker__chosen">
          <p>
            Chosen: <strong>{fullName(value)}</strong> <span className="mono">{value.reference}</span>, born {formatDate(value.birthDate)}
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(null)}>
            Choose someone else
          </button>
        </div>
      ) : (
        <>
          <div className="picker__search">
            <div className="field">
              <label htmlFor={`${id}-q`}>Search by name</label>
              <input
                id={`${id}-q`}
                type="search"
                autoComplete="off"
                value={text}
                onChange={(event) => setText(event.target.value)}
                onKeyDown={onKeyDown}
              />
            </div>
            <button type="button" className="button button--secondary" onClick={search}>
              Search
            </button>
          </div>
          <ProblemAlert error={results.error} />
          {query && results.isPending ? <p role="status">Searching…</p> : null}
          {query && results.data ? (
            people.length ? (
              <ul className="picker__results" aria-label="Matching people">
                {people.map((person) => (
                  <li key={person.id}>
                    <span>
                      <strong>{fullName(person)}</strong> <span className="mono">{person.reference}</span>, born{' '}
                      {formatDate(person.birthDate)}
                    </span>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onChange(person)}
                      aria-label={`Choose ${fullName(person)}, ${person.reference}`}
                    >
                      Choose
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p role="status">No one matches “{query}”. The person must be registered first.</p>
            )
          ) : null}
        </>
      )}
    </fieldset>
  );
}
