/**
 * `waypoint backup FILE` and `waypoint restore FILE` (src/store/backup.ts): a logical backup of
 * either engine, restored into an empty database of either engine. On a PGlite data folder the
 * server must be stopped first (the folder is locked while it runs).
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { verifyAuditChain } from '../app/audit-verify.ts';
import { backupDatabase, restoreDatabase, verifyBackupFile } from '../store/backup.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  NOT_A_FILE: 'it exists and is not a regular file',
};

/** A file-system error as one plain line naming the file (the CLI prints it and exits 1; never a stack trace). */
function cannotWrite(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !(code in REASONS)) return error instanceof Error ? error : new Error(String(error));
  return new Error(`Cannot write the backup to ${file}: ${REASONS[code]}${code === 'NOT_A_FILE' ? '' : ` (${code})`}.`);
}

/**
 * Before the database is opened: the folder must exist and be writable, and FILE, if it exists,
 * must be a regular file (the backup replaces it; never a device such as /dev/full, or a folder).
 */
function checkBackupTarget(file: string): void {
  const target = path.resolve(file);
  try {
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) throw Object.assign(new Error(), { code: existing.isDirectory() ? 'EISDIR' : 'NOT_A_FILE' });
    const folder = statSync(path.dirname(target));
    if (!folder.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(path.dirname(target), constants.W_OK);
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('Write a logical backup of the database to FILE (JSON lines; gzip with --gzip or a name ending in .gz)')
    .option('--gzip', 'compress the backup with gzip')
    .action(async (file: string, options: { gzip?: boolean }) => {
      checkBackupTarget(file);
      const database = await openDatabase(loadConfig().database);
      try {
        const started = Date.now();
        const summary = await backupDatabase(database, file, { ...(options.gzip && { gzip: true }) }).catch((error: unknown) => {
          throw cannotWrite(file, error);
        });
        console.log(
          `Backed up ${database.describe} to ${file}: ${summary.tables} tables, ${summary.rows} rows, ${summary.sequences} sequences (${summary.bytes} bytes before compression) in ${Date.now() - started} ms.`,
        );
      } finally {
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description('Restore a backup into an EMPTY database (runs the migrations first; refuses a database with data)')
    .option('--check-only', 'only check the file (structure and checksum); touch no database')
    .action(async (file: string, options: { checkOnly?: boolean }) => {
      if (options.checkOnly) {
        const checked = await verifyBackupFile(file);
        console.log(
          `${file} is intact: a ${checked.header.engine} backup of ${checked.header.createdAt}, ${checked.header.tables.length} tables, ${checked.rows} rows.`,
        );
        return;
      }
      const database = await openDatabase(loadConfig().database);
      try {
        const started = Date.now();
        const summary = await restoreDatabase(database, file);
        console.log(
          `Restored ${file} (${summary.header.engine} backup of ${summary.header.createdAt}) into ${database.describe}: ${summary.tables} tables, ${summary.rows} rows, ${summary.sequences} sequences in ${Date.now() - started} ms.`,
        );
        const audit = await verifyAuditChain(database.db);
        if (audit.ok) console.log(`Audit trail verified: ${audit.events} events, hash chain intact.`);
        else {
          console.log(
            `Audit trail NOT intact after the restore: ${audit.problems.length} problem(s) in ${audit.events} events (as in the backup). Run waypoint audit verify for details.`,
          );
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
}
