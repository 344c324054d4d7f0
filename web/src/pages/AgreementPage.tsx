import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { agreementPdfUrl, getPlan } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { DateCell, DateText } from '../components/DateText.tsx';
import { Fact } from '../components/Fact.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ACCEPTANCE_METHOD_LABELS, fullName, labelOf } from '../format.ts';
import { planKey, usePageTitle } from '../hooks.ts';

/**
 * The service agreement, laid out to be printed (R03.1 Description: "the record of mutual
 * agreement"): the goal, every sub-goal with its items, owners and dates, and either the recorded
 * acceptance or lines to sign. Printing hides the app's header and navigation (@media print).
 */
export function AgreementPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: planKey(id), queryFn: () => getPlan(id) });
  const plan = query.data;
  usePageTitle(plan ? `Service agreement ${plan.reference}` : 'Service agreement');

  if (query.isPending) return <p role="status">Loading the service agreement…</p>;
  if (query.isError || !plan) {
    return (
      <>
        <h1>Service agreement</h1>
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const { person } = plan;
  return (
    <article className="agreement" aria-labelledby="agreement-title">
      <div className="agreement__tools no-print">
        <p className="breadcrumb">
          <Link to={`/service-plans/${plan.id}`}>Back to Service Plan {plan.reference}</Link>
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
          <a className="button button--secondary" href={agreementPdfUrl(plan.id)} download>
            Download PDF<span className="visually-hidden"> of the service agreement</span>
          </a>
        </div>
      </div>

      <header className="agreement__head">
        <p className="agreement__org">Waypoint · Employment and training services</p>
        <h1 id="agreement-title">Service agreement</h1>
        <dl className="summary">
          <div>
            <dt>Service Plan</dt>
            <dd className="mono">{plan.reference}</dd>
          </div>
          <Fact term="Participant">
            {fullName(person)} <span className="mono">({person.reference})</span>
          </Fact>
          <Fact term="Date of birth">
            <DateText value={person.birthDate} />
          </Fact>
          <Fact term="Plan created">
            <DateText value={plan.createdOn} /> by {plan.createdBy.displayName}
          </Fact>
        </dl>
      </header>

      <section aria-labelledby="agreement-goal">
        <h2 id="agreement-goal">Goal</h2>
        <p className="goal__text">{plan.goal}</p>
      </section>

      <section aria-labelledby="agreement-steps">
        <h2 id="agreement-steps">What we agree to do</h2>
        {plan.subGoals.length === 0 ? <p>No sub-goals have been added yet.</p> : null}
        {plan.subGoals.map((subGoal) => (
          <section key={subGoal.id} className="agreement__subgoal" aria-labelledby={`agreement-sg-${subGoal.id}`}>
            <h3 id={`agreement-sg-${subGoal.id}`}>{subGoal.label}</h3>
            {subGoal.items.length === 0 ? (
              <p className="muted">No plan items yet.</p>
            ) : (
              <DataTable
                caption={<>Plan items under {subGoal.label}</>}
                columns={['Activity', 'Responsible official', 'Expected start', 'Expected end']}
                className="table--compact"
              >
                {subGoal.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" className="item-name">
                      {item.name}
                      {item.description ? <span className="item-description">{item.description}</span> : null}
                      {item.pdc ? <span className="item-description">Funded by learner income support ({item.pdc.reference})</span> : null}
                    </th>
                    <td>{item.owner.displayName}</td>
                    <DateCell value={item.expectedStart} />
                    <DateCell value={item.expectedEnd} />
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        ))}
      </section>

      <section aria-labelledby="agreement-acceptance" className="agreement__acceptance">
        <h2 id="agreement-acceptance">Agreement</h2>
        <p>
          This plan is the record of mutual agreement between the Government of Alberta and the participant about the activities to be
          undertaken to reach the goal above. Each activity is monitored and completed by the official responsible for it. Tell your
          official about any change to your address, phone, education or employment.
        </p>
        {plan.acceptance ? (
          <p className="agreement__accepted">
            Accepted by the participant on <DateText value={plan.acceptance.acceptedOn} /> (
            {labelOf(ACCEPTANCE_METHOD_LABELS, plan.acceptance.method).toLowerCase()})
            {plan.acceptance.recordedBy.displayName ? `, recorded by ${plan.acceptance.recordedBy.displayName}` : ''}.
          </p>
        ) : null}
        <div className="signatures">
          <SignatureLines party="Participant" name={fullName(person)} />
          <SignatureLines party="Authorized Official" />
        </div>
      </section>
    </article>
  );
}

/** Lines for one party to sign, as on the PDF: their name (printed when known), signature and date. */
function SignatureLines({ party, name }: { party: string; name?: string }) {
  return (
    <div className="signature">
      <h3>{party}</h3>
      <p className="signature__name">{name ?? ''}</p>
      <p className="signature__caption">{party}'s name</p>
      <div className="signature__row">
        <div>
          <div className="signature__line" />
          <p className="signature__caption">{party}'s signature</p>
        </div>
        <div>
          <div className="signature__line" />
          <p className="signature__caption">Date</p>
        </div>
      </div>
    </div>
  );
}
