/**
 * The preview of an action that re-determines several cases at once (confirming two attending,
 * changing training dates): for each case, its totals, what would change month by month (each an
 * over- or underpayment or a change in the scheduled amount) and the months it would determine.
 * Nothing is saved.
 */
import type { CasePreview } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DeterminationTable } from './DeterminationTable.tsx';
import { DifferencesTable } from './DifferencesTable.tsx';
import { MoneyText } from './MoneyText.tsx';
import { TotalsList } from './TotalsList.tsx';

interface Props {
  /** Unique on the page: prefixes ids. */
  id: string;
  cases: CasePreview[];
  /** Two-attending months to highlight per case, if any. */
  twoAttendingMonths?: readonly string[];
  /** The level of each case's heading, under the preview's own. */
  headingLevel?: 4 | 5;
}

export function CasePreviews({ id, cases, twoAttendingMonths = [], headingLevel = 4 }: Props) {
  const Heading = headingLevel === 4 ? 'h4' : 'h5';
  return (
    <div className="case-previews">
      {cases.map((c) => (
        <section key={c.pdcId} className="case-preview" aria-labelledby={`${id}-${c.pdcId}`}>
          <Heading id={`${id}-${c.pdcId}`} className="case-preview__title">
            <span className="mono">{c.pdcReference}</span> {c.initial ? <Badge tone="info">Initial determination</Badge> : null}
          </Heading>
          <p className="hint">
            {c.initial
              ? 'The case has no determination yet: this would be its first, so there is nothing to compare it with.'
              : `Compared with determination version ${c.basedOnVersion}.`}{' '}
            Entitlement over all months: <MoneyText value={c.totals.entitlement} />.
          </p>
          {c.initial ? null : (
            <>
              <TotalsList totals={c.totals} />
              {c.differences.length ? <p className="case-preview__subtitle">What would change, month by month</p> : null}
              <DifferencesTable
                differences={c.differences}
                caption={`What would change on ${c.pdcReference}, month by month`}
                hiddenCaption
                empty="No month’s entitlement would change."
              />
            </>
          )}
          <DeterminationTable
            id={`${id}-${c.pdcId}-months`}
            months={c.months}
            caption={`${c.pdcReference} after the change`}
            twoAttendingMonths={twoAttendingMonths}
          />
        </section>
      ))}
    </div>
  );
}
