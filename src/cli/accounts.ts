/**
 * Account commands: `waypoint create-user` (the first administrator) and `waypoint reset-password`
 * (an administrator locked out, or any account, when no administrator can sign in). Both apply the
 * API's own rules; demo mode is decided here for `serve`.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { createContext } from '../app/create-context.ts';
import { AppError } from '../app/errors.ts';
import { PersonName, Username } from '../app/fields.ts';
import { resetPassword } from '../app/passwords.ts';
import { createUser } from '../app/users.ts';
import { type DatabaseConfig, openDatabase } from '../store/db.ts';
import { userByUsername } from '../store/repos/users.ts';
import { loadConfig } from './config.ts';

/**
 * Demo mode (demo data into an empty database, the published demo password accepted): with
 * `--demo`, or with `--demo-if-empty` (npm start) on the embedded database only, never on a
 * PostgreSQL server named by DATABASE_URL.
 */
export function demoModeFor(options: { demo?: boolean; demoIfEmpty?: boolean }, database: DatabaseConfig): boolean {
  return Boolean(options.demo || (options.demoIfEmpty && database.engine === 'pglite'));
}

const NewAccount = z.object({ username: Username, displayName: PersonName });

/** The API's account rules for the CLI: a VALIDATION_FAILED naming each field, as the API answers. */
export function checkNewAccount(input: { username: string; displayName: string }): z.infer<typeof NewAccount> {
  const parsed = NewAccount.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: 'INVALID_FORMAT', detail: i.message }));
  throw new AppError('VALIDATION_FAILED', `${errors.map((e) => `${e.field}: ${e.detail}`).join(' ')}`, {
    field: errors[0]?.field,
    rule: 'Waypoint accounts',
    errors,
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerAccountCommands(program: Command): void {
  program
    .command('create-user')
    .description('Create an account (for the first administrator; afterwards use the API as an administrator)')
    .requiredOption('--username <username>')
    .requiredOption('--name <displayName>')
    .requiredOption('--roles <roles>', 'comma-separated, e.g. authorized-official,supervisor')
    .option('--password-stdin', 'read the password from standard input instead of WAYPOINT_PASSWORD')
    .action(async (options: { username: string; name: string; roles: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? (await readStdin()).trim() : process.env.WAYPOINT_PASSWORD;
      if (!password) throw new Error('Give the password in WAYPOINT_PASSWORD or with --password-stdin.');
      // The API's own rules (username pattern, name), checked before the database is opened.
      const account = checkNewAccount({ username: options.username, displayName: options.name });
      const database = await openDatabase(loadConfig().database);
      try {
        const user = await createUser(createContext(database.db), null, {
          ...account,
          roles: options.roles.split(',').map((r) => r.trim()),
          password,
        });
        console.log(`Created ${user.username} (${user.roles.join(', ')}).`);
      } finally {
        await database.close();
      }
    });

  program
    .command('reset-password')
    .description('Give an account a one-time password that must be changed at its next sign-in (printed once; ends its sessions)')
    .requiredOption('--username <username>')
    .action(async (options: { username: string }) => {
      const database = await openDatabase(loadConfig().database);
      try {
        const ctx = createContext(database.db);
        const user = await userByUsername(ctx.db, options.username.trim());
        if (!user) throw AppError.notFound('user', options.username);
        // The operator at the console (with access to the database) acts as the system: audited with no actor.
        const reset = await resetPassword(ctx, null, user.id);
        console.log(`One-time password for ${reset.username}: ${reset.oneTimePassword}\nIt must be changed at the next sign-in.`);
      } finally {
        await database.close();
      }
    });
}
