/**
 * What the learner benefits API answers: cases, evidence, determinations and their previews,
 * reassessments, two attending (E04) and the household calculator. Money is a decimal string in
 * dollars ("646.00", "-323.00") exactly as the server computed it. See response-schemas.ts.
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, Int, storedJson, textOneOf, Withheld } from './response-schemas.ts';

const Money = z.string().meta({ id: 'Money', description: 'Dollars as a decimal string with two decimals ("646.00", "-323.00")' });

export const PdcSummary = z
  .object({
    id: Id,
    reference: z.string(),
    program: z.string(),
    status: z.string(),
    trainingStart: CalendarDate.nullable(),
    trainingEnd: CalendarDate.nullable(),
    trainingLoad: z.string().nullable(),
    planItemId: Id.nullable(),
  })
  .meta({ id: 'PdcSummary' });

/** One part of a month's determination, explaining itself (its rule and source). */
export const BenefitComponent = z
  .object({
    code: z.string(),
    kind: z
      .enum(['need', 'resource'])
      .optional()
      .describe('Stored determinations say whether it is a need or a resource; the calculator does not.'),
    amount: Money,
    adjusts: z.string().optional().describe('For an adjustment, the benefit it adjusts.'),
    rule: z.string(),
    source: z.string(),
    evidenceId: Id.optional(),
  })
  .meta({ id: 'BenefitComponent' });
export const DeterminationMonth = z
  .object({
    month: z.string().describe('YYYY-MM'),
    components: storedJson(z.array(BenefitComponent)),
    needs: Money,
    countableResources: Money,
    entitlement: Money,
    held: z.boolean().describe('Held while two attending awaits confirmation: determined, not issued.'),
    holdReason: z
      .string()
      .nullable()
      .describe('Why the month is held; on a learner case whose partner you may not read, their case is named as "the partner\'s case".'),
  })
  .meta({ id: 'DeterminationMonth' });
export const PaymentDifference = z
  .object({
    month: z.string(),
    previous: Money,
    next: Money,
    difference: Money,
    kind: z.enum(['overpayment', 'underpayment', 'scheduled-change']),
  })
  .meta({
    id: 'PaymentDifference',
    description: 'docs/policy/issued-months.md: over/underpayments only for issued months; otherwise a change in the scheduled amount.',
  });
export const ChangeTotals = z
  .object({ entitlement: Money, overpayments: Money, underpayments: Money, scheduledChanges: Money })
  .meta({ id: 'ChangeTotals' });
export const PaymentHold = z
  .object({
    situationId: Id,
    pdcId: Id,
    pdcReference: z.string(),
    personId: Id,
    personReference: z.string(),
    partnerPdcId: Id,
    partnerPdcReference: z.string(),
    months: z.array(z.string()),
    reason: z.string(),
    coordinatorIds: z.array(Id),
  })
  .meta({ id: 'PaymentHold' });
/**
 * A hold as a learner case shows it (GET /api/pdcs/:id): the partner's references only to a reader who
 * may read the partner (docs/access-control.md "Lists"); otherwise null, with `withheld`.
 */
export const CaseHold = PaymentHold.extend({
  pdcReference: z.string().nullable().describe("The held case's reference; null when it is the partner's and the partner is withheld."),
  personReference: z.string().nullable().describe("The held case's person; null when they are the partner and withheld."),
  partnerPdcReference: z
    .string()
    .nullable()
    .describe("The other case's reference; null when it is the partner's and the partner is withheld."),
  reason: z.string().describe('Why the months are held; a withheld partner\'s case is named as "the partner\'s case".'),
  withheld: Withheld.optional().describe(
    "Present when the partner is a person you may not read (outside your reach, or above your clearance): the partner's references are withheld (null) and this says why. The hold is shown all the same.",
  ),
}).meta({ id: 'CaseHold' });

