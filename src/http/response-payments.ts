/** Response schemas of the payments routes (routes/payments.ts). */
import { z } from 'zod';
import { PaymentDifference } from './response-benefits.ts';
import { CalendarDate, Id, Instant, Int } from './response-schemas.ts';

const Money = z.string().describe('Dollars and cents, e.g. "1234.56"');

export const ApplicationRecorded = z
  .object({
    pdc: z.object({ id: Id, reference: z.string(), applicationReceivedOn: CalendarDate.nullable(), version: Int }),
    reassessed: z.object({ changed: z.boolean(), version: Int, initial: z.boolean(), differences: z.array(PaymentDifference) }),
  })
  .meta({ id: 'ApplicationRecorded' });

export const PaymentsView = z
  .object({
    pdcId: Id,
    asOf: CalendarDate.describe("The server's today: the default date on the forms."),
    applicationReceivedOn: CalendarDate.nullable(),
    recoveryRate: z.object({ basisPoints: Int, reference: z.string() }),
    payments: z.array(
      z.object({
        id: Id,
        month: z.string(),
        kind: z.enum(['issue', 'arrears']),
        kindText: z.string(),
        issueDate: CalendarDate,
        version: Int.nullable(),
        gross: Money,
        deduction: Money,
        net: Money,
      }),
    ),
    debts: z.array(
      z.object({
        id: Id,
        month: z.string(),
        amount: Money,
        outstanding: Money,
        raisedOn: CalendarDate,
        version: Int,
        agreement: z.object({
          state: z.enum(['signed', 'awaiting', 'proceed-without']),
          receivedOn: CalendarDate.nullable(),
          bringForwardOn: CalendarDate.nullable(),
        }),
        cause: z.object({
          version: Int.nullable(),
          reason: z.string(),
          determinedOn: CalendarDate.nullable(),
          differences: z.array(
            z.object({
              version: Int.nullable(),
              kind: z.enum(['overpayment', 'underpayment', 'scheduled-change']),
              difference: Money,
            }),
          ),
          evidenceIds: z.array(Id).describe("The evidence records the month's components came from"),
          evidenceVersions: z
            .array(
              z.object({
                id: Id,
                evidenceId: Id,
                number: Int,
                kind: z.enum(['original', 'correction', 'change']),
              }),
            )
            .describe('The evidence versions whose change made this determination version (applied, approved or rejected)'),
        }),
        recoveries: z.array(z.object({ id: Id, fromMonth: z.string().nullable(), amount: Money })),
        adjustments: z.array(
          z.object({
            id: Id,
            amount: Money,
            reason: z.string(),
            reversesId: Id.nullable(),
            reversed: z.boolean(),
            createdAt: Instant,
          }),
        ),
      }),
    ),
    nextIssue: z.object({ month: z.string(), issueDate: CalendarDate }).nullable(),
  })
  .meta({ id: 'PaymentsView' });

export const DebtAgreement = z.object({ id: Id, version: Int, agreementReceivedOn: CalendarDate.nullable() }).meta({ id: 'DebtAgreement' });

export const DebtAdjustment = z
  .object({
    id: Id,
    amount: Money,
    reason: z.string(),
    reversesId: Id.nullable().optional(),
  })
  .meta({ id: 'DebtAdjustment' });

export const PaymentRuns = z
  .object({
    scope: z
      .enum(['whole', 'within-reach'])
      .describe(
        'whole: every payment of each run (a Finance Officer); within-reach: only the payments to the people within your reach, as your export holds them',
      ),
    runs: z.array(
      z.object({
        issueDate: CalendarDate.describe('The date the run was issued on: its export is GET /api/payment-runs/{issueDate}/export.csv'),
        payments: Int.describe('How many payments it holds'),
        net: Money.describe('Their net total (after recoveries), in dollars and cents'),
      }),
    ),
  })
  .meta({ id: 'PaymentRuns' });
