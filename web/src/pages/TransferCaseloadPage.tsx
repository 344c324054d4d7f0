import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { previewCaseloadTransfer, transferCaseload } from '../api.ts';
import { CaseloadLists, caseloadSize } from '../components/caseload/CaseloadLists.tsx';
import { SelectField } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SuccessMessage } from '../components/SuccessMessage.tsx';
import { UserOptions } from '../components/UserOptions.tsx';
import { ApiForm } from '../forms/ApiForm.tsx';
import { required } from '../forms/schema.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle, useUsers } from '../hooks.ts';
import type { CaseloadTransfer, CaseloadTransferPreview, User } from '../types.ts';

const isOfficial = (user: User) => user.roles.some((role) => role === 'authorized-official' || role === 'supervisor');

const chooseSchema = z.object({
  fromUserId: required('Choose the official whose caseload moves'),
  toUserId: required('Choose the official who takes it over'),
});

/**
 * A supervisor moves an official's open plan items and open tasks to another official: choose the
 * two, check exactly what will move, confirm, then see what moved with links to each piece of work.
 */
export function TransferCaseloadPage() {
  const [preview, setPreview] = useState<CaseloadTransferPreview | null>(null);
  const [result, setResult] = useState<CaseloadTransfer | null>(null);
  usePageTitle(result ? 'Caseload transferred' : preview ? 'Check the transfer' : 'Transfer a caseload');
  const restart = () => {
    setPreview(null);
    setResult(null);
  };
  if (preview && result) return <TransferResult preview={preview} result={result} onAgain={restart} />;
  if (preview) return <ConfirmTransfer preview={preview} onDone={setResult} onBack={() => setPreview(null)} />;
  return <ChooseOfficials onPreview={setPreview} />;
}

function ChooseOfficials({ onPreview }: { onPreview: (preview: CaseloadTransferPreview) => void }) {
  const users = useUsers(true);
  return (
    <>
      <h1>Transfer a caseload</h1>
      <p className="lead">
        When an official leaves or changes jobs, their open plan items and open tasks move to another official in one step. You can check
        what will move before anything changes.
      </p>
      {users.isPending ? <p role="status">Loading officials…</p> : null}
      <ProblemAlert error={users.error} />
      {users.data ? <ChooseForm officials={users.data.filter(isOfficial)} onPreview={onPreview} /> : null}
    </>
  );
}

/** The two officials; the one giving the caseload may come chosen (from the team dashboard). */
function ChooseForm({ officials, onPreview }: { officials: User[]; onPreview: (preview: CaseloadTransferPreview) => void }) {
  const [search] = useSearchParams();
  const given = officials.some((official) => official.id === search.get('from')) ? (search.get('from') ?? '') : '';
  const api = useApiForm({
    id: 'transfer',
    schema: chooseSchema,
    defaultValues: { fromUserId: given, toUserId: '' },
    submit: (body) => previewCaseloadTransfer(body),
    onSuccess: onPreview,
  });
  const fromUserId = api.form.watch('fromUserId');
  return (
    <ApiForm api={api} label="Choose the officials">
      <SelectField {...api.field('fromUserId')} label="From">
        <UserOptions users={officials} empty="Choose an official…" />
      </SelectField>
      <SelectField {...api.field('toUserId')} label="To">
        <UserOptions users={officials.filter((official) => official.id !== fromUserId)} empty="Choose an official…" />
      </SelectField>
      <div className="actions">
        <button type="submit" className="button" disabled={api.pending}>
          {api.pending ? 'Checking…' : 'Check what will move'}
        </button>
      </div>
    </ApiForm>
  );
}

function ConfirmTransfer({
  preview,
  onDone,
  onBack,
}: {
  preview: CaseloadTransferPreview;
  onDone: (result: CaseloadTransfer) => void;
  onBack: () => void;
}) {
  const queryClient = useQueryClient();
  const nothing = preview.planItemCount === 0 && preview.taskCount === 0;
  const api = useApiForm({
    id: 'transfer-confirm',
    schema: z.object({}),
    defaultValues: {},
    submit: () => transferCaseload({ fromUserId: preview.from.id, toUserId: preview.to.id }),
    onSuccess: (moved) => {
      queryClient.invalidateQueries({ queryKey: ['tasks'] });
      queryClient.invalidateQueries({ queryKey: ['plan'] });
      onDone(moved);
    },
  });
  return (
    <>
      <h1>Check the transfer</h1>
      <p className="lead">
        {nothing
          ? `${preview.from.displayName} has no open plan items or open tasks: there is nothing to move.`
          : `${caseloadSize(preview)} will move from ${preview.from.displayName} to ${preview.to.displayName}. Nothing has changed yet.`}
      </p>
      <CaseloadLists caseload={preview} idPrefix="preview" />
      <ApiForm api={api} label="Confirm the transfer">
        <div className="actions">
          {nothing ? null : (
            <button type="submit" className="button" disabled={api.pending}>
              {api.pending ? 'Transferring…' : `Transfer to ${preview.to.displayName}`}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onBack}>
            Choose other officials
          </button>
        </div>
      </ApiForm>
    </>
  );
}

function TransferResult({ preview, result, onAgain }: { preview: CaseloadTransferPreview; result: CaseloadTransfer; onAgain: () => void }) {
  const moved = { planItemCount: result.planItemsMoved, taskCount: result.tasksMoved };
  return (
    <>
      <h1>Caseload transferred</h1>
      <SuccessMessage title="Caseload transferred">
        {caseloadSize(moved)} moved from {result.from.displayName} to {result.to.displayName}. They are now on {result.to.displayName}'s
        worklist.
      </SuccessMessage>
      <h2>What moved</h2>
      <CaseloadLists caseload={{ ...preview, ...moved }} heading="h3" idPrefix="moved" />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onAgain}>
          Transfer another caseload
        </button>
        <Link to="/worklist">Back to my worklist</Link>
      </div>
    </>
  );
}