export const PdcView = z
  .object({
    pdc: z.object({
      id: Id,
      reference: z.string(),
      status: z.string(),
      personId: Id,
      trainingStart: CalendarDate.nullable(),
      trainingEnd: CalendarDate.nullable(),
      trainingLoad: z.string().nullable(),
      applicationReceivedOn: CalendarDate.nullable().describe('E15: the date the application was received; paid from that month.'),
      version: Int,
    }),
    current: z.object({ version: Int, reason: z.string(), createdAt: Instant, months: z.array(DeterminationMonth) }).nullable(),
    versions: z.array(
      z.object({
        version: Int,
        reason: z.string(),
        determinedOn: CalendarDate,
        createdAt: Instant,
        by: z.string().nullable(),
        totals: ChangeTotals,
      }),
    ),
    differences: z.array(
      PaymentDifference.extend({ determinationId: Id, version: Int.describe('The determination version that made it.') }),
    ),
    changeTotals: ChangeTotals.omit({ entitlement: true }).describe(
      'Every version’s over- and underpayments and scheduled changes, added up.',
    ),
    holds: z
      .array(CaseHold)
      .describe(
        "Holds on this case or its partner's (both cases show them); the partner's references only when you may read the partner (each shown is an access-logged two-attending read of them).",
      ),
  })
  .meta({ id: 'PdcView' });

export const DeterminationPreview = z
  .object({
    months: z.array(DeterminationMonth),
    differences: z.array(PaymentDifference),
    basedOnVersion: Int.nullable(),
    initial: z.boolean().describe('A first determination: nothing to compare with.'),
    totals: ChangeTotals,
  })
  .meta({ id: 'DeterminationPreview' });
/** One case as an action would determine it (nothing saved). */
export const CasePreview = DeterminationPreview.extend({ pdcId: Id, pdcReference: z.string() }).meta({ id: 'CasePreview' });

export const Reassessment = z
  .object({ changed: z.boolean(), initial: z.boolean(), version: Int, differences: z.array(PaymentDifference) })
  .meta({ id: 'Reassessment' });
export const HouseholdReassessment = Reassessment.extend({ partner: Reassessment.extend({ pdcId: Id }).nullable() }).meta({
  id: 'HouseholdReassessment',
});

export const EvidenceVersion = z
  .object({
    id: Id,
    number: Int,
    kind: z.enum(['original', 'correction', 'change']),
    correctsVersionId: Id.nullable(),
    subtype: z.string().nullable(),
    person: z.object({ id: Id, name: z.string() }).nullable(),
    amount: Money.nullable(),
    periodStart: CalendarDate,
    periodEnd: CalendarDate.nullable(),
    note: z.string(),
    status: z.enum(['in-edit', 'active', 'superseded', 'cancelled']),
    approval: z.enum(['not-required', 'pending', 'approved', 'rejected']),
    approvalReason: z.string().nullable(),
    createdBy: z.string(),
    createdAt: Instant,
    version: Int,
  })
  .meta({ id: 'EvidenceVersion' });
export const EvidenceRecord = z
  .object({ id: Id, type: z.string(), label: z.string(), versions: storedJson(z.array(EvidenceVersion)) })
  .meta({ id: 'EvidenceRecord' });
export const EvidenceSaved = z.object({ evidenceId: Id, versionId: Id }).meta({ id: 'EvidenceSaved' });
export const EvidenceType = z
  .object({
    code: z.string(),
    label: z.string(),
    role: z.enum(['need', 'resource', 'fact']),
    basis: z.enum(['monthly', 'period-total', 'point-in-time', 'none']).describe('How the amount counts'),
    subtypes: z.array(z.string()).readonly(),
    subtypeRequired: z.boolean(),
    signed: z.boolean().describe('May be negative (a Director Approval adjustment).'),
    personRequired: z.boolean(),
    rule: z.string(),
  })
  .meta({ id: 'EvidenceType' });

const TrainingDates = z.object({
  id: Id,
  reference: z.string(),
  trainingStart: CalendarDate.nullable(),
  trainingEnd: CalendarDate.nullable(),
  version: Int,
});
const TrainingReassessment = z.object({
  changed: z.boolean(),
  version: Int,
  differences: z.array(PaymentDifference.extend({ version: Int })),
});
export const TrainingChange = z
  .object({ pdc: TrainingDates, reassessed: TrainingReassessment, partner: TrainingReassessment.extend({ pdcId: Id }).nullable() })
  .meta({ id: 'TrainingChange' });
