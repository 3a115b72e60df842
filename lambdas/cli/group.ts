import type { Command } from 'commander';

/** Returns the `name` command group, creating it once, so several modules can add subcommands to it. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
