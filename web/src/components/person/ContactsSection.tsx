import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { listInteractions, ProblemError, recordInteraction } from '../../api.ts';
import { CHANNEL_LABELS, formatDate, fullName, labelOf, todayFor } from '../../format.ts';
import { personKeys, useFocusFirstField } from '../../hooks.ts';
import { CHANNELS, type Channel, type Person } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { SelectField, TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';

/**
 * Contacts with the person (R03 Ongoing step 1: personal information is updated at each one). The
 * latest contact also decides when a plan may close passively, so it is shown on the plan too.
 */
export function ContactsSection({ person, canRecord }: { person: Person; canRecord: boolean }) {
  const query = useQuery({ queryKey: personKeys.interactions(person.id), queryFn: () => listInteractions(person.id) });
  const contacts = query.data ?? [];
  return (
    <section className="section" aria-labelledby="contacts">
      <h2 id="contacts">Contacts</h2>
      <p className="hint">Each meeting, call or message with the person. At each contact, check their personal information above.</p>
      {query.isPending ? <p role="status">Loading contacts…</p> : null}
      <ProblemAlert error={query.error} />
      {query.data ? (
        contacts.length === 0 ? (
          <p className="muted">No contacts recorded.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">Contacts with {fullName(person)}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">How</th>
                  <th scope="col">Note</th>
                  <th scope="col">Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((contact) => (
                  <tr key={contact.id}>
                    <td className="nowrap">
                      <DateText value={contact.occurredOn} />
                    </td>
                    <td className="nowrap">{labelOf(CHANNEL_LABELS, contact.channel)}</td>
                    <td className="prewrap">{contact.note || <span className="muted">—</span>}</td>
                    <td className="nowrap">{contact.recordedBy.displayName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {canRecord ? <Disclosure label="Record a contact…">{(close) => <RecordContactForm person={person} onClose={close} />}</Disclosure> : null}
    </section>
  );
}

const P = 'contact-new';

function RecordContactForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [occurredOn, setOccurredOn] = useState(todayFor(person));
  const [channel, setChannel] = useState<Channel | ''>('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () => recordInteraction(person.id, { occurredOn, channel: channel as Channel, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async (contact) => {
      // The last contact feeds the plan's closure facts as well as this list.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: personKeys.interactions(person.id) }),
        queryClient.invalidateQueries({ queryKey: ['plan'] }),
      ]);
      setSaved(`Contact on ${formatDate(contact.occurredOn)} recorded.`);
      setChannel('');
      setNote('');
    },
  });
  /** Required answers left out, caught before asking the server (which checks everything again). */
  const [missing, setMissing] = useState<ProblemError | null>(null);
  const shown = missing ?? mutation.error;
  const errors = fieldErrors(shown);
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found = [
      ...(occurredOn ? [] : [{ field: 'occurredOn', code: 'REQUIRED', detail: 'Enter the date of the contact' }]),
      ...(channel ? [] : [{ field: 'channel', code: 'REQUIRED', detail: 'Choose how the contact happened' }]),
    ];
    const problem = found.length ? new ProblemError({ title: 'There is a problem', status: 400, errors: found }) : null;
    setMissing(problem);
    if (problem) {
      mutation.reset();
      return;
    }
    mutation.mutate();
  }
  const fieldId = (field: string) => ({ occurredOn: `${P}-date`, channel: `${P}-channel`, note: `${P}-note` })[field] ?? null;
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${P}-heading`}>
      <h3 id={`${P}-heading`}>Record a contact</h3>
      <ProblemAlert error={shown} fieldId={fieldId} />
      {saved ? (
        <p className="alert alert--success" role="status">
          {saved}
        </p>
      ) : null}
      <div className="form-row">
        <TextField
          id={`${P}-date`}
          label="Date"
          type="date"
          required
          className="field--short"
          value={occurredOn}
          error={errors.occurredOn}
          onChange={(event) => setOccurredOn(event.target.value)}
        />
        <SelectField
          id={`${P}-channel`}
          label="How"
          required
          value={channel}
          error={errors.channel}
          onChange={(event) => setChannel(event.target.value as Channel | '')}
        >
          <option value="">Choose…</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {labelOf(CHANNEL_LABELS, c)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={`${P}-note`}
        label="Note"
        optional
        hint="What was discussed or agreed."
        value={note}
        error={errors.note}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Record contact'}
        </button>
        <button type="button" className="button button--link" onClick={onClose}>
          {saved ? 'Done' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
