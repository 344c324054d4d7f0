/**
 * `waypoint audit verify` and `waypoint audit seal` (docs/audit-integrity.md). Verify is read-only
 * and exits 1 naming the first bad event or the missing range; seal chains the pending events and
 * writes a signed checkpoint (the server does this every few seconds on its own).
 */
import type { Command } from 'commander';
import { loadAuditKeys } from '../app/audit-keys.ts';
import { sealAuditTrail } from '../app/audit-seal.ts';
import { type AuditVerification, verifyAuditChain } from '../app/audit-verify.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';

export function describeVerification(result: AuditVerification): string[] {
  const counts = `${result.events} events: ${result.sealed} sealed, ${result.pending} pending (written, not yet sealed, not verified); ${result.checkpoints} signed checkpoint(s), the newest covering ${result.checkpointedSize}`;
  if (result.ok) return [`Audit trail verified: ${counts}. Hash chain intact.`];
  const first = result.problems[0]!;
  return [
    `Audit trail NOT intact: ${result.problems.length} problem(s); ${counts}.`,
    `First: ${first.seq === null ? '' : `event seq ${first.seq} `}${first.chainIndex === null ? '' : `(chain ${first.chainIndex}) `}${first.problem}`,
    ...result.problems
      .slice(0, 50)
      .map((p) => `  ${p.seq === null ? '' : `event seq ${p.seq} `}${p.chainIndex === null ? '' : `(chain ${p.chainIndex}) `}${p.problem}`),
  ];
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description(
      'Recompute the keyed audit hash chain and check it against the signed checkpoints; exit 1 if any event was altered, removed, reordered or forged',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config.database);
      try {
        const result = await verifyAuditChain(database.db, loadAuditKeys(config.audit, { create: false }));
        for (const line of describeVerification(result)) console.log(line);
        if (!result.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
  audit
    .command('seal')
    .description('Seal the pending audit events into the chain and write a signed checkpoint of its head')
    .action(async () => {
      const config = loadConfig();
      const keys = loadAuditKeys(config.audit, { create: true })!;
      const database = await openDatabase(config.database);
      try {
        const result = (await sealAuditTrail(database.db, keys, { wait: true, ensureCheckpoint: true }))!;
        console.log(
          `Sealed ${result.sealed} event(s); the chain holds ${result.treeSize}.${result.checkpoint ? ` Checkpoint written to ${keys.checkpointsFile}.` : ''}`,
        );
      } finally {
        await database.close();
      }
    });
}