export const TrainingPreview = z
  .object({
    pdc: TrainingDates,
    cases: z.array(CasePreview),
    /** The learner rules the change would meet (R08, duration caps, plan limit), in words; empty when it passes. */
    learnerRules: z.array(z.object({ code: z.string(), detail: z.string() })),
  })
  .meta({ id: 'TrainingPreview' });

// Two attending (E04)
const SituationLearner = z.object({
  pdcId: Id,
  pdcReference: z.string(),
  person: z.object({ id: Id, reference: z.string(), givenName: z.string(), familyName: z.string() }),
  trainingStart: CalendarDate.nullable(),
  trainingEnd: CalendarDate.nullable(),
  coordinator: z.object({ id: Id, displayName: z.string().nullable() }).nullable(),
});
export const TwoAttendingSituation = z
  .object({
    id: Id,
    status: textOneOf(['detected', 'coordinated', 'ended']),
    months: z.array(z.string()),
    first: SituationLearner,
    second: SituationLearner,
    responsibleCoordinatorId: Id.nullable(),
    detectedAt: Instant,
    confirmedAt: Instant.nullable(),
    version: Int,
  })
  .meta({ id: 'TwoAttendingSituation' });
export const ConfirmationPreview = z
  .object({ situation: TwoAttendingSituation, cases: z.array(CasePreview) })
  .meta({ id: 'ConfirmationPreview' });
export const SituationConfirmed = z
  .object({ situation: TwoAttendingSituation, reassessed: z.object({ first: Reassessment, second: Reassessment }) })
  .meta({ id: 'SituationConfirmed' });
const Split = z.object({
  first: Money.nullable().describe("The first learner's amount; null while that case has no determination (see notDetermined)"),
  second: Money.nullable().describe("The second learner's amount; null while that case has no determination (see notDetermined)"),
  household: Money,
});
export const Reconciliation = z
  .object({
    situation: TwoAttendingSituation,
    coordinated: z.boolean(),
    notDetermined: z
      .object({ first: z.string().nullable(), second: z.string().nullable() })
      .describe("Why a learner's case has no amounts yet (no determination); null once it is determined"),
    months: z.array(
      z.object({
        month: z.string(),
        twoAttending: z.boolean(),
        benefits: z.array(Split.extend({ code: z.string() })),
        entitlement: Split.describe("Each case's entitlement as paid, and the household's as paid (E15 late applications applied)"),
        balanced: z.boolean(),
        notPaid: z
          .object({ first: z.string().nullable(), second: z.string().nullable() })
          .describe("Why a learner's case pays nothing this month (an application received later, E15); null when it pays"),
      }),
    ),
    balanced: z.boolean(),
  })
  .meta({ id: 'Reconciliation' });

// The household calculator (docs/scenarios.md)
export const SimulationResult = z
  .object({
    asOf: CalendarDate,
    learners: z.array(
      z.object({
        person: z.string(),
        evidence: z.array(
          z.object({
            type: z.string(),
            subtype: z.string().optional(),
            evidence: Int,
            amount: Money.nullable(),
            rule: z.string(),
            status: z.enum(['applied', 'waiting']),
          }),
        ),
        months: z.array(
          z.object({
            month: z.string(),
            components: z.array(BenefitComponent),
            needs: Money,
            countableResources: Money,
            entitlement: Money,
          }),
        ),
      }),
    ),
    twoAttending: z.object({ people: z.array(z.string()), months: z.array(z.string()).readonly() }).optional(),
    household: z.object({
      months: z.array(
        z.object({
          month: z.string(),
          entitlement: Money,
          byCode: z.record(z.string(), z.record(z.string(), Money)),
          balanced: z.boolean(),
        }),
      ),
    }),
  })
  .meta({ id: 'SimulationResult' });
