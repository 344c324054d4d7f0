import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listPdcsOf } from '../../api.ts';
import { fullName, labelOf, PDC_STATUS_LABELS, PROGRAM_LABELS, TRAINING_LOAD_LABELS } from '../../format.ts';
import { pdcKeys } from '../../hooks.ts';
import type { Person } from '../../types.ts';
import { Badge } from '../Badge.tsx';
import { DataTable } from '../DataTable.tsx';
import { DateText } from '../DateText.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** The person's product delivery cases (learner income support), each linking to its page. */
export function LearnerSupportSection({ person }: { person: Person }) {
  const pdcs = useQuery({ queryKey: pdcKeys.ofPerson(person.id), queryFn: () => listPdcsOf(person.id) });
  return (
    <section className="section" aria-labelledby="learner-support">
      <h2 id="learner-support">Learner income support</h2>
      {pdcs.isPending ? <p role="status">Loading learner income support cases…</p> : null}
      <ProblemAlert error={pdcs.error} />
      {pdcs.data ? (
        pdcs.data.length === 0 ? (
          <p className="muted">No learner income support case. A case is opened by funding a training item of the Service Plan.</p>
        ) : (
          <DataTable
            caption={<>Learner income support cases of {fullName(person)}, newest first</>}
            columns={['Case', 'Program', 'Status', 'Training', 'Load']}
            className="table--compact table--stack"
          >
            {pdcs.data.map((pdc) => (
              <tr key={pdc.id}>
                <td className="nowrap">
                  <Link to={`/pdcs/${pdc.id}`} className="mono">
                    {pdc.reference}
                  </Link>
                </td>
                <td data-label="Program">{labelOf(PROGRAM_LABELS, pdc.program)}</td>
                <td data-label="Status">
                  <Badge tone={pdc.status === 'active' ? 'success' : pdc.status === 'closed' ? 'neutral' : 'info'}>
                    {labelOf(PDC_STATUS_LABELS, pdc.status)}
                  </Badge>
                </td>
                <td data-label="Training">
                  <DateText value={pdc.trainingStart} /> to <DateText value={pdc.trainingEnd} />
                </td>
                <td data-label="Load">{labelOf(TRAINING_LOAD_LABELS, pdc.trainingLoad) || '—'}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </section>
  );
}
