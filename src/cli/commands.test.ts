import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, registerCommands } from './commands.ts';

describe('the command table', () => {
  it('names every top-level command its modules register, in the order they register them', async () => {
    const program = new Command('waypoint');
    await registerCommands(program, undefined);
    expect(program.commands.map((c) => c.name())).toEqual(COMMAND_MODULES.flatMap((m) => m.commands));
  });

  it("loads only the named command's module for a known command", async () => {
    const program = new Command('waypoint');
    await registerCommands(program, 'simulate');
    expect(program.commands.map((c) => c.name())).toEqual(['simulate']);
  });
});
