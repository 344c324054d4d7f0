/** The totals of a determination version or a preview, by kind of change (docs/policy/issued-months.md). */
import type { ChangeTotals } from '../../types.ts';
import { MoneyText } from './MoneyText.tsx';

export function TotalsList({ totals }: { totals: ChangeTotals }) {
  return (
    <dl className="summary summary--inline totals">
      <div>
        <dt>Overpayments</dt>
        <dd>
          <MoneyText value={totals.overpayments} />
        </dd>
      </div>
      <div>
        <dt>Underpayments</dt>
        <dd>
          <MoneyText value={totals.underpayments} />
        </dd>
      </div>
      <div>
        <dt>Changes in scheduled amounts</dt>
        <dd>
          <MoneyText value={totals.scheduledChanges} />
        </dd>
      </div>
    </dl>
  );
}
