import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { addRelationship, endRelationship } from '../../api.ts';
import { formatDate, fullName, humanize, todayFor } from '../../format.ts';
import { ApiForm, FormActions, InlineForm } from '../../forms/ApiForm.tsx';
import { required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { useFocusBackWhenClosed, useRefreshPerson } from '../../hooks.ts';
import type { Person, PersonSummary, Relationship, RelationshipKind } from '../../types.ts';
import { ACTIONS, DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { RadioGroup, SelectField, TextField } from '../Field.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { FlashMessage, useFlash } from '../SuccessMessage.tsx';

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

/** A person's relationships; one ended is confirmed above the table, with focus (its row's button and form are gone). */
export function Relationships({ person, readOnly }: { person: Person; readOnly: boolean }) {
  const [ending, setEnding] = useState<string | null>(null);
  const { flash, say } = useFlash();
  return (
    <section className="section" aria-labelledby="relationships">
      <h2 id="relationships">Relationships</h2>
      <FlashMessage flash={flash} />
      {person.relationships.length === 0 ? (
        <p className="muted">No relationships recorded.</p>
      ) : (
        <DataTable
          caption={<>Relationships of {fullName(person)}</>}
          columns={['Relationship', 'Person', 'From', 'To', ...(readOnly ? [] : [ACTIONS])]}
          className="table--stack"
        >
          {person.relationships.map((relationship) => (
            <RelationshipRow
              key={relationship.id}
              person={person}
              relationship={relationship}
              readOnly={readOnly}
              ending={ending === relationship.id}
              onEnding={(on) => setEnding(on ? relationship.id : null)}
              onEnded={say}
            />
          ))}
        </DataTable>
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
  onEnded,
}: {
  person: Person;
  relationship: Relationship;
  readOnly: boolean;
  ending: boolean;
  onEnding: (on: boolean) => void;
  onEnded: (message: string) => void;
}) {
  const other = relationship.otherPerson;
  // The form cancelled: back to the button that opened it.
  const endButton = useFocusBackWhenClosed(ending);
  return (
    <>
      <tr>
        <td>{describe(relationship, person.id)}</td>
        <td data-label="Person">
          <Link to={`/people/${other.id}`}>{fullName(other)}</Link> <span className="mono muted">{other.reference}</span>
        </td>
        <td data-label="From">
          <DateText value={relationship.startDate} />
        </td>
        <td data-label="To">
          <DateText value={relationship.endDate} empty="Ongoing" />
        </td>
        {readOnly ? null : (
          <td className="cell-actions">
            {relationship.endDate === null && !ending ? (
              <button
                ref={endButton}
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
            <EndRelationshipForm
              person={person}
              relationship={relationship}
              onDone={() => onEnding(false)}
              onEnded={(endDate) => onEnded(`Relationship with ${fullName(other)} ended on ${formatDate(endDate)}.`)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const endSchema = z.object({ endDate: z.string() });

function EndRelationshipForm({
  person,
  relationship,
  onDone,
  onEnded,
}: {
  person: Person;
  relationship: Relationship;
  onDone: () => void;
  onEnded: (endDate: string) => void;
}) {
  const refresh = useRefreshPerson(person.id);
  const api = useApiForm({
    id: `end-${relationship.id}`,
    schema: endSchema,
    defaultValues: { endDate: todayFor(person) },
    submit: ({ endDate }) => endRelationship(relationship.id, { version: relationship.version, endDate }),
    onSuccess: async (_ended, { endDate }) => {
      await refresh();
      onEnded(endDate);
      onDone();
    },
    onReload: refresh,
  });
  return (
    <InlineForm api={api} label={`End relationship with ${fullName(relationship.otherPerson)}`}>
      <TextField {...api.field('endDate')} label="Ended on" type="date" required />
      <FormActions pending={api.pending} submit="End relationship" pendingText="End relationship" onCancel={onDone} />
    </InlineForm>
  );
}

const addSchema = z.object({
  kind: z.custom<RelationshipKind>(),
  subtype: z.string(),
  /** For a dependant: is the chosen person this person's dependant (the usual case), or the other way? */
  direction: z.enum(['chosen-depends', 'person-depends']),
  other: z.custom<PersonSummary | null>().refine((other) => !!other, 'Search for the other person and choose them'),
  startDate: required('Enter the date the relationship started'),
  endDate: z.string(),
});

function AddRelationshipForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const refresh = useRefreshPerson(person.id);
  const api = useApiForm({
    id: 'rel',
    schema: addSchema,
    defaultValues: { kind: 'spouse', subtype: 'married', direction: 'chosen-depends', other: null, startDate: '', endDate: '' },
    aliases: { personId: 'other', relatedPersonId: 'other', otherPerson: 'other' },
    submit: ({ kind, subtype, direction, other, startDate, endDate }) => {
      const thisIsPerson = kind === 'spouse' || direction === 'person-depends';
      const chosen = other as PersonSummary;
      return addRelationship({
        kind,
        subtype,
        personId: thisIsPerson ? person.id : chosen.id,
        relatedPersonId: thisIsPerson ? chosen.id : person.id,
        startDate,
        ...(endDate ? { endDate } : {}),
      });
    },
    onSuccess: async (_created, { other }) => {
      await refresh();
      api.setSaved(`Relationship with ${fullName(other as PersonSummary)} added.`);
      for (const name of ['other', 'startDate', 'endDate'] as const) api.form.resetField(name);
    },
  });
  const [kind, direction, other] = api.form.watch(['kind', 'direction', 'other']);
  const picker = api.field('other');

  return (
    <ApiForm api={api} focusFirst title="Add a relationship">
      <div className="form-row">
        <SelectField
          {...api.field('kind', {
            onChange: (event) => api.form.setValue('subtype', SUBTYPES[event.target.value as RelationshipKind][0]?.value ?? ''),
          })}
          label="Relationship"
        >
          <option value="spouse">Spouse or partner</option>
          <option value="dependant">Dependant</option>
        </SelectField>
        <SelectField {...api.field('subtype')} label="Type">
          {SUBTYPES[kind].map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      {kind === 'dependant' ? (
        <RadioGroup
          {...api.choice<'chosen-depends' | 'person-depends'>('direction')}
          legend="Who depends on whom"
          options={[
            { value: 'chosen-depends', label: `The chosen person is a dependant of ${fullName(person)}` },
            { value: 'person-depends', label: `${fullName(person)} is a dependant of the chosen person` },
          ]}
        />
      ) : null}
      <PersonPicker
        id={picker.id}
        legend={kind === 'spouse' ? 'Spouse or partner' : direction === 'chosen-depends' ? 'Dependant' : 'The person they depend on'}
        excludeId={person.id}
        value={other}
        onChange={(chosen) => api.form.setValue('other', chosen)}
        error={picker.error}
      />
      <div className="form-row">
        <TextField {...api.field('startDate')} label="From" type="date" required />
        <TextField {...api.field('endDate')} label="To" type="date" optional hint="Leave empty if it is ongoing" />
      </div>
      <FormActions
        pending={api.pending}
        submit="Add relationship"
        pendingText="Adding…"
        onCancel={onClose}
        cancel={api.saved ? 'Done' : 'Cancel'}
      />
    </ApiForm>
  );
}
