import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { agreementPdfUrl, getPlan } from '../api.ts';
import { PlanStatusBadge } from '../components/Badge.tsx';
import { DateText } from '../components/DateText.tsx';
import { Disclosure } from '../components/Disclosure.tsx';
import { Fact } from '../components/Fact.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { AcceptanceForm } from '../components/plan/AcceptanceForm.tsx';
import { AddSubGoalForm } from '../components/plan/AddForms.tsx';
import { ClosureDialog } from '../components/plan/ClosureDialog.tsx';
import { ClosureFacts } from '../components/plan/ClosureFacts.tsx';
import { ClosureSummary } from '../components/plan/ClosureSummary.tsx';
import { useServerToday } from '../components/plan/planHooks.ts';
import { type PlanPermissions, SubGoalSection } from '../components/plan/SubGoalSection.tsx';
import { FlashMessage, useFlash } from '../components/SuccessMessage.tsx';
import { WhyNot } from '../components/WhyNot.tsx';
import { ACCEPTANCE_METHOD_LABELS, fullName, labelOf } from '../format.ts';
import { planKey, useFocusBackWhenClosed, usePageTitle, usePlanCatalogue, useUsers } from '../hooks.ts';
import { hasAnyRole, mayOffer, useSession, whoMay } from '../session.ts';
import type { ServicePlan, User } from '../types.ts';

export function ServicePlanPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: planKey(id), queryFn: () => getPlan(id) });
  const plan = query.data;
  // The plan's reference, never the person's name: titles end up in browser history.
  usePageTitle(plan ? `Service Plan ${plan.reference}` : 'Service Plan');

  if (query.isPending) return <p role="status">Loading the Service Plan…</p>;
  if (query.isError || !plan) {
    return (
      <>
        <h1>Service Plan</h1>
        <ProblemAlert error={query.error} />
        <p>
          <Link to="/people">Find a person</Link>
        </p>
      </>
    );
  }
  return <PlanView plan={plan} />;
}

const isOfficial = (user: User) => user.roles.some((role) => role === 'authorized-official' || role === 'supervisor');

