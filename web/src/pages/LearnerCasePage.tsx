/**
 * A learner income support case (PDC): its current determination month by month (every component
 * explained as the server explains it), a chart of the entitlement, the evidence and its versions,
 * preview and apply, what-if rates, the determination versions with their totals, and what each
 * changed (over/underpayments for issued months, changes in scheduled amounts otherwise). When the
 * case is in a two-attending household, a banner leads to the situation; months held while it
 * awaits confirmation are shown, with the reason, on both cases.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { determinationsCsvUrl, getPdc, getPerson, listEvidence, listSituations } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { DeterminationTable } from '../components/benefits/DeterminationTable.tsx';
import { EntitlementChart } from '../components/benefits/EntitlementChart.tsx';
import type { HouseholdChoice } from '../components/benefits/EvidenceForms.tsx';
import { EvidenceList } from '../components/benefits/EvidenceSection.tsx';
import { MoneyText } from '../components/benefits/MoneyText.tsx';
import { PreviewApply } from '../components/benefits/PreviewApply.tsx';
import { type Outcome, ReassessmentResult } from '../components/benefits/ReassessmentResult.tsx';
import { TrainingDatesForm } from '../components/benefits/TrainingDatesForm.tsx';
import { VersionComparison } from '../components/benefits/VersionComparison.tsx';
import { WhatIf } from '../components/benefits/WhatIf.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DateText } from '../components/DateText.tsx';
import { Disclosure } from '../components/Disclosure.tsx';
import { Fact } from '../components/Fact.tsx';
import { LearningStreamsSection } from '../components/learning/LearningStreamsSection.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { PaymentsSection } from '../components/payments/PaymentsSection.tsx';
import { SectionLinks } from '../components/SectionLinks.tsx';
import { FlashMessage, useFlash } from '../components/SuccessMessage.tsx';
import { WhyNot } from '../components/WhyNot.tsx';
import {
  formatDate,
  formatInstant,
  formatMonths,
  fullName,
  labelOf,
  PDC_STATUS_LABELS,
  SITUATION_STATUS_LABELS,
  TRAINING_LOAD_LABELS,
} from '../format.ts';
import { pdcKeys, personKeys, twoAttendingKeys, useEvidenceTypes, usePageTitle } from '../hooks.ts';
import { isReadOnly, mayOffer, useSession, whoMay } from '../session.ts';
import type { CaseHold, DeterminationVersion, PdcView, Person, Reassessment, TrainingChange, TwoAttendingSituation } from '../types.ts';

const SECTIONS = [
  ['determination', 'Determination'],
  ['evidence', 'Evidence'],
  ['versions', 'Versions'],
  ['differences', 'Payment differences'],
  ['what-if', 'What if'],
  ['learning-streams', 'Learning streams'],
] as const;

export function LearnerCasePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: pdcKeys.view(id), queryFn: () => getPdc(id) });
  const view = query.data;
  // The case's reference, never the person's name: titles end up in browser history.
  usePageTitle(view ? `Learner case ${view.pdc.reference}` : 'Learner case');

  if (query.isPending) return <p role="status">Loading the learner case…</p>;
  if (query.isError || !view) {
    return (
      <>
        <h1>Learner income support case</h1>
        <ProblemAlert error={query.error} />
        <p>
          <Link to="/people">Find a person</Link>
        </p>
      </>
    );
  }
  return <CaseView view={view} />;
}

function householdOf(person: Person | undefined): HouseholdChoice[] {
  if (!person) return [];
  const others = person.relationships.map((r) => r.otherPerson).filter((p, index, all) => all.findIndex((q) => q.id === p.id) === index);
  return [person, ...others.filter((p) => p.id !== person.id)];
}

/** The first day of the training's first month: where most evidence periods start. */
const firstOfMonth = (date: string | null) => (date ? `${date.slice(0, 7)}-01` : '');

