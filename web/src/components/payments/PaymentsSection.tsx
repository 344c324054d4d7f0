/**
 * Payments on the learner case page (docs/policy/payments.md): the date the application was received
 * (E15: paid from that month), the months issued (frozen) and arrears, and the debts overpayments
 * raised, each with what caused it, its repayment agreement, how it is recovered, and its
 * adjustments (a wrong one is reversed with a reason).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { adjustDebt, getPayments, newIdempotencyKey, recordAgreement, recordApplication, reverseAdjustment } from '../../api.ts';
import { formatDate, formatMoney, formatMonth } from '../../format.ts';
import { FormActions, InlineForm } from '../../forms/ApiForm.tsx';
import { chosen, required } from '../../forms/schema.ts';
import { useApiForm } from '../../forms/useApiForm.ts';
import { useRefreshBenefits } from '../../hooks.ts';
import { mayOffer, useSession } from '../../session.ts';
import type { Debt, PdcView } from '../../types.ts';
import { amountInput } from '../benefits/EvidenceForms.tsx';
import { MoneyCell, MoneyText } from '../benefits/MoneyText.tsx';
import { DataTable } from '../DataTable.tsx';
import { Fact } from '../Fact.tsx';
import { RadioGroup, TextField } from '../Field.tsx';

const paymentKeys = (pdcId: string) => ['pdc', pdcId, 'payments'] as const;

export function PaymentsSection({ pdc }: { pdc: PdcView['pdc'] }) {
  const { data: user } = useSession();
  const query = useQuery({ queryKey: paymentKeys(pdc.id), queryFn: () => getPayments(pdc.id) });
  const [editing, setEditing] = useState(false);
  const mayWrite = mayOffer(user, 'evidence.write') && pdc.status !== 'closed';
  const view = query.data;
  return (
    <section className="section" aria-labelledby="payments">
      <h2 id="payments">Payments</h2>
      <dl className="summary">
        <Fact term="Application received">
          {pdc.applicationReceivedOn ? (
            <>
              {formatDate(pdc.applicationReceivedOn)}: paid from {formatMonth(pdc.applicationReceivedOn.slice(0, 7), true)}, nothing before
              (E15 late applications)
            </>
          ) : (
            'Not recorded: every month of the training is paid'
          )}
        </Fact>
        {view?.nextIssue ? (
          <Fact term="Next issue">
            {formatMonth(view.nextIssue.month, true)} on {formatDate(view.nextIssue.issueDate)}
          </Fact>
        ) : null}
      </dl>
      {mayWrite && !editing ? (
        <button type="button" className="button button--secondary button--wraps" onClick={() => setEditing(true)}>
          {pdc.applicationReceivedOn ? 'Change the application received date' : 'Record the application received date'}
        </button>
      ) : null}
      {!mayWrite ? <p className="hint">Only a Learner Benefits Coordinator records the application received date.</p> : null}
      {editing ? <ApplicationForm pdc={pdc} onDone={() => setEditing(false)} /> : null}

      <h3>Issued</h3>
      <p className="hint">
        A month is issued two weekdays before its 1st. What was issued does not change: a later change to an issued month is paid as arrears
        or becomes a debt.
      </p>
      {view && view.payments.length > 0 ? (
        <DataTable
          caption="Payments issued"
          className="table--compact table--stack"
          columns={[
            'Month',
            'Issued on',
            'Kind',
            { label: 'Amount', className: 'num' },
            { label: 'Deducted', className: 'num' },
            { label: 'Paid', className: 'num' },
          ]}
        >
          {view.payments.map((p) => (
            <tr key={p.id}>
              <th scope="row">{formatMonth(p.month)}</th>
              <td data-label="Issued on">{formatDate(p.issueDate)}</td>
              <td data-label="Kind">{p.kindText}</td>
              <MoneyCell value={p.gross} label="Amount" />
              <MoneyCell value={p.deduction} label="Deducted" />
              <MoneyCell value={p.net} label="Paid" strong />
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Nothing issued yet.</p>
      )}

      <h3>Debts</h3>
      {view && view.debts.length > 0 ? (
        <>
          <p className="hint">
            An overpaid month is a debt at once. It is recovered from later payments ({view.recoveryRate.basisPoints / 100}% of each,
            rounded down to the cent) once the repayment agreement is signed, or 60 days after the debt without it.
          </p>
          {view.debts.map((d) => (
            <DebtCard key={d.id} debt={d} pdcId={pdc.id} asOf={view.asOf} />
          ))}
        </>
      ) : (
        <p>No debts.</p>
      )}
    </section>
  );
}

const applicationSchema = z.object({ receivedOn: z.string() });

function ApplicationForm({ pdc, onDone }: { pdc: PdcView['pdc']; onDone: () => void }) {
  const refresh = useRefreshBenefits();
  const api = useApiForm({
    id: 'application',
    schema: applicationSchema,
    defaultValues: { receivedOn: pdc.applicationReceivedOn ?? '' },
    submit: ({ receivedOn }) => recordApplication(pdc.id, { version: pdc.version, receivedOn: receivedOn === '' ? null : receivedOn }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
    onReload: refresh,
  });
  return (
    <InlineForm api={api} label="Application received date">
      <TextField
        {...api.field('receivedOn')}
        label="Application received on"
        hint="The date stamp on the application. The case is reassessed: months before this month are not paid. Leave empty to pay every month."
        type="date"
      />
      <FormActions pending={api.pending} submit="Save and reassess" onCancel={onDone} />
    </InlineForm>
  );
}

const AGREEMENT_TEXT = {
  signed: 'Signed',
  awaiting: 'Awaited',
  'proceed-without': 'Not returned: recovered without it',
} as const;

function DebtCard({ debt, pdcId, asOf }: { debt: Debt; pdcId: string; asOf: string }) {
  const { data: user } = useSession();
  const [form, setForm] = useState<'agreement' | 'adjust' | { reverse: string } | null>(null);
  const mayRecord = mayOffer(user, 'evidence.write');
  const mayAdjust = mayOffer(user, 'evidence.approve');
  const title = `Overpayment of ${formatMonth(debt.month, true)}`;
  return (
    <article className="panel debt" aria-label={title}>
      <h4>{title}</h4>
      <dl className="summary">
        <Fact term="Amount">
          <MoneyText value={debt.amount} />
        </Fact>
        <Fact term="Still owed">
          <MoneyText value={debt.outstanding} />
        </Fact>
        <Fact term="Repayment agreement">
          {AGREEMENT_TEXT[debt.agreement.state]}
          {debt.agreement.receivedOn ? ` on ${formatDate(debt.agreement.receivedOn)}` : ''}
          {debt.agreement.bringForwardOn ? ` (follow-up ${formatDate(debt.agreement.bringForwardOn)})` : ''}
        </Fact>
        <Fact term="Caused by">
          Version {debt.cause.version}, {debt.cause.reason} ({formatDate(debt.cause.determinedOn)})
          {debt.cause.differences.length > 0
            ? `: ${debt.cause.differences.map((x) => `version ${x.version}: ${x.kind.replace('-', ' ')} of ${formatMoney(x.difference.replace('-', ''))}`).join('; ')}`
            : ''}
          {debt.cause.evidenceIds.length > 0
            ? `; evidence: ${debt.cause.evidenceIds.length === 1 ? 'one record' : `${debt.cause.evidenceIds.length} records`}`
            : ''}
        </Fact>
      </dl>
      {debt.recoveries.length > 0 ? (
        <p>
          Recovered:{' '}
          {debt.recoveries.map((r, i) => (
            <span key={r.id}>
              {i > 0 ? ', ' : ''}
              <MoneyText value={r.amount} /> from {r.fromMonth ? formatMonth(r.fromMonth) : 'a payment'}
            </span>
          ))}
        </p>
      ) : null}
      {debt.adjustments.length > 0 ? (
        <DataTable
          caption={`Adjustments of the ${formatMonth(debt.month)} debt`}
          className="table--compact"
          columns={['Reason', { label: 'Amount', className: 'num' }, '']}
        >
          {debt.adjustments.map((a) => (
            <tr key={a.id}>
              <td>
                {a.reason}
                {a.reversesId ? ' (reversal)' : ''}
                {a.reversed ? ' (reversed)' : ''}
              </td>
              <MoneyCell value={a.amount} />
              <td>
                {mayAdjust && !a.reversed && !a.reversesId ? (
                  <button type="button" className="button button--link" onClick={() => setForm({ reverse: a.id })}>
                    Reverse<span className="visually-hidden"> the adjustment “{a.reason}”</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {mayRecord && debt.agreement.state !== 'signed' && form === null ? (
        <button type="button" className="button button--secondary button--wraps" onClick={() => setForm('agreement')}>
          Record the signed agreement<span className="visually-hidden"> for {formatMonth(debt.month, true)}</span>
        </button>
      ) : null}
      {mayAdjust && form === null ? (
        <button type="button" className="button button--secondary button--wraps" onClick={() => setForm('adjust')}>
          Adjust the debt<span className="visually-hidden"> for {formatMonth(debt.month, true)}</span>
        </button>
      ) : null}
      {form === 'agreement' ? <AgreementForm debt={debt} pdcId={pdcId} asOf={asOf} onDone={() => setForm(null)} /> : null}
      {form === 'adjust' ? <AdjustForm debt={debt} pdcId={pdcId} onDone={() => setForm(null)} /> : null}
      {form !== null && typeof form === 'object' ? (
        <ReverseForm adjustmentId={form.reverse} pdcId={pdcId} onDone={() => setForm(null)} />
      ) : null}
    </article>
  );
}

const agreementSchema = z.object({ receivedOn: required('Enter the date the signed agreement was received') });

function AgreementForm({ debt, pdcId, asOf, onDone }: { debt: Debt; pdcId: string; asOf: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: paymentKeys(pdcId) });
  const api = useApiForm({
    id: `agreement-${debt.id}`,
    schema: agreementSchema,
    defaultValues: { receivedOn: asOf },
    submit: ({ receivedOn }) => recordAgreement(debt.id, { version: debt.version, receivedOn }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
    onReload: refresh,
  });
  return (
    <InlineForm api={api} label="Signed repayment agreement">
      <TextField {...api.field('receivedOn')} label="Agreement received on" type="date" required />
      <FormActions pending={api.pending} submit="Record agreement" onCancel={onDone} />
    </InlineForm>
  );
}

type Direction = 'raise' | 'lower';
const DIRECTIONS: readonly { value: Direction; label: string }[] = [
  { value: 'lower', label: 'Lower it: the learner owes less' },
  { value: 'raise', label: 'Raise it: the learner owes more' },
];
const adjustSchema = z.object({
  direction: chosen<Direction>('Choose whether the adjustment raises or lowers the debt'),
  amount: required('Enter the amount in dollars, for example 40.00'),
  reason: required('Say why the debt is adjusted'),
});

/**
 * A signed adjustment to what a debt owes (Learner Benefit Specialists): the direction, the amount
 * and the reason. The server refuses one that would leave the debt owing less than nothing, on the
 * amount field. A wrong adjustment is reversed afterwards, never edited.
 */
