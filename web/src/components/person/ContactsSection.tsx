import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { listInteractions, newIdempotencyKey, recordInteraction } from '../../api.ts';
import { CHANNEL_LABELS, formatDate, fullName, labelOf, todayFor } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { chosen, optional, required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { personKeys } from '../../hooks.ts';
import { CHANNELS, type Channel, type Person } from '../../types.ts';
import { DataTable } from '../DataTable.tsx';
import { DateCell } from '../DateText.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { SelectField, TextAreaField, TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

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
          <DataTable
            caption={<>Contacts with {fullName(person)}, newest first</>}
            columns={['Date', 'How', 'Note', 'Recorded by']}
            className="table--compact"
          >
            {contacts.map((contact) => (
              <tr key={contact.id}>
                <DateCell value={contact.occurredOn} />
                <td className="nowrap">{labelOf(CHANNEL_LABELS, contact.channel)}</td>
                <td className="prewrap">{contact.note || <span className="muted">—</span>}</td>
                <td className="nowrap">{contact.recordedBy.displayName}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
      {canRecord ? (
        <Disclosure label="Record a contact…">{(close) => <RecordContactForm person={person} onClose={close} />}</Disclosure>
      ) : null}
    </section>
  );
}

const contactSchema = z.object({
  occurredOn: required('Enter the date of the contact'),
  channel: chosen<Channel>('Choose how the contact happened'),
  note: optional(),
});

function RecordContactForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const queryClient = useQueryClient();
  // One key for every try of one contact; the form stays open for the next contact, which gets a new key.
  const [key, setKey] = useState(newIdempotencyKey);
  const api = useApiForm({
    id: 'contact-new',
    schema: contactSchema,
    defaultValues: { occurredOn: todayFor(person), channel: '', note: '' },
    submit: ({ occurredOn, channel, note }) => recordInteraction(person.id, { occurredOn, channel, ...(note ? { note } : {}) }, key),
    onSuccess: async (contact) => {
      setKey(newIdempotencyKey());
      // The last contact feeds the plan's closure facts as well as this list.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: personKeys.interactions(person.id) }),
        queryClient.invalidateQueries({ queryKey: ['plan'] }),
      ]);
      api.setSaved(`Contact on ${formatDate(contact.occurredOn)} recorded.`);
      api.form.resetField('channel');
      api.form.resetField('note');
    },
  });
  return (
    <ApiForm api={api} focusFirst title="Record a contact">
      <div className="form-row">
        <TextField {...api.field('occurredOn')} label="Date" type="date" required className="field--short" />
        <SelectField {...api.field('channel')} label="How" required>
          <option value="">Choose…</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {labelOf(CHANNEL_LABELS, c)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField {...api.field('note')} label="Note" optional hint="What was discussed or agreed." />
      <FormActions pending={api.pending} submit="Record contact" onCancel={onClose} cancel={api.saved ? 'Done' : 'Cancel'} />
    </ApiForm>
  );
}
