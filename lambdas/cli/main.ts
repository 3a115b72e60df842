import { Command, CommanderError } from 'commander';
import { TopicwireError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { processContext } from './context.js';
import { register as registerFeeds } from './commands/feeds.js';
import { register as registerFeedsCheck } from './commands/feeds-check.js';
import { register as registerParse } from './commands/parse.js';
import { register as registerRun } from './commands/run.js';
import { register as registerDemo } from './commands/demo.js';
import { register as registerTag } from './commands/tag.js';
import { register as registerTopics } from './commands/topics.js';

// Each subcommand lives in its own module and registers itself; add one line here per module.
const registrations: Array<(program: Command, ctx: CliContext) => void> = [
  registerFeeds,
  registerFeedsCheck,
  registerParse,
  registerRun,
  registerDemo,
  registerTag,
  registerTopics,
];

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('topicwire')
    .description('Topicwire: poll tech-news feeds, tag every item by topic with evidence, store it once, and show the latest per topic.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  for (const register of registrations) register(program, ctx);
  return program;
}

/** Runs the CLI and resolves to the process exit code; the only place errors become exit codes. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 64;
    const message = error instanceof TopicwireError ? error.message : `unexpected error: ${String((error as Error)?.stack ?? error)}`;
    ctx.stderr.write(`topicwire: ${message}\n`);
    return 1;
  }
}