function AdjustForm({ debt, pdcId, onDone }: { debt: Debt; pdcId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: paymentKeys(pdcId) });
  // One key for every try of this adjustment (the form closes once it is made): a retry is never a second adjustment.
  const [key] = useState(newIdempotencyKey);
  const api = useApiForm({
    id: `adjust-${debt.id}`,
    schema: adjustSchema,
    defaultValues: { direction: '', amount: '', reason: '' },
    submit: ({ direction, amount, reason }) => adjustDebt(debt.id, { direction, amount: amountInput(amount) ?? '', reason }, key),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
    onReload: refresh,
  });
  return (
    <InlineForm api={api} label="Adjust the debt">
      <RadioGroup<Direction>
        {...api.choice<Direction>('direction')}
        legend="Does the adjustment raise or lower the debt?"
        options={DIRECTIONS}
      />
      <TextField
        {...api.field('amount')}
        label="Amount in dollars"
        hint={
          <>
            Still owed: <MoneyText value={debt.outstanding} />. For example 40.00.
          </>
        }
        className="field--short"
        inputMode="decimal"
        autoComplete="off"
        required
      />
      <TextField {...api.field('reason')} label="Why is the debt adjusted?" required />
      <FormActions pending={api.pending} submit="Record adjustment" onCancel={onDone} />
    </InlineForm>
  );
}

const reverseSchema = z.object({ reason: required('Say why the adjustment is reversed') });

function ReverseForm({ adjustmentId, pdcId, onDone }: { adjustmentId: string; pdcId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: paymentKeys(pdcId) });
  const api = useApiForm({
    id: `reverse-${adjustmentId}`,
    schema: reverseSchema,
    defaultValues: { reason: '' },
    submit: ({ reason }) => reverseAdjustment(adjustmentId, { reason }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
    onReload: refresh,
  });
  return (
    <InlineForm api={api} label="Reverse an adjustment">
      <TextField {...api.field('reason')} label="Why is it reversed?" required />
      <FormActions pending={api.pending} submit="Reverse adjustment" onCancel={onDone} />
    </InlineForm>
  );
}
