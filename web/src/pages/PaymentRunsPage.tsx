import { useQuery } from '@tanstack/react-query';
import { listPaymentRuns, paymentRunCsvUrl } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { formatDate, formatMoney } from '../format.ts';
import { usePageTitle } from '../hooks.ts';
import { mayOffer, useSession } from '../session.ts';

/** The runs the page lists: the most the server answers (a run a month is eight years). */
const RUNS_SHOWN = 100;

/**
 * Payment runs (docs/policy/payments.md): the dates payments were issued on, newest first, with
 * how many payments and their net total, each exported as CSV. A Finance Officer sees and exports
 * whole runs, the files sent to issue them; a specialist or supervisor, the payments to the people
 * within their reach, and the page says so.
 */
export function PaymentRunsPage() {
  usePageTitle('Payment runs');
  const { data: user } = useSession();
  const whole = mayOffer(user, 'payment.export-whole-run');
  const runs = useQuery({ queryKey: ['payment-runs', RUNS_SHOWN], queryFn: () => listPaymentRuns(RUNS_SHOWN) });
  return (
    <>
      <h1>Payment runs</h1>
      <p className="lead">
        {whole
          ? 'The payments issued on each date, newest first. Choose a date to export its run as CSV, the file to send for issue: the whole run, every payment to every learner.'
          : 'The payments issued on each date to the people within your reach, newest first. Choose a date to export them as CSV: your export holds only those; a Finance Officer exports the whole run.'}
      </p>
      {runs.isPending ? <p role="status">Loading payment runs…</p> : null}
      <ProblemAlert error={runs.error} />
      {runs.data ? (
        runs.data.runs.length === 0 ? (
          <p className="empty">
            {whole ? 'No payments have been issued yet.' : 'No payments have been issued to the people within your reach.'}
          </p>
        ) : (
          <DataTable
            caption={whole ? 'Payment runs, newest first' : 'Payment runs to the people within your reach, newest first'}
            className="table--compact"
            columns={['Issue date', { label: 'Payments', className: 'num' }, { label: 'Net paid', className: 'num' }]}
          >
            {runs.data.runs.map((run) => (
              <tr key={run.issueDate}>
                <td>
                  <a href={paymentRunCsvUrl(run.issueDate)} download>
                    {formatDate(run.issueDate)}
                    <span className="visually-hidden"> (export as CSV)</span>
                  </a>
                </td>
                <td className="num">{run.payments}</td>
                <td className="num">{formatMoney(run.net)}</td>
              </tr>
            ))}
          </DataTable>
        )
      ) : null}
    </>
  );
}
