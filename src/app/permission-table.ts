/**
 * The permission table (data only): which roles hold each permission. The server checks it in every
 * use case (app/permissions.ts); the web imports this same table to offer only what a role may do, so
 * there is one list. Kept free of imports with effects so the browser bundle can share it.
 */
import type { Role } from './roles.ts';

const CASEWORK: readonly Role[] = ['authorized-official', 'learner-benefits-coordinator', 'supervisor'];
const READERS: readonly Role[] = [...CASEWORK, 'learner-benefit-specialist', 'auditor'];

export const PERMISSIONS = {
  'person.read': READERS,
  'person.register': CASEWORK,
  'person.update': CASEWORK,
  'relationship.write': CASEWORK,
  'case.read': READERS,
  'case.open': ['authorized-official', 'supervisor'],
  'case.close': ['authorized-official', 'supervisor'],
  'case.reopen': ['authorized-official', 'supervisor'],
  'assessment.write': ['authorized-official', 'supervisor'],
  'audit.read': ['auditor', 'supervisor'],
  /** The whole audit trail (search, CSV export, the chain's status): auditors only. */
  'audit.search': ['auditor'],
  'user.read': ['administrator', 'supervisor'],
  'user.create': ['administrator'],
  'catalogue.read': [...READERS, 'administrator'],
  'plan.read': READERS,
  'plan.write': ['authorized-official', 'supervisor'],
  'plan.close': ['authorized-official', 'supervisor'],
  'item.reassign': ['supervisor'],
  'interaction.write': CASEWORK,
  'pdc.create': ['authorized-official', 'learner-benefits-coordinator', 'supervisor'],
  'task.read': [...READERS],
  'task.assign': ['supervisor'],
  /** Who can be assigned a task and complete it: caseworkers and specialists, never an auditor (read-only) or an administrator. */
  'task.work': [...CASEWORK, 'learner-benefit-specialist'],
  'caseload.transfer': ['supervisor'],
  /** The team dashboard: counts per official and the lists behind them. */
  'team.read': ['supervisor'],
  'job.run': ['supervisor', 'administrator'],
  'benefits.read': READERS,
  'evidence.write': ['learner-benefits-coordinator', 'supervisor'],
  'evidence.approve': ['learner-benefit-specialist'],
  /**
   * A payment run's CSV export (docs/policy/payments.md): the payments issued on a date, to the
   * people within the reader's reach; with `payment.export-whole-run`, every payment of the run.
   */
  'payment.export': ['learner-benefit-specialist', 'supervisor', 'finance-officer'],
  /** The whole payment run, whoever it pays: the file finance sends to issue it. */
  'payment.export-whole-run': ['finance-officer'],
  'simulation.run': [...READERS, 'administrator'],
  // Access by caseload (docs/access-control.md): a read outside the caseload with a reason; the access log.
  'person.break-glass': [...CASEWORK, 'learner-benefit-specialist'],
  'access-log.read': ['auditor'],
  'user.placement': ['administrator'],
  'person.sensitivity': ['supervisor'],
  // Learner program rules (issue 16): an Authorized Official records a training exception, a supervisor decides it.
  'training-exception.record': ['authorized-official', 'supervisor'],
  'training-exception.decide': ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
