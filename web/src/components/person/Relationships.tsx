import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { addRelationship, endRelationship, ProblemError } from '../../api.ts';
import { fullName, humanize, todayFor } from '../../format.ts';
import { useFocusFirstField, useRefreshPerson } from '../../hooks.ts';
import type { Person, PersonSummary, Relationship, RelationshipKind } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { SelectField, TextField } from '../Field.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

const SUBTYPES: Record<RelationshipKind, { value: string; label: string }[]> = {
  spouse: [
    { value: 'married', label: 'Married' },
    { value: 'common-law', label: 'Common-law' },
    { value: 'adult-interdependent', label: 'Adult interdependent partner' },
  ],
  dependant: [
    { value: 'child', label: 'Child' },
    { value: 'other', label: 'Other dependant' },
  ],
};

/** How the relationship reads from this person's page. */
function describe(relationship: Relationship, personId: string): string {
  const subtype = SUBTYPES[relationship.kind]?.find((s) => s.value === relationship.subtype)?.label ?? humanize(relationship.subtype);
  if (relationship.kind === 'spouse') return `Spouse or partner (${subtype.toLowerCase()})`;
  return relationship.personId === personId ? `Dependant of (${subtype.toLowerCase()})` : `Dependant (${subtype.toLowerCase()})`;
}

