/**
 * Which module defines each `waypoint` command. A command's module (and what it imports: the
 * database, the HTTP server, the domain) is loaded only when that command runs, so a cold
 * `waypoint simulate` loads no database or HTTP code; help and unknown commands load them all.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

export interface CommandModule {
  /** The top-level commands the module registers, in help order. */
  readonly commands: readonly string[];
  readonly load: () => Promise<Register>;
}

export const COMMAND_MODULES: readonly CommandModule[] = [
  { commands: ['serve'], load: async () => (await import('./serve.ts')).registerServe },
  { commands: ['migrate', 'seed-demo'], load: async () => (await import('./database-commands.ts')).registerDatabaseCommands },
  { commands: ['create-user', 'reset-password'], load: async () => (await import('./accounts.ts')).registerAccountCommands },
  { commands: ['simulate'], load: async () => (await import('./simulate.ts')).registerSimulate },
  { commands: ['generate'], load: async () => (await import('./generate.ts')).registerGenerate },
  { commands: ['backup', 'restore'], load: async () => (await import('./backup-commands.ts')).registerBackupCommands },
  { commands: ['audit'], load: async () => (await import('./audit-commands.ts')).registerAuditCommands },
  { commands: ['report'], load: async () => (await import('./database-commands.ts')).registerReportCommands },
  { commands: ['jobs'], load: async () => (await import('./jobs-commands.ts')).registerJobsCommands },
];

/** Registers the module of the command named by `name` (the first argument), or every module when it names none. */
export async function registerCommands(program: Command, name: string | undefined): Promise<void> {
  const named = COMMAND_MODULES.filter((m) => name !== undefined && m.commands.includes(name));
  const modules = named.length > 0 ? named : COMMAND_MODULES;
  for (const register of await Promise.all(modules.map((m) => m.load()))) register(program);
}
