/** Response schemas of the payments routes (routes/payments.ts). */
import { z } from 'zod';
import { PaymentDifference } from './response-benefits.ts';

const Money = z.string().describe('Dollars and cents, e.g. "1234.56"');

export const ApplicationRecorded = z
  .object({
    pdc: z.object({ id: z.string(), reference: z.string(), applicationReceivedOn: z.string().nullable(), version: z.number() }),
    reassessed: z.object({ changed: z.boolean(), version: z.number(), initial: z.boolean(), differences: z.array(PaymentDifference) }),
  })
  .meta({ id: 'ApplicationRecorded' });

export const PaymentsView = z
  .object({
    pdcId: z.string(),
    asOf: z.string().describe("The server's today: the default date on the forms."),
    applicationReceivedOn: z.string().nullable(),
    recoveryRate: z.object({ basisPoints: z.number(), reference: z.string() }),
    payments: z.array(
      z.object({
        id: z.string(),
        month: z.string(),
        kind: z.enum(['issue', 'arrears']),
        kindText: z.string(),
        issueDate: z.string(),
        version: z.number().nullable(),
        gross: Money,
        deduction: Money,
        net: Money,
      }),
    ),
    debts: z.array(
      z.object({
        id: z.string(),
        month: z.string(),
        amount: Money,
        outstanding: Money,
        raisedOn: z.string(),
        version: z.number(),
        agreement: z.object({
          state: z.enum(['signed', 'awaiting', 'proceed-without']),
          receivedOn: z.string().nullable(),
          bringForwardOn: z.string().nullable(),
        }),
        cause: z.object({
          version: z.number().nullable(),
          reason: z.string(),
          determinedOn: z.string().nullable(),
          differences: z.array(
            z.object({
              version: z.number().nullable(),
              kind: z.enum(['overpayment', 'underpayment', 'scheduled-change']),
              difference: Money,
            }),
          ),
          evidenceIds: z.array(z.string()).describe("The evidence records the month's components came from"),
          evidenceVersions: z
            .array(
              z.object({
                id: z.string(),
                evidenceId: z.string(),
                number: z.number(),
                kind: z.enum(['original', 'correction', 'change']),
              }),
            )
            .describe('The evidence versions whose change made this determination version (applied, approved or rejected)'),
        }),
        recoveries: z.array(z.object({ id: z.string(), fromMonth: z.string().nullable(), amount: Money })),
        adjustments: z.array(
          z.object({
            id: z.string(),
            amount: Money,
            reason: z.string(),
            reversesId: z.string().nullable(),
            reversed: z.boolean(),
            createdAt: z.string(),
          }),
        ),
      }),
    ),
    nextIssue: z.object({ month: z.string(), issueDate: z.string() }).nullable(),
  })
  .meta({ id: 'PaymentsView' });

export const DebtAgreement = z
  .object({ id: z.string(), version: z.number(), agreementReceivedOn: z.string().nullable() })
  .meta({ id: 'DebtAgreement' });

export const DebtAdjustment = z
  .object({
    id: z.string(),
    amount: Money,
    reason: z.string(),
    reversesId: z.string().nullable().optional(),
  })
  .meta({ id: 'DebtAdjustment' });
