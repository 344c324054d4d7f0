/**
 * The evidence of a learner case with every version (nothing is deleted: superseded and cancelled
 * versions stay readable), the forms that add, correct and change it, discarding an in-edit
 * version, and the Learner Benefit Specialist's decision on Director Approval evidence.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { decideApproval, discardEvidenceVersion } from '../../api.ts';
import {
  APPROVAL_LABELS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_STATUS_LABELS,
  formatInstant,
  formatRange,
  humanize,
  labelOf,
} from '../../format.ts';
import { ApiForm, ErrorSummary, FormActions } from '../../forms/ApiForm.tsx';
import { required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { pdcKeys } from '../../hooks.ts';
import { whoMay } from '../../session.ts';
import type { EvidenceRecord, EvidenceType, EvidenceVersion, Reassessment } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { ACTIONS, DataTable } from '../DataTable.tsx';
import { Disclosure } from '../Disclosure.tsx';
import { TextAreaField } from '../Field.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { WhyNot } from '../WhyNot.tsx';
import { AddEvidenceForm, ChangeEvidenceForm, CorrectEvidenceForm, type HouseholdChoice } from './EvidenceForms.tsx';
import { MoneyText } from './MoneyText.tsx';

const STATUS_TONES = { 'in-edit': 'info', active: 'success', superseded: 'neutral', cancelled: 'neutral' } as const;
const APPROVAL_TONES = { 'not-required': 'neutral', pending: 'warning', approved: 'success', rejected: 'error' } as const;

export function EvidenceStatusBadge({ status }: { status: EvidenceVersion['status'] }) {
  return <Badge tone={STATUS_TONES[status] ?? 'neutral'}>{labelOf(EVIDENCE_STATUS_LABELS, status)}</Badge>;
}

interface Props {
  pdcId: string;
  records: EvidenceRecord[];
  types: EvidenceType[];
  household: HouseholdChoice[];
  defaultStart: string;
  canWrite: boolean;
  canApprove: boolean;
  onMessage: (message: string) => void;
  onReassessed: (title: string, reassessment: Reassessment) => void;
}

export function EvidenceList({ pdcId, records, types, household, defaultStart, canWrite, canApprove, onMessage, onReassessed }: Props) {
  const pending = records.flatMap((record) =>
    record.versions.filter((v) => v.approval === 'pending' && v.status === 'active').map((version) => ({ record, version })),
  );
  return (
    <>
      {canApprove ? (
        <Approvals pdcId={pdcId} pending={pending} onReassessed={onReassessed} />
      ) : pending.length ? (
        <WhyNot
          reasons={[
            `${pending.length === 1 ? 'One entry waits' : `${pending.length} entries wait`} for a Director Approval decision by ${whoMay('evidence.approve')}: it counts only once approved.`,
          ]}
        />
      ) : null}
      {canWrite ? (
        <Disclosure label="Add evidence…">
          {(close) => (
            <AddEvidenceForm
              pdcId={pdcId}
              types={types}
              household={household}
              defaultStart={defaultStart}
              onClose={close}
              onAdded={onMessage}
            />
          )}
        </Disclosure>
      ) : null}
      {records.length === 0 ? <p className="muted">No evidence recorded yet.</p> : null}
      {records.map((record) => (
        <EvidenceRecordCard
          key={record.id}
          pdcId={pdcId}
          record={record}
          type={types.find((t) => t.code === record.type) ?? null}
          household={household}
          canWrite={canWrite}
          onMessage={onMessage}
        />
      ))}
    </>
  );
}

type Open = { action: 'correct'; versionId: string } | { action: 'change' } | null;

function EvidenceRecordCard({
  pdcId,
  record,
  type,
  household,
  canWrite,
  onMessage,
}: {
  pdcId: string;
  record: EvidenceRecord;
  type: EvidenceType | null;
  household: HouseholdChoice[];
  canWrite: boolean;
  onMessage: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const headingId = `evidence-${record.id}`;
  const latestActive = [...record.versions].reverse().find((v) => v.status === 'active') ?? null;
  const reload = () => queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) });
  // When a form closes without a change, focus returns to the button that opened it.
  const changeButton = useRef<HTMLButtonElement>(null);
  const correctButtons = useRef(new Map<string, HTMLButtonElement>());
  const previous = useRef<Open>(null);
  useEffect(() => {
    const was = previous.current;
    previous.current = open;
    if (was && !open && document.activeElement === document.body) {
      if (was.action === 'change') changeButton.current?.focus();
      else correctButtons.current.get(was.versionId)?.focus();
    }
  }, [open]);
  const done = (message?: string) => {
    setOpen(null);
    if (message) onMessage(message);
  };
  const discard = useMutation({
    mutationFn: (version: EvidenceVersion) => discardEvidenceVersion(version.id, { version: version.version }),
    onSuccess: async (_result, version) => {
      await reload();
      onMessage(`${record.label} version ${version.number} discarded: it will not be applied.`);
    },
  });
  return (
    <article className="card evidence" aria-labelledby={headingId}>
      <div className="evidence__head">
        <h3 id={headingId}>{record.label}</h3>
        {latestActive ? <EvidenceStatusBadge status="active" /> : null}
        {canWrite && latestActive && type && !open ? (
          <button
            ref={changeButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen({ action: 'change' })}
          >
            Record a change…<span className="visually-hidden"> to {record.label}</span>
          </button>
        ) : null}
      </div>
      <ProblemAlert
        error={discard.error}
        onReload={() => {
          discard.reset();
          reload();
        }}
      />
      <DataTable
        caption={<>Versions of {record.label}, oldest first</>}
        columns={[
          'Version',
          'Status',
          'Approval',
          { label: 'Amount', className: 'num' },
          'Period',
          'Details',
          'Recorded',
          ...(canWrite ? [ACTIONS] : []),
        ]}
        className="table--compact table--evidence table--stack"
      >
        {record.versions.map((v) => (
          <tr key={v.id} className={v.status === 'superseded' || v.status === 'cancelled' ? 'row--past' : undefined}>
            <th scope="row" className="nowrap" data-label="Version">
              {v.number}
              <span className="item-description">{labelOf(EVIDENCE_KIND_LABELS, v.kind)}</span>
            </th>
            <td data-label="Status">
              <EvidenceStatusBadge status={v.status} />
            </td>
            <td data-label="Approval">
              {v.approval === 'not-required' ? (
                <span className="muted">Not required</span>
              ) : (
                <>
                  <Badge tone={APPROVAL_TONES[v.approval] ?? 'neutral'}>{labelOf(APPROVAL_LABELS, v.approval)}</Badge>
                  {v.approval === 'pending' && v.status === 'in-edit' ? <span className="item-description">Once applied</span> : null}
                  {v.approvalReason ? <span className="item-description">{v.approvalReason}</span> : null}
                </>
              )}
            </td>
            <td className="num nowrap" data-label="Amount">
              <MoneyText value={v.amount} />
            </td>
            <td data-label="Period">{formatRange(v.periodStart, v.periodEnd)}</td>
            <td data-label="Details">
              {v.subtype ? <span className="item-description">{humanize(v.subtype)}</span> : null}
              {v.person ? <span className="item-description">About {v.person.name}</span> : null}
              {v.note ? <span className="item-description prewrap">{v.note}</span> : null}
              {!v.subtype && !v.person && !v.note ? <span className="muted">—</span> : null}
            </td>
            <td data-label="Recorded">
              {v.createdBy}
              <span className="item-description">{formatInstant(v.createdAt)}</span>
            </td>
            {canWrite ? (
              <td className="cell-actions">
                {v.status === 'active' && type && !open ? (
                  <button
                    ref={(element) => {
                      if (element) correctButtons.current.set(v.id, element);
                      else correctButtons.current.delete(v.id);
                    }}
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setOpen({ action: 'correct', versionId: v.id })}
                    aria-label={`Correct ${record.label}, version ${v.number}`}
                  >
                    Correct…
                  </button>
                ) : null}
                {v.status === 'in-edit' ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => discard.mutate(v)}
                    disabled={discard.isPending}
                    aria-label={`Discard ${record.label}, version ${v.number}`}
                  >
                    Discard
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {open?.action === 'correct' && type
        ? (() => {
            const version = record.versions.find((v) => v.id === open.versionId);
            return version ? (
              <CorrectEvidenceForm
                pdcId={pdcId}
                record={record}
                version={version}
                type={type}
                household={household}
                onDone={done}
                onReload={reload}
              />
            ) : null;
          })()
        : null}
      {open?.action === 'change' && type && latestActive ? (
        <ChangeEvidenceForm
          pdcId={pdcId}
          record={record}
          version={latestActive}
          type={type}
          household={household}
          onDone={done}
          onReload={reload}
        />
      ) : null}
    </article>
  );
}

/** Director Approval evidence waiting for a Learner Benefit Specialist: approve, or reject with a reason. */
function Approvals({
  pdcId,
  pending,
  onReassessed,
}: {
  pdcId: string;
  pending: { record: EvidenceRecord; version: EvidenceVersion }[];
  onReassessed: (title: string, reassessment: Reassessment) => void;
}) {
  return (
    <section className="approvals" aria-labelledby="approvals-heading">
      <h3 id="approvals-heading">Waiting for your approval</h3>
      {pending.length === 0 ? (
        <p className="muted">No Director Approval evidence is waiting for a decision on this case.</p>
      ) : (
        <ul className="plain-list approvals__list">
          {pending.map(({ record, version }) => (
            <ApprovalItem key={version.id} pdcId={pdcId} record={record} version={version} onReassessed={onReassessed} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Decision = 'approved' | 'rejected';
const rejectSchema = z.object({ reason: required('Give the reason for rejecting') });

/** One Director Approval decision: approve, or reject with a reason. Also opened from the worklist's approval task. */
export function ApprovalItem({
  pdcId,
  record,
  version,
  onReassessed,
}: {
  pdcId: string;
  record: EvidenceRecord;
  version: EvidenceVersion;
  onReassessed: (title: string, reassessment: Reassessment) => void;
}) {
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const api = useApiForm({
    id: `approval-${version.id}`,
    schema: rejectSchema,
    defaultValues: { reason: '' },
    submit: ({ reason }, decision: Decision = 'rejected') =>
      decideApproval(version.id, { version: version.version, decision, ...(decision === 'rejected' ? { reason } : {}) }),
    onSuccess: async (reassessment, _values, decision = 'rejected') => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
      onReassessed(`${record.label} version ${version.number} ${decision === 'approved' ? 'approved' : 'rejected'}`, reassessment);
    },
    onReload: () => queryClient.invalidateQueries({ queryKey: pdcKeys.all(pdcId) }),
  });
  const p = api.id;
  const what = `${record.label}${version.subtype && version.subtype !== record.type ? ` (${humanize(version.subtype)})` : ''}`;
  return (
    <li className="approval" aria-labelledby={`${p}-what`}>
      <p id={`${p}-what`}>
        <strong>{what}</strong>: <MoneyText value={version.amount} />, {formatRange(version.periodStart, version.periodEnd)}. Entered by{' '}
        {version.createdBy}.{version.note ? <span className="item-description prewrap">{version.note}</span> : null}
      </p>
      <ErrorSummary api={api} />
      {rejecting ? (
        <ApiForm api={api} className="inline-form" label={`Reject ${what}`} summary={false}>
          <TextAreaField
            {...api.field('reason')}
            label="Reason for rejecting"
            hint="The coordinator sees it with the evidence."
            autoFocus
          />
          <FormActions pending={api.pending} submit="Reject" pendingText="Reject" onCancel={() => setRejecting(false)} />
        </ApiForm>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => api.send({ reason: '' }, 'approved')}
            disabled={api.pending}
            aria-label={`Approve ${what}`}
          >
            Approve
          </button>
          <button type="button" className="button button--secondary" onClick={() => setRejecting(true)} aria-label={`Reject ${what}…`}>
            Reject…
          </button>
        </div>
      )}
    </li>
  );
}
