import { useQuery } from '@tanstack/react-query';
import { getAuditChainStatus } from '../../api.ts';
import { formatInstant } from '../../format.ts';
import { Fact } from '../Fact.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** The audit chain's verification: read-only, as `waypoint audit verify` (docs/audit-integrity.md). */
export function ChainStatus() {
  const status = useQuery({ queryKey: ['audit', 'chain'], queryFn: getAuditChainStatus });
  const s = status.data;
  return (
    <section aria-labelledby="chain-heading" className="card">
      <h2 id="chain-heading">Is the audit trail intact?</h2>
      {status.isPending ? <p role="status">Checking the audit chain…</p> : null}
      <ProblemAlert error={status.error} />
      {s ? (
        <>
          <p className={!s.ok ? 'alert alert--error' : s.sealed > 0 ? 'alert alert--success' : 'alert alert--warning'}>
            {!s.ok
              ? `No. The check found ${s.problemCount === 1 ? '1 problem' : `${s.problemCount} problems`}.`
              : s.sealed > 0
                ? 'Yes. Every sealed event checks out against the chain and its signed checkpoints.'
                : 'Nothing is sealed yet, so nothing can be checked. Events are checked once they are sealed.'}
          </p>
          <dl className="summary">
            <Fact term="Last sealed event">
              {s.lastSealed ? (
                <>
                  Event {s.lastSealed.seq} (chain position {s.lastSealed.chainIndex}), {formatInstant(s.lastSealed.at)}
                </>
              ) : (
                'None sealed yet'
              )}
            </Fact>
            <Fact term="Signed checkpoints">
              {s.checkpoints === 0 ? 'None' : `${s.checkpoints}, the newest covering ${s.checkpointedSize} events`}
            </Fact>
            <Fact term="Events">
              {s.events} in all, {s.sealed} sealed, {s.pending} waiting to be sealed
            </Fact>
          </dl>
          {s.problems.length ? (
            <ul className="audit-problems">
              {s.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
