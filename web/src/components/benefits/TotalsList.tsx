/** The totals of a determination version or a preview, by kind of change (docs/policy/issued-months.md). */
import type { ChangeTotals } from '../../types.ts';
import { Fact } from '../Fact.tsx';
import { MoneyText } from './MoneyText.tsx';

export function TotalsList({ totals }: { totals: Omit<ChangeTotals, 'entitlement'> }) {
  return (
    <dl className="summary summary--inline totals">
      <Fact term="Overpayments">
        <MoneyText value={totals.overpayments} />
      </Fact>
      <Fact term="Underpayments">
        <MoneyText value={totals.underpayments} />
      </Fact>
      <Fact term="Changes in scheduled amounts">
        <MoneyText value={totals.scheduledChanges} />
      </Fact>
    </dl>
  );
}
