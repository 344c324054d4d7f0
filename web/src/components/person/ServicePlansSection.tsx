import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { createPlan, getReadiness, isProblem, listPlansOf } from '../../api.ts';
import { fullName } from '../../format.ts';
import { personKeys, planKey, useRefreshPerson } from '../../hooks.ts';
import { whoMay } from '../../session.ts';
import type { Person, UnmetCondition } from '../../types.ts';
import { PlanStatusBadge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { DateCell } from '../DateText.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { WhyNot } from '../WhyNot.tsx';

/**
 * The person's Service Plans (newest first), each linking to its page, and creating one: offered
 * when the R03 pre-conditions are met and no plan is open or active; otherwise it says why not.
 */
export function ServicePlansSection({ person, canCreate }: { person: Person; canCreate: boolean }) {
  const plans = useQuery({ queryKey: personKeys.plans(person.id), queryFn: () => listPlansOf(person.id) });
  const readiness = useQuery({ queryKey: personKeys.readiness(person.id), queryFn: () => getReadiness(person.id) });
  const current = plans.data?.find((plan) => plan.status === 'open' || plan.status === 'active');
  return (
    <section className="section" aria-labelledby="plans">
      <h2 id="plans">Service Plan</h2>
      {plans.isPending ? <p role="status">Loading plans…</p> : null}
      <ProblemAlert error={plans.error} />
      {plans.data ? (
        plans.data.length === 0 ? (
          <p className="muted">No Service Plan yet.</p>
        ) : (
          <DataTable
            caption={<>Service Plans of {fullName(person)}, newest first</>}
            columns={['Plan', 'Goal', 'Status', 'Created', 'Closed']}
            className="table--compact table--stack"
          >
            {plans.data.map((plan) => (
              <tr key={plan.id}>
                <td className="nowrap">
                  <Link to={`/service-plans/${plan.id}`} className="mono">
                    {plan.reference}
                  </Link>
                </td>
                <td data-label="Goal">{plan.goal}</td>
                <td data-label="Status">
                  <PlanStatusBadge status={plan.status} />
                </td>
                <DateCell value={plan.createdOn} label="Created" />
                <DateCell value={plan.closedOn} label="Closed" />
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
      {canCreate && plans.data ? (
        current ? (
          <p className="note">
            A person has one open or active Service Plan at a time: work in{' '}
            <Link to={`/service-plans/${current.id}`}>{current.reference}</Link>, or close it before starting another.
          </p>
        ) : readiness.data ? (
          readiness.data.ready ? (
            <CreatePlan person={person} goal={readiness.data.goal ?? null} />
          ) : (
            <div className="panel panel--warning">
              <p>A Service Plan cannot be created yet. First:</p>
              <UnmetList unmet={readiness.data.unmet} />
            </div>
          )
        ) : (
          <ProblemAlert error={readiness.error} />
        )
      ) : canCreate ? null : (
        <WhyNot reasons={[`Service Plans are created by ${whoMay('plan.write')}.`]} />
      )}
    </section>
  );
}

function UnmetList({ unmet }: { unmet: UnmetCondition[] }) {
  return (
    <ul className="unmet">
      {unmet.map((item) => (
        <li key={item.condition}>
          {item.detail} <span className="rule">{item.rule}</span>
        </li>
      ))}
    </ul>
  );
}

function CreatePlan({ person, goal }: { person: Person; goal: string | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = useRefreshPerson(person.id);
  const mutation = useMutation({
    mutationFn: () => createPlan(person.id),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKey(plan.id), plan);
      refresh();
      navigate(`/service-plans/${plan.id}`, { state: { created: true } });
    },
    onError: (error) => {
      // The server knows better than this page: show its answer on fresh data.
      if (
        isProblem(error, 'PLAN_ALREADY_ACTIVE') ||
        isProblem(error, 'PLAN_ALREADY_OPEN') ||
        isProblem(error, 'SERVICE_PLAN_PRECONDITIONS_UNMET')
      )
        refresh();
    },
  });
  const unmet = isProblem(mutation.error, 'SERVICE_PLAN_PRECONDITIONS_UNMET')
    ? ((mutation.error.problem.unmet as UnmetCondition[] | undefined) ?? [])
    : [];
  return (
    <div className="create-plan">
      {unmet.length ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">The Service Plan was not created</p>
          <p>It needs first:</p>
          <UnmetList unmet={unmet} />
        </div>
      ) : (
        <ProblemAlert error={mutation.error} />
      )}
      {goal ? (
        <p>
          The pre-conditions are met. The plan's goal comes from the Primary Need: <strong>{goal}</strong>.
        </p>
      ) : null}
      <button type="button" className="button" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create Service Plan'}
      </button>
    </div>
  );
}
