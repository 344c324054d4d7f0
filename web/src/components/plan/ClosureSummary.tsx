import type { PlanItem, ServicePlan } from '../../types.ts';
import { DateText } from '../DateText.tsx';

/** What the plan achieved: attained, not attained (with good cause), cancelled. */
export function ClosureSummary({ plan }: { plan: ServicePlan }) {
  const { attained, notAttained, cancelled } = plan.closureInfo.summary;
  return (
    <section className="closure-summary" aria-labelledby="closure-summary">
      <h3 id="closure-summary">Closure summary</h3>
      <div className="summary-columns">
        <Group title="Attained" items={attained} empty="None" />
        <Group title="Not attained" items={notAttained} empty="None" reasons />
        <Group title="Cancelled" items={cancelled} empty="None" />
      </div>
    </section>
  );
}

function Group({ title, items, empty, reasons = false }: { title: string; items: PlanItem[]; empty: string; reasons?: boolean }) {
  return (
    <div className="summary-group">
      <h4>
        {title} <span className="count">({items.length})</span>
      </h4>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <strong>{item.name}</strong>, {item.owner.displayName}
              {item.actualEnd ? (
                <>
                  , ended <DateText value={item.actualEnd} />
                </>
              ) : null}
              {reasons ? (
                <span className="good-cause">{item.goodCauseReason ? `Good cause: ${item.goodCauseReason}` : 'No good cause given'}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
