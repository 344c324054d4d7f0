/**
 * Issuing payments (docs/policy/payments.md): every night, each learner case's months whose issue
 * date (two banking days before the 1st, IS5056) has come are issued, once each, at the amount the
 * rules say, with any deduction towards recoverable debts; then each issued month is settled
 * against the determination in force (arrears for an underpayment, a debt for an overpayment).
 * Idempotent: a month is issued once per case (a unique index), so a second run, or two at once,
 * issues nothing more; and a run misses nothing whose date has come (it catches up).
 */
import { casesToIssue, issueCase } from '../app/payments.ts';
import type { Job } from './job.ts';

export const paymentIssue: Job = {
  name: 'payment-issue',
  description: 'Payments: issue every month whose issue date has come (once), with recovery deductions; settle over- and underpayments',
  schedule: '30 1 * * *',
  async run(ctx, onProgress) {
    const ids = await casesToIssue(ctx);
    const totals = { issued: 0, arrears: 0, debts: 0, recoveredCents: 0 };
    let done = 0;
    for (const id of ids) {
      const outcome = await ctx.db.transaction((tx) => issueCase(ctx, tx, id));
      totals.issued += outcome.issued;
      totals.arrears += outcome.arrears;
      totals.debts += outcome.debts;
      totals.recoveredCents += outcome.recoveredCents;
      done += 1;
      onProgress?.(done, ids.length);
    }
    return { job: this.name, examined: ids.length, outcomes: totals };
  },
};
