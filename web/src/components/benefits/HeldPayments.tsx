/**
 * For the worklist: months held while a two-attending situation awaits confirmation, on cases the
 * signed-in coordinator coordinates (either learner's), with the reason and a way to the situation,
 * where it can be previewed and confirmed. A supervisor sees every hold the server lists: those of
 * households whose two learners they may read.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listHolds } from '../../api.ts';
import { formatMonths } from '../../format.ts';
import { twoAttendingKeys } from '../../hooks.ts';
import { hasAnyRole } from '../../session.ts';
import type { User } from '../../types.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';

export function HeldPayments({ user }: { user: User | null }) {
  const query = useQuery({ queryKey: [...twoAttendingKeys.all, 'holds'], queryFn: listHolds, refetchInterval: 60_000 });
  const everyone = hasAnyRole(user, 'supervisor');
  const holds = (query.data ?? []).filter((h) => everyone || (user !== null && h.coordinatorIds.includes(user.id)));
  if (!query.isError && holds.length === 0) return null;
  return (
    <section aria-labelledby="held-heading" className="section">
      <h2 id="held-heading">Held payments</h2>
      <ProblemAlert error={query.error} />
      <p className="hint">
        Held so that no household is paid twice: confirm two attending (after its preview) to release them with the split.
      </p>
      <ul className="held-list">
        {holds.map((h) => (
          <li key={h.situationId} className="held-list__item">
            <p className="held-list__title">
              <span className="mono">{h.pdcReference}</span> (<span className="mono">{h.personReference}</span>): {formatMonths(h.months)}{' '}
              held
            </p>
            <p className="item-description">{h.reason}</p>
            <p>
              <Link to={`/two-attending/${h.situationId}`}>
                Open the two-attending situation
                <span className="visually-hidden">
                  : {h.pdcReference} and {h.partnerPdcReference}
                </span>
              </Link>{' '}
              ·{' '}
              <Link to={`/pdcs/${h.pdcId}`}>
                Open the held case<span className="visually-hidden"> {h.pdcReference}</span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
