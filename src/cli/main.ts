/**
 * The `waypoint` command: serve, migrate, seed-demo, create-user, reset-password, backup, jobs... Every command goes through the
 * same use cases (and permission checks) as the API. Errors print their stable code and exit 1.
 * Each command's module is loaded only when it runs (src/cli/commands.ts).
 */
import { Command } from 'commander';
import { AppError } from '../app/errors.ts';
import { DataFolderLockedError } from '../store/data-folder-lock.ts';
import { registerCommands } from './commands.ts';

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('waypoint').description('Waypoint: case management and learner benefits').showHelpAfterError();
  await registerCommands(program, argv[2]);
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`waypoint: ${error.code}: ${error.detail}`);
    for (const e of error.extras.errors ?? []) console.error(`  ${e.field}: ${e.code}: ${e.detail}`);
  } else if (error instanceof DataFolderLockedError) console.error(`waypoint: DATA_FOLDER_LOCKED: ${error.message}`);
  else console.error(`waypoint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
