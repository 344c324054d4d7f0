/**
 * A two-attending situation (E04): both learners, their cases, which is first and second and whose
 * coordinator is responsible, the months, and its status; a coordinator confirms a detected
 * situation after previewing what it would do to both cases (both are reassessed with the split);
 * while it waits, the second learner's overlap months are held; the reconciliation shows, as a chart
 * and then month by month (each month opening onto its benefits), the first learner + the second =
 * the household, once.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { confirmSituation, getReconciliation, previewConfirmation } from '../api.ts';
import { Badge, BalancedMark } from '../components/Badge.tsx';
import { CasePreviews } from '../components/benefits/CasePreviews.tsx';
import { HouseholdSplitChart } from '../components/benefits/HouseholdSplitChart.tsx';
import { PreviewActions, PreviewArea } from '../components/benefits/PreviewActions.tsx';
import { type Outcome, ReassessmentResult } from '../components/benefits/ReassessmentResult.tsx';
import { ReconciliationTable } from '../components/benefits/ReconciliationTable.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { Fact } from '../components/Fact.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { NotPaidMonths } from '../components/payments/NotPaidMonths.tsx';
import { formatInstant, formatMonths, fullName, labelOf, NOT_DETERMINED, SITUATION_STATUS_LABELS } from '../format.ts';
import { twoAttendingKeys, usePageTitle, useRefreshBenefits } from '../hooks.ts';
import { isReadOnly, mayOffer, useSession } from '../session.ts';
import type { Reconciliation, SituationLearner, TwoAttendingSituation } from '../types.ts';

const STATUS_TONES = { detected: 'warning', coordinated: 'success', ended: 'neutral' } as const;

export function TwoAttendingPage() {
  const { id = '' } = useParams();
  // No personal data in the title: it ends up in browser history.
  usePageTitle('Two attending');
  const query = useQuery({ queryKey: twoAttendingKeys.reconciliation(id), queryFn: () => getReconciliation(id) });
  if (query.isPending) return <p role="status">Loading the two-attending situation…</p>;
  if (query.isError || !query.data) {
    return (
      <>
        <h1>Two attending</h1>
        <ProblemAlert error={query.error} />
        <p>
          <Link to="/worklist">My worklist</Link>
        </p>
      </>
    );
  }
  return <SituationView reconciliation={query.data} />;
}

function SituationView({ reconciliation }: { reconciliation: Reconciliation }) {
  const { situation } = reconciliation;
  const { data: user } = useSession();
  const refresh = useRefreshBenefits();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const confirm = useMutation({
    mutationFn: () => confirmSituation(situation.id, { version: situation.version }),
    onSuccess: async (confirmed) => {
      await refresh();
      setOutcome((current) => ({
        title: 'Two attending confirmed: both cases were reassessed with the split',
        cases: [
          { label: confirmed.situation.first.pdcReference, reassessment: confirmed.reassessed.first },
          { label: confirmed.situation.second.pdcReference, reassessment: confirmed.reassessed.second },
        ],
        key: (current?.key ?? 0) + 1,
      }));
    },
  });
  const canConfirm = !isReadOnly(user) && mayOffer(user, 'evidence.write');
  const learners: [string, SituationLearner][] = [
    ['First', situation.first],
    ['Second', situation.second],
  ];
  return (
    <>
      {outcome ? <ReassessmentResult ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <div className="person-header">
        <div className="person-header__title">
          <h1>Two attending household</h1>
          <Badge tone={STATUS_TONES[situation.status] ?? 'neutral'}>{labelOf(SITUATION_STATUS_LABELS, situation.status)}</Badge>
        </div>
        <dl className="summary summary--inline">
          <Fact term="Two-attending months">
            {formatMonths(situation.months)} ({situation.months.length === 1 ? '1 month' : `${situation.months.length} months`})
          </Fact>
          <Fact term="Detected">{formatInstant(situation.detectedAt)}</Fact>
          <Fact term="Confirmed">
            {situation.confirmedAt ? formatInstant(situation.confirmedAt) : <span className="muted">Not yet</span>}
          </Fact>
        </dl>
      </div>

      <section className="section" aria-labelledby="learners">
        <h2 id="learners">Learners</h2>
        <DataTable
          caption="The two learners of the household"
          columns={['Learner', 'Person', 'Case', 'Training', 'Coordinator']}
          className="table--stack"
        >
          {learners.map(([order, learner]) => (
            <tr key={learner.pdcId}>
              <th scope="row">{order}</th>
              <td data-label="Person">
                <Link to={`/people/${learner.person.id}`}>{fullName(learner.person)}</Link>
                <span className="item-description mono">{learner.person.reference}</span>
              </td>
              <td data-label="Case">
                <Link to={`/pdcs/${learner.pdcId}`} className="mono">
                  {learner.pdcReference}
                </Link>
              </td>
              <td data-label="Training">
                <span className="nowrap">
                  <DateText value={learner.trainingStart} />
                </span>{' '}
                to{' '}
                <span className="nowrap">
                  <DateText value={learner.trainingEnd} />
                </span>
              </td>
              <td data-label="Coordinator">
                {learner.coordinator?.displayName ?? <span className="muted">The coordinators' queue</span>}
                {learner.coordinator?.id === user?.id ? <span className="muted"> (you)</span> : null}
                {situation.responsibleCoordinatorId && learner.coordinator?.id === situation.responsibleCoordinatorId ? (
                  <span className="item-description">
                    <Badge tone="info">Responsible for confirming</Badge>
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
        <p className="hint">
          The first learner is the one whose training starts first, and takes the odd cent when an amount does not halve evenly. As E04
          says, the second learner's coordinator is responsible for coordinating.
        </p>
        {situation.status === 'detected' ? (
          <ConfirmPanel
            situation={situation}
            canConfirm={canConfirm}
            pending={confirm.isPending}
            error={confirm.error}
            onConfirm={() => confirm.mutate()}
            onReload={() => {
              confirm.reset();
              refresh();
            }}
          />
        ) : null}
      </section>

      <section className="section" aria-labelledby="reconciliation">
        <h2 id="reconciliation">Reconciliation</h2>
        <ReconciliationSection reconciliation={reconciliation} />
      </section>
    </>
  );
}

function ConfirmPanel({
  situation,
  canConfirm,
  pending,
  error,
  onConfirm,
  onReload,
}: {
  situation: TwoAttendingSituation;
  canConfirm: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onReload: () => void;
}) {
  const [showPreview, setShowPreview] = useState(false);
  const preview = useQuery({
    queryKey: [...twoAttendingKeys.all, situation.id, 'preview', situation.version],
    queryFn: () => previewConfirmation(situation.id),
    enabled: showPreview,
  });
  return (
    <section className="panel panel--warning" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading">Not yet confirmed</h3>
      <p>
        Until a coordinator confirms, each case is determined as if its learner attended alone. So that the household is not paid twice, the
        second learner's months {formatMonths(situation.months)} on <span className="mono">{situation.second.pdcReference}</span> are{' '}
        <strong>held</strong>: determined but not issued. Confirming splits the household's benefits in half between both cases for those
        months, reassesses both and releases the hold.
      </p>
      <ProblemAlert error={error} onReload={onReload} />
      <PreviewActions
        showPreview={showPreview}
        controls="confirm-preview"
        previewLabel="Preview confirming"
        onPreview={() => (showPreview ? preview.refetch() : setShowPreview(true))}
        canAct={canConfirm}
        pending={pending}
        actLabel="Confirm two attending"
        pendingLabel="Confirming…"
        onAct={onConfirm}
      />
      {canConfirm ? null : <p className="note">A Learner Benefits Coordinator confirms the situation.</p>}
      <PreviewArea id="confirm-preview" show={showPreview} query={preview}>
        {(data) => (
          <section className="preview" aria-labelledby="confirm-preview-heading">
            <h4 id="confirm-preview-heading">Preview of confirming: nothing is saved</h4>
            <p className="hint">Both cases as confirming would determine them, month by month, and what would change on each.</p>
            <CasePreviews id="confirm-preview" cases={data.cases} twoAttendingMonths={situation.months} headingLevel={5} />
          </section>
        )}
      </PreviewArea>
    </section>
  );
}

/** The reconciliation: whether it balances, the household's amount split between the learners as a chart, then month by month. */
function ReconciliationSection({ reconciliation }: { reconciliation: Reconciliation }) {
  const { situation } = reconciliation;
  const firstName = fullName(situation.first.person);
  const secondName = fullName(situation.second.person);
  const { notDetermined } = reconciliation;
  const undetermined = (
    [
      [firstName, notDetermined.first],
      [secondName, notDetermined.second],
    ] as const
  ).filter((pair): pair is readonly [string, string] => pair[1] !== null);
  return (
    <>
      {undetermined.length > 0 ? (
        <div className="panel panel--warning reconciliation__summary">
          <p>
            <strong>{NOT_DETERMINED}:</strong> {undetermined.map(([name, reason]) => `${name}’s case. ${reason}`).join(' ')} Until then its
            months cannot be reconciled.
          </p>
        </div>
      ) : (
        <div className={`panel ${reconciliation.balanced ? 'panel--success' : 'panel--warning'} reconciliation__summary`}>
          <p>
            <BalancedMark balanced={reconciliation.balanced} />{' '}
            {reconciliation.balanced
              ? 'In every month, the first learner’s entitlement plus the second’s equals the household’s, once.'
              : reconciliation.coordinated
                ? 'In some months the two cases do not add up to the household’s entitlement: see the months marked not balanced.'
                : 'Not coordinated yet, so the split is not applied: in the months marked not balanced, the two cases’ entitlements do not add up to the household’s.'}
          </p>
        </div>
      )}
      <HouseholdSplitChart
        id="household-split"
        months={reconciliation.months}
        firstLabel={`First: ${firstName}`}
        secondLabel={`Second: ${secondName}`}
        title="The household’s monthly entitlement, split between the two learners"
      />
      <p className="hint">
        Each month: the first and the second learner’s entitlement as their current determinations have it, and the household’s, worked out
        afresh. Open a month for its benefits (adjustments counted against the benefit they adjust).
      </p>
      <NotPaidMonths months={reconciliation.months} firstName={firstName} secondName={secondName} />
      <ReconciliationTable id="reconciliation-months" months={reconciliation.months} firstName={firstName} secondName={secondName} />
    </>
  );
}
