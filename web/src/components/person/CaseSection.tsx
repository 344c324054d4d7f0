import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { closeCase, openCase, reopenCase } from '../../api.ts';
import { todayFor } from '../../format.ts';
import { ApiForm, FormActions } from '../../forms/ApiForm.tsx';
import { useApiForm } from '../../forms/useApiForm.ts';
import { useFocusBackWhenClosed, useRefreshPerson } from '../../hooks.ts';
import type { IntegratedCase, Person } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DateText } from '../DateText.tsx';
import { Fact } from '../Fact.tsx';
import { TextAreaField, TextField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FlashMessage, useFlash } from '../SuccessMessage.tsx';
import { Assessments } from './Assessments.tsx';

/**
 * The person's Integrated Case: open one, close it with a reason, reopen it; its assessments. Each
 * change is confirmed at the top of the section and focus moves there: the form or button used is gone.
 */
export function CaseSection({ person, readOnly }: { person: Person; readOnly: boolean }) {
  const { flash, say } = useFlash();
  const cases = [...person.cases].sort((a, b) =>
    a.status === b.status ? b.openedOn.localeCompare(a.openedOn) : a.status === 'open' ? -1 : 1,
  );
  const hasOpen = cases.some((c) => c.status === 'open');
  return (
    <section className="section" aria-labelledby="case">
      <h2 id="case">Integrated Case</h2>
      <FlashMessage flash={flash} />
      {cases.length === 0 ? <p className="muted">No Integrated Case yet.</p> : null}
      {!hasOpen && !readOnly ? <OpenCaseForm person={person} onOpened={(c) => say(`Integrated Case ${c.reference} opened.`)} /> : null}
      {cases.map((c) => (
        <CaseCard key={c.id} person={person} integratedCase={c} canReopen={!hasOpen} readOnly={readOnly} onMessage={say} />
      ))}
    </section>
  );
}

const openSchema = z.object({ openedOn: z.string() });

function OpenCaseForm({ person, onOpened }: { person: Person; onOpened: (opened: IntegratedCase) => void }) {
  const refresh = useRefreshPerson(person.id);
  const api = useApiForm({
    id: 'case',
    schema: openSchema,
    defaultValues: { openedOn: todayFor(person) },
    submit: ({ openedOn }) => openCase(person.id, openedOn),
    onSuccess: async (opened) => {
      await refresh();
      onOpened(opened);
    },
  });
  return (
    <ApiForm api={api} label="Open an Integrated Case">
      <div className="form-row">
        <TextField {...api.field('openedOn')} label="Opened on" type="date" className="field--short" />
        <div className="form-row__actions">
          <button type="submit" className="button" disabled={api.pending}>
            Open an Integrated Case
          </button>
        </div>
      </div>
    </ApiForm>
  );
}

function CaseCard({
  person,
  integratedCase: c,
  canReopen,
  readOnly,
  onMessage,
}: {
  person: Person;
  integratedCase: IntegratedCase;
  canReopen: boolean;
  readOnly: boolean;
  onMessage: (message: string) => void;
}) {
  const refresh = useRefreshPerson(person.id);
  const [closing, setClosing] = useState(false);
  const reopen = useMutation({
    mutationFn: () => reopenCase(c.id, { version: c.version }),
    onSuccess: async () => {
      await refresh();
      onMessage(`Integrated Case ${c.reference} reopened.`);
    },
  });
  // Closing the form without closing the case: back to the button that opened it.
  const closeButton = useFocusBackWhenClosed(closing);
  const headingId = `case-${c.id}`;
  return (
    <article className="card case" aria-labelledby={headingId}>
      <div className="case__head">
        <h3 id={headingId}>
          Integrated Case <span className="mono">{c.reference}</span>
        </h3>
        {c.status === 'open' ? <Badge tone="success">Open</Badge> : <Badge tone="neutral">Closed</Badge>}
      </div>
      <dl className="summary summary--inline">
        <Fact term="Opened on">
          <DateText value={c.openedOn} />
        </Fact>
        {c.status === 'closed' ? (
          <>
            <Fact term="Closed on">
              <DateText value={c.closedOn} />
            </Fact>
            <Fact term="Reason">{c.closeReason || '—'}</Fact>
          </>
        ) : null}
      </dl>
      <ProblemAlert
        error={reopen.error}
        onReload={() => {
          reopen.reset();
          refresh();
        }}
      />
      {readOnly ? null : (
        <div className="actions">
          {c.status === 'open' && !closing ? (
            <button ref={closeButton} type="button" className="button button--secondary" onClick={() => setClosing(true)}>
              Close case…
            </button>
          ) : null}
          {c.status === 'closed' && canReopen ? (
            <button type="button" className="button button--secondary" onClick={() => reopen.mutate()} disabled={reopen.isPending}>
              Reopen case
            </button>
          ) : null}
        </div>
      )}
      {closing ? (
        <CloseCaseForm
          person={person}
          integratedCase={c}
          onDone={(closed) => {
            setClosing(false);
            if (closed) onMessage(`Integrated Case ${c.reference} closed.`);
          }}
        />
      ) : null}
      <Assessments person={person} integratedCase={c} readOnly={readOnly} />
    </article>
  );
}

const closeSchema = z.object({ closedOn: z.string(), reason: z.string().trim() });

function CloseCaseForm({
  person,
  integratedCase: c,
  onDone,
}: {
  person: Person;
  integratedCase: IntegratedCase;
  /** `closed`: the case was closed (not cancelled). */
  onDone: (closed?: boolean) => void;
}) {
  const refresh = useRefreshPerson(person.id);
  const api = useApiForm({
    id: `close-${c.id}`,
    schema: closeSchema,
    defaultValues: { closedOn: todayFor(person), reason: '' },
    submit: ({ closedOn, reason }) => closeCase(c.id, { version: c.version, closedOn, reason }),
    onSuccess: async () => {
      await refresh();
      onDone(true);
    },
    onReload: refresh,
  });
  return (
    <ApiForm api={api} focusFirst level={4} title="Close this case">
      <TextField {...api.field('closedOn')} label="Closed on" type="date" className="field--short" required />
      <TextAreaField {...api.field('reason')} label="Reason for closing" required />
      <FormActions pending={api.pending} submit="Close case" pendingText="Close case" onCancel={() => onDone()} />
    </ApiForm>
  );
}
