import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveConfigDir } from '../../adapters/fs/config-files.js';
import type { CliContext } from '../context.js';
import { runLocalService } from '../local-service.js';
import type { ServiceOptions } from '../local-service.js';

// `topicwire run` / `start`: the one-machine runtime over config/ and an embedded dynalite persisted under
// .topicwire/data. `--once` does one cycle and exits, for scripts and cron.

interface RunOptions {
  once?: boolean;
  all?: boolean;
  config?: string;
  data?: string;
  memory?: boolean;
  port: string;
  interval: string;
  concurrency: string;
  allow: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addServiceOptions(command: Command): Command {
  return command
    .option('--once', 'run one poll cycle, print the summary and exit')
    .option('--all', 'poll every active feed in the first cycle, not only the due ones')
    .option('--port <port>', 'port of the local web app on 127.0.0.1 (0 picks a free one)', '8787')
    .option('--interval <minutes>', 'how often to look for due feeds after the first cycle', '15')
    .option('--concurrency <n>', 'feeds polled at once', '8');
}

export function serviceOptions(ctx: CliContext, opts: RunOptions, dataDir: string | undefined): Omit<ServiceOptions, 'configDir'> {
  return {
    dataDir,
    once: opts.once === true,
    pollAll: opts.all === true,
    port: parseCount('--port', opts.port, 0),
    intervalMinutes: parseCount('--interval', opts.interval, 1),
    concurrency: parseCount('--concurrency', opts.concurrency, 1),
    allowOrigins: opts.allow ?? [],
    ctx,
  };
}

function parseCount(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function register(program: Command, ctx: CliContext): void {
  const run = program
    .command('run')
    .alias('start')
    .description('Sync config/feeds.yaml, poll the due feeds with a progress bar and a summary, then keep polling and serve the local web app (http://127.0.0.1:8787)')
    .option('--config <dir>', 'config directory (default: $TOPICWIRE_CONFIG_DIR, else the repository config/)')
    .option('--data <dir>', 'where the embedded DynamoDB keeps its data', '.topicwire/data')
    .option('--memory', 'keep the data in memory only (nothing persisted)')
    .option('--allow <host:port>', 'let the SSRF guard through to this origin (repeatable; for local test feeds)', collect, []);
  addServiceOptions(run).action(async (opts: RunOptions) => {
    const configDir = resolveConfigDir({ option: opts.config, env: ctx.env, cwd: ctx.cwd });
    const dataDir = opts.memory ? undefined : resolve(ctx.cwd, opts.data ?? '.topicwire/data');
    if (dataDir) await mkdir(dataDir, { recursive: true });
    ctx.exitCode = await runLocalService({ ...serviceOptions(ctx, opts, dataDir), configDir });
  });
}

