import type { ServicePlan } from '../../types.ts';
import { DateText } from '../DateText.tsx';
import { Fact } from '../Fact.tsx';

/** The facts closing a plan depends on (R03 rules 6-7, R03.2). */
export function ClosureFacts({ plan, userId, detailed = false }: { plan: ServicePlan; userId: string; detailed?: boolean }) {
  const info = plan.closureInfo;
  return (
    <dl className={detailed ? 'summary closure-facts' : 'summary'}>
      <Fact term="Responsible for closing">
        {info.responsible.displayName}
        {info.responsible.id === userId ? ' (you)' : ''}
      </Fact>
      <Fact term="Plan items without an outcome">{info.openItems === 0 ? 'None' : info.openItems}</Fact>
      <Fact term="Funded training hold">
        {info.heldUntil ? (
          <>
            Cannot close before <DateText value={info.heldUntil} />
            {detailed ? " (18 months after the funded training's expected end)" : null}
          </>
        ) : detailed ? (
          'None: no funded training'
        ) : (
          'None'
        )}
      </Fact>
      <Fact term="Last contact">
        <DateText value={info.lastContact} empty="None recorded" />
      </Fact>
    </dl>
  );
}
