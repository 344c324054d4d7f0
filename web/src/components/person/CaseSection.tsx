import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { closeCase, openCase, reopenCase } from '../../api.ts';
import { todayFor } from '../../format.ts';
import { useFocusFirstField, useRefreshPerson } from '../../hooks.ts';
import type { IntegratedCase, Person } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DateText } from '../DateText.tsx';
import { TextAreaField, TextField } from '../Field.tsx';
import { fieldErrors, ProblemAlert } from '../ProblemAlert.tsx';
import { Assessments } from './Assessments.tsx';

/** The person's Integrated Case: open one, close it with a reason, reopen it; its assessments. */
export function CaseSection({ person, readOnly }: { person: Person; readOnly: boolean }) {
  const cases = [...person.cases].sort((a, b) =>
    a.status === b.status ? b.openedOn.localeCompare(a.openedOn) : a.status === 'open' ? -1 : 1,
  );
  const hasOpen = cases.some((c) => c.status === 'open');
  return (
    <section className="section" aria-labelledby="case">
      <h2 id="case">Integrated Case</h2>
      {cases.length === 0 ? <p className="muted">No Integrated Case yet.</p> : null}
      {!hasOpen && !readOnly ? <OpenCaseForm person={person} /> : null}
      {cases.map((c) => (
        <CaseCard key={c.id} person={person} integratedCase={c} canReopen={!hasOpen} readOnly={readOnly} />
      ))}
    </section>
  );
}

function OpenCaseForm({ person }: { person: Person }) {
  const refresh = useRefreshPerson(person.id);
  const [openedOn, setOpenedOn] = useState(todayFor(person));
  const mutation = useMutation({ mutationFn: () => openCase(person.id, openedOn), onSuccess: () => refresh() });
  const errors = fieldErrors(mutation.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Open an Integrated Case">
      <ProblemAlert error={mutation.error} fieldId={(field) => (field === 'openedOn' ? 'case-opened-on' : null)} />
      <div className="form-row">
        <TextField
          id="case-opened-on"
          label="Opened on"
          type="date"
          className="field--short"
          value={openedOn}
          error={errors.openedOn}
          onChange={(event) => setOpenedOn(event.target.value)}
        />
        <div className="form-row__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            Open an Integrated Case
          </button>
        </div>
      </div>
    </form>
  );
}

function CaseCard({
  person,
  integratedCase: c,
  canReopen,
  readOnly,
}: {
  person: Person;
  integratedCase: IntegratedCase;
  canReopen: boolean;
  readOnly: boolean;
}) {
  const refresh = useRefreshPerson(person.id);
  const [closing, setClosing] = useState(false);
  const reopen = useMutation({ mutationFn: () => reopenCase(c.id, { version: c.version }), onSuccess: () => refresh() });
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
        <div>
          <dt>Opened on</dt>
          <dd>
            <DateText value={c.openedOn} />
          </dd>
        </div>
        {c.status === 'closed' ? (
          <>
            <div>
              <dt>Closed on</dt>
              <dd>
                <DateText value={c.closedOn} />
              </dd>
            </div>
            <div>
              <dt>Reason</dt>
              <dd>{c.closeReason || '—'}</dd>
            </div>
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
            <button type="button" className="button button--secondary" onClick={() => setClosing(true)}>
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
      {closing ? <CloseCaseForm person={person} integratedCase={c} onDone={() => setClosing(false)} /> : null}
      <Assessments person={person} integratedCase={c} readOnly={readOnly} />
    </article>
  );
}

function CloseCaseForm({ person, integratedCase: c, onDone }: { person: Person; integratedCase: IntegratedCase; onDone: () => void }) {
  const refresh = useRefreshPerson(person.id);
  const [closedOn, setClosedOn] = useState(todayFor(person));
  const [reason, setReason] = useState('');
  const formRef = useFocusFirstField<HTMLFormElement>();
  const mutation = useMutation({
    mutationFn: () => closeCase(c.id, { version: c.version, closedOn, reason: reason.trim() }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = fieldErrors(mutation.error);
  const prefix = `close-${c.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }
  return (
    <form ref={formRef} className="subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h4 id={`${prefix}-heading`}>Close this case</h4>
      <ProblemAlert
        error={mutation.error}
        fieldId={(field) => (field === 'closedOn' ? `${prefix}-date` : field === 'reason' ? `${prefix}-reason` : null)}
        onReload={() => {
          mutation.reset();
          refresh();
        }}
      />
      <TextField
        id={`${prefix}-date`}
        label="Closed on"
        type="date"
        className="field--short"
        required
        value={closedOn}
        error={errors.closedOn}
        onChange={(event) => setClosedOn(event.target.value)}
      />
      <TextAreaField
        id={`${prefix}-reason`}
        label="Reason for closing"
        required
        value={reason}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          Close case
        </button>
        <button type="button" className="button button--link" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