function PlanView({ plan }: { plan: ServicePlan }) {
  const location = useLocation();
  const { data: user } = useSession();
  const catalogue = usePlanCatalogue();
  const today = useServerToday(plan.person.id);
  const canReadUsers = mayOffer(user, 'user.read');
  const users = useUsers(canReadUsers);
  const { flash, say } = useFlash(
    (location.state as { created?: boolean } | null)?.created ? `Service Plan ${plan.reference} created.` : null,
  );
  const [closing, setClosing] = useState(false);
  const closeButton = useFocusBackWhenClosed(closing);

  const editable = plan.status === 'open' || plan.status === 'active';
  const userId = user?.id ?? '';
  const isSupervisor = hasAnyRole(user, 'supervisor');
  const permissions: PlanPermissions = {
    userId,
    canWrite: mayOffer(user, 'plan.write'),
    canReassign: mayOffer(user, 'item.reassign') && !!users.data,
    officials: (users.data ?? []).filter(isOfficial),
    // R03 pre-condition 3: only an accepted (active) plan funds training.
    canFund: mayOffer(user, 'pdc.create') && plan.status === 'active',
    fundingRefusals: mayOffer(user, 'pdc.create') ? plan.fundingNotAllowed.map((refusal) => refusal.detail) : [],
    coordinators: users.data ? users.data.filter((u) => u.roles.includes('learner-benefits-coordinator')) : null,
  };
  const inPlan = new Set(plan.subGoals.map((g) => g.type));
  const subGoalChoices = (catalogue.data?.subGoalTypes ?? []).filter((type) => !inPlan.has(type.code));
  const canClose = editable && mayOffer(user, 'plan.close') && (isSupervisor || plan.closureInfo.responsible.id === userId);
  const person = plan.person;
  // The server's reasons why closing today would be refused, whoever asks (open items, the hold...).
  const closeRefusals = plan.closureInfo.notAllowed.map((refusal) => refusal.detail);

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={`/people/${person.id}#plans`}>Back to {fullName(person)}</Link>
      </p>
      <FlashMessage flash={flash} />
      <div className="person-header">
        <div className="person-header__title">
          <h1>
            Service Plan <span className="mono">{plan.reference}</span>
          </h1>
          <PlanStatusBadge status={plan.status} />
        </div>
        <dl className="summary summary--inline">
          <Fact term="Person">
            <Link to={`/people/${person.id}`}>{fullName(person)}</Link> <span className="mono muted">{person.reference}</span>
          </Fact>
          <Fact term="Created">
            <DateText value={plan.createdOn} /> by {plan.createdBy.displayName}
          </Fact>
          <Fact term="Accepted">
            {plan.acceptance ? (
              <>
                <DateText value={plan.acceptance.acceptedOn} /> ({labelOf(ACCEPTANCE_METHOD_LABELS, plan.acceptance.method).toLowerCase()})
                {plan.acceptance.recordedBy.displayName ? `, recorded by ${plan.acceptance.recordedBy.displayName}` : ''}
              </>
            ) : (
              <span className="muted">Not yet accepted</span>
            )}
          </Fact>
          {plan.closure ? (
            <Fact term="Closed">
              <DateText value={plan.closure.closedOn} /> by {plan.closure.closedBy.displayName}
            </Fact>
          ) : null}
          {plan.exitedOn ? (
            <Fact term="Exited">
              <DateText value={plan.exitedOn} />
            </Fact>
          ) : null}
        </dl>
        <div className="goal">
          <p className="goal__label">Goal</p>
          <p className="goal__text">{plan.goal}</p>
        </div>
        <div className="actions no-print">
          <Link className="button button--secondary" to={`/service-plans/${plan.id}/agreement`}>
            Service agreement
          </Link>
          <a className="button button--secondary" href={agreementPdfUrl(plan.id)} download>
            Download PDF<span className="visually-hidden"> of the service agreement</span>
          </a>
        </div>
      </div>

      {plan.status === 'open' ? (
        <section className="section" aria-labelledby="agreement">
          <h2 id="agreement">Service agreement</h2>
          <p>
            The plan is being drafted. When the person agrees to it, record their acceptance: the plan becomes active. Print the{' '}
            <Link to={`/service-plans/${plan.id}/agreement`}>service agreement</Link> for them to sign.
          </p>
          {permissions.canWrite ? (
            <Disclosure label="Record acceptance…">
              {(close) => <AcceptanceForm plan={plan} today={today} onClose={close} onAccepted={say} />}
            </Disclosure>
          ) : (
            <WhyNot reasons={[`The person's acceptance is recorded by ${whoMay('plan.write')}.`]} />
          )}
        </section>
      ) : null}

      <section className="section" aria-labelledby="subgoals">
        <h2 id="subgoals">Sub-goals and plan items</h2>
        <ProblemAlert error={catalogue.error} />
        {plan.subGoals.length === 0 ? <p className="muted">No sub-goals yet. Add the first step towards the goal.</p> : null}
        {!editable ? (
          <WhyNot reasons={[`This Service Plan is ${plan.status}: its sub-goals and plan items can no longer change.`]} />
        ) : !permissions.canWrite ? (
          <WhyNot reasons={[`Sub-goals and plan items are added by ${whoMay('plan.write')}.`]} />
        ) : null}
        {plan.subGoals.map((subGoal) => (
          <SubGoalSection
            key={subGoal.id}
            plan={plan}
            subGoal={subGoal}
            catalogue={catalogue.data}
            today={today}
            permissions={permissions}
            onMessage={say}
          />
        ))}
        {editable && permissions.canWrite && catalogue.data ? (
          subGoalChoices.length ? (
            <Disclosure label="Add a sub-goal…">
              {(close) => <AddSubGoalForm plan={plan} choices={subGoalChoices} onClose={close} onAdded={say} />}
            </Disclosure>
          ) : (
            <p className="hint">Every kind of sub-goal is in this plan.</p>
          )
        ) : null}
      </section>

      <section className="section" aria-labelledby="closure">
        <h2 id="closure">Closure</h2>
        {plan.closure ? (
          <>
            <dl className="summary">
              <Fact term="Closed on">
                <DateText value={plan.closure.closedOn} />
              </Fact>
              <Fact term="Reason">
                {catalogue.data?.closureReasons.find((r) => r.code === plan.closure?.reason)?.label ?? plan.closure.reason}
              </Fact>
              {plan.closure.note ? (
                <div>
                  <dt>Note</dt>
                  <dd className="prewrap">{plan.closure.note}</dd>
                </div>
              ) : null}
              <Fact term="Closed by">{plan.closure.closedBy.displayName}</Fact>
            </dl>
            <ClosureSummary plan={plan} />
          </>
        ) : (
          <>
            <ClosureFacts plan={plan} userId={userId} />
            {canClose ? (
              <>
                <WhyNot id="close-why-not" lead="Closing today would be refused:" reasons={closeRefusals} />
                <button
                  ref={closeButton}
                  type="button"
                  className="button"
                  aria-describedby={closeRefusals.length ? 'close-why-not' : undefined}
                  onClick={() => setClosing(true)}
                >
                  Close plan…
                </button>
              </>
            ) : editable ? (
              <WhyNot
                reasons={[
                  `${plan.closureInfo.responsible.displayName} (responsible for closing) or a supervisor can close this plan.`,
                  ...closeRefusals,
                ]}
              />
            ) : (
              <WhyNot reasons={closeRefusals} />
            )}
          </>
        )}
      </section>
      {closing ? (
        <ClosureDialog
          plan={plan}
          userId={userId}
          today={today}
          onClose={() => setClosing(false)}
          onClosed={() => {
            setClosing(false);
            say(`Service Plan ${plan.reference} closed.`);
          }}
        />
      ) : null}
    </>
  );
}