function CaseView({ view }: { view: PdcView }) {
  const { pdc } = view;
  const { data: user } = useSession();
  const person = useQuery({ queryKey: personKeys.person(pdc.personId), queryFn: () => getPerson(pdc.personId) });
  const evidence = useQuery({ queryKey: pdcKeys.evidence(pdc.id), queryFn: () => listEvidence(pdc.id) });
  const types = useEvidenceTypes();
  const situations = useQuery({
    queryKey: twoAttendingKeys.ofPerson(pdc.personId),
    queryFn: () => listSituations({ personId: pdc.personId }),
  });
  const situation =
    (situations.data ?? []).find((s) => s.status !== 'ended' && (s.first.pdcId === pdc.id || s.second.pdcId === pdc.id)) ?? null;
  // The split applies only once coordinated; a detected situation is highlighted but not yet split.
  const sharedMonths = situation?.status === 'coordinated' ? situation.months : [];

  const { flash, say: sayFlash, clear: clearFlash } = useFlash();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const say = (text: string) => {
    setOutcome(null);
    sayFlash(text);
  };
  const show = (title: string, cases: Outcome['cases']) => {
    clearFlash();
    setOutcome((current) => ({ title, cases, key: (current?.key ?? 0) + 1 }));
  };
  const reassessed = (title: string, reassessment: Reassessment) => show(title, [{ label: pdc.reference, reassessment }]);
  /** A training change reassesses this case (and a coordinated partner's): say so, and where the differences are listed. */
  const trainingChanged = (change: TrainingChange, versionBefore: number) => {
    const own = change.reassessed;
    const partner = change.partner;
    show(`Training dates changed: ${formatDate(change.pdc.trainingStart)} to ${formatDate(change.pdc.trainingEnd)}`, [
      {
        label: pdc.reference,
        reassessment: own,
        ...(own.version > versionBefore
          ? {
              summary: `Reassessed: determination version ${own.version}. Every month it changed is listed under Payment differences below.`,
            }
          : {}),
      },
      ...(partner
        ? [
            {
              label: `Partner’s case ${partnerReference ?? ''}`.trim(),
              reassessment: partner,
              ...(!partner.changed
                ? { summary: `Determination version ${partner.version} is current; any difference is listed on that case.` }
                : {}),
            },
          ]
        : []),
    ]);
  };

  const readOnly = isReadOnly(user);
  const canWrite = !readOnly && mayOffer(user, 'evidence.write');
  const canApprove = mayOffer(user, 'evidence.approve');
  const records = evidence.data ?? [];
  const inEdit = records.reduce((count, record) => count + record.versions.filter((v) => v.status === 'in-edit').length, 0);
  const current = view.current;
  // Why evidence and training dates cannot change here, said before any click.
  const changeRefusals =
    pdc.status === 'closed'
      ? [`Learner income support case ${pdc.reference} is closed: its training dates and evidence can no longer change.`]
      : canWrite
        ? []
        : [`Evidence and training dates are changed by ${whoMay('evidence.write')}.`];
  const partnerReference = situation
    ? situation.first.pdcId === pdc.id
      ? situation.second.pdcReference
      : situation.first.pdcReference
    : null;

  return (
    <>
      <p className="breadcrumb">
        {person.data ? (
          <Link to={`/people/${pdc.personId}`}>Back to {fullName(person.data)}</Link>
        ) : (
          <Link to={`/people/${pdc.personId}`}>Back to the person</Link>
        )}
      </p>
      <FlashMessage flash={flash} />
      {outcome ? <ReassessmentResult ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <div className="person-header">
        <div className="person-header__title">
          <h1>
            Learner income support <span className="mono">{pdc.reference}</span>
          </h1>
          <Badge tone={pdc.status === 'active' ? 'success' : pdc.status === 'closed' ? 'neutral' : 'info'}>
            {labelOf(PDC_STATUS_LABELS, pdc.status)}
          </Badge>
        </div>
        <dl className="summary summary--inline">
          <Fact term="Person">
            {person.data ? <Link to={`/people/${pdc.personId}`}>{fullName(person.data)}</Link> : null}{' '}
            <span className="mono muted">{person.data?.reference}</span>
          </Fact>
          <Fact term="Training">
            <DateText value={pdc.trainingStart} /> to <DateText value={pdc.trainingEnd} />
          </Fact>
          <Fact term="Load">{labelOf(TRAINING_LOAD_LABELS, pdc.trainingLoad) || '—'}</Fact>
          <Fact term="Determination">{current ? `Version ${current.version}` : <span className="muted">None yet</span>}</Fact>
        </dl>
        <ProblemAlert error={person.error} />
        {canWrite && pdc.status !== 'closed' ? (
          <Disclosure label="Change training dates…">
            {(close) => (
              <TrainingDatesForm
                pdc={pdc}
                determinationVersion={current?.version ?? 0}
                onClose={close}
                onChanged={(change, versionBefore) => trainingChanged(change, versionBefore)}
              />
            )}
          </Disclosure>
        ) : null}
      </div>

      <ProblemAlert error={situations.error} />
      {situation ? <TwoAttendingBanner situation={situation} pdcId={pdc.id} /> : null}
      {view.holds.map((hold) => (
        <HoldNotice key={hold.situationId} hold={hold} pdcId={pdc.id} />
      ))}

      <nav className="toc" aria-label="On this page">
        <SectionLinks sections={SECTIONS} />
      </nav>

      <section className="section" aria-labelledby="determination">
        <h2 id="determination">Determination</h2>
        {current ? (
          <>
            <p className="determination__meta">
              Version {current.version}: {current.reason}. <span className="muted">Determined {formatInstant(current.createdAt)}.</span>
            </p>
            <EntitlementChart
              id="entitlement-chart"
              months={current.months}
              twoAttendingMonths={sharedMonths}
              title={`Monthly entitlement, determination version ${current.version}`}
            />
            <DeterminationTable
              id="determination-months"
              months={current.months}
              caption={`Determination version ${current.version}, month by month`}
              twoAttendingMonths={sharedMonths}
            />
          </>
        ) : (
          <p className="muted">No determination yet: the months are determined when evidence is first applied.</p>
        )}
      </section>

      <section className="section" aria-labelledby="evidence">
        <h2 id="evidence">Evidence</h2>
        {evidence.isPending || types.isPending ? <p role="status">Loading evidence…</p> : null}
        <WhyNot reasons={changeRefusals} />
        <ProblemAlert error={evidence.error ?? types.error} />
        {inEdit > 0 ? (
          <PreviewApply
            pdcId={pdc.id}
            reference={pdc.reference}
            inEdit={inEdit}
            canApply={canWrite}
            twoAttendingMonths={sharedMonths}
            onApplied={(reassessment) => reassessed('Changes applied', reassessment)}
          />
        ) : null}
        {situation?.status === 'coordinated' && partnerReference ? (
          <p className="note">
            Two attending: the household's evidence is entered once, on either case. This case also counts the evidence recorded on the
            partner's case{' '}
            <Link to={`/pdcs/${situation.first.pdcId === pdc.id ? situation.second.pdcId : situation.first.pdcId}`} className="mono">
              {partnerReference}
            </Link>{' '}
            (split in half in the two-attending months); each component's source names the evidence it came from.
          </p>
        ) : null}
        {evidence.data && types.data ? (
          <EvidenceList
            pdcId={pdc.id}
            records={records}
            types={types.data}
            household={householdOf(person.data)}
            defaultStart={firstOfMonth(pdc.trainingStart)}
            canWrite={canWrite && pdc.status !== 'closed'}
            canApprove={canApprove}
            onMessage={say}
            onReassessed={reassessed}
          />
        ) : null}
      </section>

      <section className="section" aria-labelledby="versions">
        <h2 id="versions">Versions</h2>
        {view.versions.length === 0 ? (
          <p className="muted">No determination yet.</p>
        ) : (
          <DataTable
            caption="Determination versions, newest first, with their totals"
            columns={['Version', 'Reason', 'Determined', 'By', 'Totals']}
            className="table--compact table--stack"
          >
            {view.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row" data-label="Version">
                  {v.version}
                  {current?.version === v.version ? (
                    <>
                      {' '}
                      <Badge tone="success">Current</Badge>
                    </>
                  ) : null}
                </th>
                <td data-label="Reason">{v.reason}</td>
                <td className="nowrap" data-label="Determined">
                  {formatInstant(v.createdAt)}
                </td>
                <td data-label="By">{v.by ?? <span className="muted">Waypoint</span>}</td>
                <td data-label="Totals">
                  <VersionTotals totals={v.totals} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="section" aria-labelledby="differences">
        <h2 id="differences">Payment differences</h2>
        <p className="hint">
          Each reassessment compares every month with what was determined before. For a month already issued (its funds go out two weekdays
          before the 1st), more is an underpayment (owed to the learner) and less an overpayment; for a month not yet issued, or held, it is
          a change in the scheduled amount. The first determination is the initial one: nothing to compare with.
        </p>
        <VersionComparison view={view} />
        <p>
          <a className="button button--secondary button--wraps" href={determinationsCsvUrl(pdc.id)} download>
            Download the determinations (CSV)
          </a>
        </p>
        <p className="hint">Every month of every version, with what each version changed, for a spreadsheet.</p>
      </section>

      <PaymentsSection pdc={pdc} />

      <section className="section" aria-labelledby="what-if">
        <h2 id="what-if">What if</h2>
        <p className="hint">
          Try other rates for this case and see the difference they would make. <strong>Nothing is saved</strong>: the rates in force do not
          change.
        </p>
        <WhatIf pdcId={pdc.id} twoAttendingMonths={sharedMonths} />
      </section>

      <LearningStreamsSection personId={pdc.personId} />
    </>
  );
}

function TwoAttendingBanner({ situation, pdcId }: { situation: TwoAttendingSituation; pdcId: string }) {
  const partner = situation.first.pdcId === pdcId ? situation.second : situation.first;
  const responsible = [situation.first, situation.second].find(
    (l) => l.coordinator?.id === situation.responsibleCoordinatorId,
  )?.coordinator;
  const coordinated = situation.status === 'coordinated';
  return (
    <section className={`panel ${coordinated ? 'panel--info' : 'panel--warning'} banner`} aria-labelledby="two-attending-banner">
      <p id="two-attending-banner" className="banner__title">
        Two attending: {labelOf(SITUATION_STATUS_LABELS, situation.status)}
      </p>
      <p>
        {fullName(partner.person)} ({partner.person.reference}), this learner's partner, also receives learner income support (
        <Link to={`/pdcs/${partner.pdcId}`} className="mono">
          {partner.pdcReference}
        </Link>
        ) for training that overlaps: {formatMonths(situation.months)}.{' '}
        {coordinated
          ? "The household's benefits are split in half between both cases in those months (E04)."
          : `The split is not applied until a coordinator confirms${responsible?.displayName ? `; ${responsible.displayName} is responsible` : ''}.`}
      </p>
      <p>
        <Link to={`/two-attending/${situation.id}`}>Open the two-attending situation</Link>
      </p>
    </section>
  );
}

const isZero = (amount: string) => /^-?0\.00$/.test(amount);

/** A version's totals: its entitlement over all months, and each kind of change it made (those not zero). */
function VersionTotals({ totals }: { totals: DeterminationVersion['totals'] }) {
  const changes = [
    ['Overpayments', totals.overpayments],
    ['Underpayments', totals.underpayments],
    ['Changes in scheduled amounts', totals.scheduledChanges],
  ].filter(([, amount]) => !isZero(amount ?? '0.00'));
  return (
    <dl className="version-totals">
      <Fact term="Entitlement">
        <MoneyText value={totals.entitlement} />
      </Fact>
      {changes.map(([label, amount]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <MoneyText value={amount} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Months held while two attending awaits confirmation: on the held case, and on the partner's case.
 * The partner's case is named (and linked) only when the reader may read the partner; otherwise the
 * server withholds it and says why.
 */
function HoldNotice({ hold, pdcId }: { hold: CaseHold; pdcId: string }) {
  const own = hold.pdcId === pdcId;
  return (
    <section className="panel panel--warning banner" aria-labelledby={`hold-${hold.situationId}`}>
      <p id={`hold-${hold.situationId}`} className="banner__title">
        {own ? 'Months held on this case' : 'Months held on the partner’s case'}: {formatMonths(hold.months)}
      </p>
      <p>
        {own ? null : (
          <>
            On{' '}
            {hold.pdcReference === null ? (
              'the partner’s case'
            ) : (
              <Link to={`/pdcs/${hold.pdcId}`} className="mono">
                {hold.pdcReference}
              </Link>
            )}{' '}
            these months are determined but not issued; this case is paid as usual.{' '}
          </>
        )}
        {hold.reason}
      </p>
      {hold.withheld ? (
        // Previewing and confirming read and change both learners: not for a reader who may not read the partner.
        <p className="note">{hold.withheld.detail}</p>
      ) : (
        <p>
          <Link to={`/two-attending/${hold.situationId}`}>Preview and confirm two attending</Link>
        </p>
      )}
    </section>
  );
}
