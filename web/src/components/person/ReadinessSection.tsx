import { useQuery } from '@tanstack/react-query';
import { getReadiness } from '../../api.ts';
import { personKeys, useNeeds } from '../../hooks.ts';
import { Badge } from '../Badge.tsx';
import { Fact } from '../Fact.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** Whether a Service Plan can be started (R03 pre-conditions), exactly as the server decides it. */
export function ReadinessSection({ personId }: { personId: string }) {
  const query = useQuery({ queryKey: personKeys.readiness(personId), queryFn: () => getReadiness(personId) });
  const needs = useNeeds();
  const readiness = query.data;
  const primary = readiness?.primaryNeed ? needs.data?.find((need) => need.code === readiness.primaryNeed) : undefined;
  return (
    <section className="section" aria-labelledby="readiness">
      <h2 id="readiness">Service Plan readiness</h2>
      {query.isPending ? <p role="status">Checking…</p> : null}
      <ProblemAlert error={query.error} />
      {readiness ? (
        readiness.ready ? (
          <div className="panel panel--success">
            <p>
              <Badge tone="success">Ready</Badge> All pre-conditions for a Service Plan are met.
            </p>
            {readiness.primaryNeed ? (
              <dl className="summary">
                <Fact term="Primary Need">{primary?.label ?? readiness.primaryNeed}</Fact>
                <Fact term="Plan goal">{readiness.goal ?? primary?.goal ?? '—'}</Fact>
              </dl>
            ) : null}
          </div>
        ) : (
          <div className="panel panel--warning">
            <p>
              <Badge tone="warning">Not ready</Badge> Before a Service Plan can be started:
            </p>
            <ul className="unmet">
              {readiness.unmet.map((item) => (
                <li key={item.condition}>
                  {item.detail} <span className="rule">{item.rule}</span>
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </section>
  );
}
