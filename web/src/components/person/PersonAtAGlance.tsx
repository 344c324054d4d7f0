import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listMyFirstTasks, listPdcsOf, listPlansOf } from '../../api.ts';
import { labelOf, PDC_STATUS_LABELS } from '../../format.ts';
import { pdcKeys, personKeys, taskKeys } from '../../hooks.ts';
import { mayOffer, useSession } from '../../session.ts';
import type { Person } from '../../types.ts';
import { Badge, PlanStatusBadge } from '../Badge.tsx';
import { Fact } from '../Fact.tsx';

/**
 * The person's file at a glance, under their name: the open Integrated Case, the current Service
 * Plan and its status, learner income support, and my open tasks about them. It reads what the
 * sections below load (the same queries, fetched once), so it costs no extra request but the tasks.
 */
export function PersonAtAGlance({ person }: { person: Person }) {
  const { data: user } = useSession();
  const plans = useQuery({ queryKey: personKeys.plans(person.id), queryFn: () => listPlansOf(person.id) });
  const pdcs = useQuery({ queryKey: pdcKeys.ofPerson(person.id), queryFn: () => listPdcsOf(person.id) });
  const showTasks = mayOffer(user, 'task.read');
  // My open tasks (the first 200, soonest due first): those about this person are counted here.
  const tasks = useQuery({ queryKey: [...taskKeys.list, 'mine-first'], queryFn: () => listMyFirstTasks(200), enabled: showTasks });
  const openCase = person.cases.find((c) => c.status === 'open');
  // The current plan (open or active), else the latest one.
  const plan = plans.data?.find((p) => p.status === 'open' || p.status === 'active') ?? plans.data?.[0];
  const activeSupport = pdcs.data?.filter((pdc) => pdc.status !== 'closed') ?? [];
  const myTasks = tasks.data?.filter((task) => task.person?.id === person.id) ?? [];

  return (
    <dl className="summary summary--glance">
      <Fact term="Integrated Case">
        {openCase ? (
          <>
            <span className="mono">{openCase.reference}</span> <Badge tone="success">Open</Badge>
          </>
        ) : (
          <a href="#case">None open</a>
        )}
      </Fact>
      <Fact term="Service Plan">
        {plans.isPending ? (
          '…'
        ) : plan ? (
          <>
            <Link to={`/service-plans/${plan.id}`} className="mono">
              {plan.reference}
            </Link>{' '}
            <PlanStatusBadge status={plan.status} />
          </>
        ) : (
          'No plan yet'
        )}
      </Fact>
      <Fact term="Learner income support">
        {pdcs.isPending
          ? '…'
          : activeSupport.length > 0
            ? activeSupport.map((pdc) => (
                <span key={pdc.id} className="glance__item">
                  <Link to={`/pdcs/${pdc.id}`} className="mono">
                    {pdc.reference}
                  </Link>{' '}
                  <Badge tone={pdc.status === 'active' ? 'success' : 'info'}>{labelOf(PDC_STATUS_LABELS, pdc.status)}</Badge>
                </span>
              ))
            : 'None'}
      </Fact>
      {showTasks ? (
        <Fact term="My open tasks">
          {tasks.isPending ? (
            '…'
          ) : myTasks.length === 0 ? (
            'None about this person'
          ) : (
            <Link to="/worklist">{myTasks.length === 1 ? '1 open task' : `${myTasks.length} open tasks`}</Link>
          )}
        </Fact>
      ) : null}
    </dl>
  );
}