export function Relationships({ person, readOnly }: { person: Person; readOnly: boolean }) {
  const [ending, setEnding] = useState<string | null>(null);
  return (
    <section className="section" aria-labelledby="relationships">
      <h2 id="relationships">Relationships</h2>
      {person.relationships.length === 0 ? (
        <p className="muted">No relationships recorded.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Relationships of {fullName(person)}</caption>
            <thead>
              <tr>
                <th scope="col">Relationship</th>
                <th scope="col">Person</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                {readOnly ? null : (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {person.relationships.map((relationship) => (
                <RelationshipRow
                  key={relationship.id}
                  person={person}
                  relationship={relationship}
                  readOnly={readOnly}
                  ending={ending === relationship.id}
                  onEnding={(on) => setEnding(on ? relationship.id : null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {readOnly ? null : (
        <Disclosure label="Add a relationship…">{(close) => <AddRelationshipForm person={person} onClose={close} />}</Disclosure>
      )}
    </section>
  );
}

function RelationshipRow({
  person,
  relationship,
  readOnly,
  ending,
  onEnding,
}: {
  person: Person;
  relationship: Relationship;
  readOnly: boolean;
  ending: boolean;
  onEnding: (on: boolean) => void;
}) {
  const other = relationship.otherPerson;
  return (
    <>
      <tr>
        <td>{describe(relationship, person.id)}</td>
        <td>
          <Link to={`/people/${other.id}`}>{fullName(other)}</Link> <span className="mono muted">{other.reference}</span>
        </td>
        <td>
          <DateText value={relationship.startDate} />
        </td>
        <td>
          <DateText value={relationship.endDate} empty="Ongoing" />
        </td>
        {readOnly ? null : (
          <td className="cell-actions">
            {relationship.endDate === null && !ending ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onEnding(true)}
                aria-label={`End relationship with ${fullName(other)}`}
              >
                End…
              </button>
            ) : null}
          </td>
        )}
      </tr>
      {ending ? (
        <tr className="row-form">
          <td colSpan={5}>
            <EndRelationshipForm person={person} relationship={relationship} onDone={() => onEnding(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function EndRelationshipForm({ person, relationship, onDone }: { person: Person; relationship: Relationship; onDone: () => void }) {
  const refresh = useRefreshPerson(person.id);
  const [endDate, setEndDate] = useState(todayFor(person));
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () => endRelationship(relationship.id, { version: relationship.version, endDate }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = fieldErrors(mutation.error);
  const id = `end-${relationship.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  return (
    <form
      ref={formRef}
      className="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={`End relationship with ${fullName(relationship.otherPerson)}`}
    >
      <ProblemAlert
        error={mutation.error}
        fieldId={(field) => (field === 'endDate' ? `${id}-date` : null)}
        onReload={() => {
          mutation.reset();
          refresh();
        }}
      />
      <TextField
        id={`${id}-date`}
        label="Ended on"
        type="date"
        required
        value={endDate}
        error={errors.endDate}
        onChange={(event) => setEndDate(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          End relationship
        </button>
        <button type="button" className="button button--link" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddRelationshipForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const refresh = useRefreshPerson(person.id);
  const [kind, setKind] = useState<RelationshipKind>('spouse');
  const [subtype, setSubtype] = useState('married');
  /** For a dependant: is the chosen person this person's dependant (the usual case), or the other way? */
  const [chosenIsDependant, setChosenIsDependant] = useState(true);
  const [other, setOther] = useState<PersonSummary | null>(null);
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  /** Required answers left out, caught before asking the server (which checks everything again). */
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();

  const mutation = useMutation({
    mutationFn: (chosen: PersonSummary) => {
      const thisIsPerson = kind === 'spouse' || !chosenIsDependant;
      return addRelationship({
        kind,
        subtype,
        personId: thisIsPerson ? person.id : chosen.id,
        relatedPersonId: thisIsPerson ? chosen.id : person.id,
        startDate,
        ...(endDate ? { endDate } : {}),
      });
    },
    onSuccess: async (_created, chosen) => {
      await refresh();
      setSaved(`Relationship with ${fullName(chosen)} added.`);
      setOther(null);
      setStartDate('');
      setEndDate('');
    },
  });
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  const pickerError = errors.otherPerson ?? errors.relatedPersonId ?? errors.personId;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found = [
      ...(other ? [] : [{ field: 'otherPerson', code: 'REQUIRED', detail: 'Search for the other person and choose them' }]),
      ...(startDate ? [] : [{ field: 'startDate', code: 'REQUIRED', detail: 'Enter the date the relationship started' }]),
    ];
    const problem = found.length ? new ProblemError({ title: 'There is a problem', status: 400, errors: found }) : null;
    setMissing(problem);
    if (problem || !other) {
      mutation.reset();
      return;
    }
    mutation.mutate(other);
  }
  const fieldId = (field: string): string | null =>
    ({
      kind: 'rel-kind',
      subtype: 'rel-subtype',
      startDate: 'rel-start',
      endDate: 'rel-end',
      personId: 'rel-person-q',
      relatedPersonId: 'rel-person-q',
      otherPerson: 'rel-person-q',
    })[field] ?? null;

  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby="add-relationship-heading">
      <h3 id="add-relationship-heading">Add a relationship</h3>
      <ProblemAlert error={shown} fieldId={fieldId} />
      {saved ? (
        <p className="alert alert--success" role="status">
          {saved}
        </p>
      ) : null}
      <div className="form-row">
        <SelectField
          id="rel-kind"
          label="Relationship"
          value={kind}
          error={errors.kind}
          onChange={(event) => {
            const next = event.target.value as RelationshipKind;
            setKind(next);
            setSubtype(SUBTYPES[next][0]?.value ?? '');
          }}
        >
          <option value="spouse">Spouse or partner</option>
          <option value="dependant">Dependant</option>
        </SelectField>
        <SelectField
          id="rel-subtype"
          label="Type"
          value={subtype}
          error={errors.subtype}
          onChange={(event) => setSubtype(event.target.value)}
        >
          {SUBTYPES[kind].map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      {kind === 'dependant' ? (
        <fieldset className="radios">
          <legend>Who depends on whom</legend>
          <label>
            <input type="radio" name="rel-direction" checked={chosenIsDependant} onChange={() => setChosenIsDependant(true)} />
            The chosen person is a dependant of {fullName(person)}
          </label>
          <label>
            <input type="radio" name="rel-direction" checked={!chosenIsDependant} onChange={() => setChosenIsDependant(false)} />
            {fullName(person)} is a dependant of the chosen person
          </label>
        </fieldset>
      ) : null}
      <PersonPicker
        id="rel-person"
        legend={kind === 'spouse' ? 'Spouse or partner' : chosenIsDependant ? 'Dependant' : 'The person they depend on'}
        excludeId={person.id}
        value={other}
        onChange={(chosen) => {
          setOther(chosen);
        }}
        error={pickerError}
      />
      <div className="form-row">
        <TextField
          id="rel-start"
          label="From"
          type="date"
          required
          value={startDate}
          error={errors.startDate}
          onChange={(event) => setStartDate(event.target.value)}
        />
        <TextField
          id="rel-end"
          label="To"
          type="date"
          optional
          hint="Leave empty if it is ongoing"
          value={endDate}
          error={errors.endDate}
          onChange={(event) => setEndDate(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Adding…' : 'Add relationship'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          {saved ? 'Done' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
