/**
 * `waypoint simulate FILE`: the household calculator (docs/scenarios.md). Loads the domain and the
 * policy tables only: no database, no HTTP server (a cold start stays close to Node's own).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { simulate } from '../app/simulation.ts';

export function registerSimulate(program: Command): void {
  program
    .command('simulate <file>')
    .description('Calculate a household from a scenario file (docs/scenarios.md); prints the result as JSON')
    .action(async (file: string) => {
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new Error(`Could not read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log(JSON.stringify(simulate(input), null, 2));
    });
}
