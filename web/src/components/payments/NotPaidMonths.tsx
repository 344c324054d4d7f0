/**
 * The months of a two-attending household that one learner's case does not pay, and why (E15 late
 * applications, docs/policy/payments.md): the reconciliation counts them as the case determination
 * does, so the household is paid only the other learner's share those months.
 */
import { formatMonth } from '../../format.ts';
import type { ReconciliationMonth } from '../../types.ts';

export function NotPaidMonths({
  months,
  firstName,
  secondName,
}: {
  months: readonly ReconciliationMonth[];
  firstName: string;
  secondName: string;
}) {
  const rows = months.flatMap((m) =>
    (
      [
        [firstName, m.notPaid.first],
        [secondName, m.notPaid.second],
      ] as const
    ).flatMap(([name, reason]) => (reason ? [{ month: m.month, name, reason }] : [])),
  );
  if (rows.length === 0) return null;
  return (
    <div className="panel" role="note" aria-labelledby="not-paid-months">
      <h3 id="not-paid-months">Months a case does not pay</h3>
      <p className="hint">The household is paid only the other learner’s share in these months, so they still balance.</p>
      <ul>
        {rows.map((r) => (
          <li key={`${r.month}-${r.name}`}>
            <strong>
              {formatMonth(r.month, true)}, {r.name}:
            </strong>{' '}
            not paid. {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
