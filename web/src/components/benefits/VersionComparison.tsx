/**
 * What each determination version changed, compared month by month with the version before it,
 * and why (the reason the version was made), newest first; above it, the case's totals over every
 * reassessment: over- and underpayments for issued months, changes in scheduled amounts otherwise
 * (docs/policy/issued-months.md).
 */
import { formatDate } from '../../format.ts';
import type { PdcView } from '../../types.ts';
import { DifferencesTable } from './DifferencesTable.tsx';
import { TotalsList } from './TotalsList.tsx';

export function VersionComparison({ view }: { view: PdcView }) {
  const changed = view.versions.filter((v) => view.differences.some((d) => d.version === v.version));
  if (changed.length === 0) return <p className="muted">None: no reassessment has changed a month’s entitlement.</p>;
  return (
    <>
      <h3 id="differences-totals">All reassessments of this case</h3>
      <TotalsList totals={view.changeTotals} />
      {changed.map((v) => (
        <section key={v.version} className="version-change" aria-labelledby={`version-change-${v.version}`}>
          <h3 id={`version-change-${v.version}`}>
            Version {v.version} compared with version {v.version - 1}
          </h3>
          <p className="version-change__why">
            <span className="muted">Why: </span>
            {v.reason} <span className="muted">(determined {formatDate(v.determinedOn)})</span>
          </p>
          <DifferencesTable
            differences={view.differences.filter((d) => d.version === v.version)}
            caption={`Months version ${v.version} changed`}
            hiddenCaption
          />
        </section>
      ))}
    </>
  );
}
