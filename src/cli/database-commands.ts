/** `waypoint migrate`, `waypoint seed-demo` and `waypoint report two-attending`: one database, opened and closed. */
import type { Command } from 'commander';
import { createContext } from '../app/create-context.ts';
import { DEMO_PASSWORD, hasAnyUser, seedDemo } from '../app/demo-data.ts';
import { openDatabase } from '../store/db.ts';
import { loadConfig } from './config.ts';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const database = await openDatabase(loadConfig().database);
      console.log(`Migrations are up to date on ${database.describe}.`);
      await database.close();
    });

  program
    .command('seed-demo')
    .description('Load the demo officials, households and cases into an empty database')
    .action(async () => {
      const database = await openDatabase(loadConfig().database);
      try {
        // Asked for explicitly: the demo accounts get the published demo password (accepted only by a server in demo mode).
        const ctx = createContext(database.db, { demoMode: true });
        if (await hasAnyUser(ctx)) throw new Error('The database already has users; demo data goes into an empty database only.');
        const seeded = await seedDemo(ctx);
        console.log(`Loaded ${seeded.users} demo users and ${seeded.people} people. Every demo password is ${DEMO_PASSWORD}.`);
      } finally {
        await database.close();
      }
    });
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Reports');
  report
    .command('two-attending')
    .description(
      'Coordinated two-attending households whose learners do not add up to the household entitlement (exit 1 if any), and apart from them those with a case not determined yet',
    )
    .action(async () => {
      const database = await openDatabase(loadConfig().database);
      try {
        const { unreconciledHouseholds } = await import('../app/two-attending.ts');
        const result = await unreconciledHouseholds(createContext(database.db));
        console.log(JSON.stringify(result, null, 2));
        if (result.unreconciled.length > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
