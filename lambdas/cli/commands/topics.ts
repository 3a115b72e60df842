import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveConfigDir } from '../../adapters/fs/config-files.js';
import { loadTopics } from '../../adapters/fs/topics-config.js';
import type { LoadedTopics } from '../../adapters/fs/topics-config.js';
import type { Clock } from '../../core/ports.js';
import { sinceFromDuration, testTopics } from '../../use-cases/test-topics.js';
import type { TopicTestReport } from '../../use-cases/test-topics.js';
import type { LocalRuntime } from '../../wiring/local.js';
import { startLocal } from '../../wiring/local.js';
import type { CliContext } from '../context.js';
import { commandGroup } from '../group.js';

// topics test: what the current config/topics.yaml would change on stored items (never writes), and
// retag: apply it. Both run over the local store that `topicwire run` keeps under .topicwire/data.

interface StoreOptions {
  since: string;
  config?: string;
  data: string;
  json?: boolean;
}

const clock: Clock = { now: () => new Date() };

function addStoreOptions(command: Command, since: string): Command {
  return command
    .option('--since <duration>', 'items first seen within this long before now: 7d, 12h, 30m', since)
    .option('--config <dir>', 'config directory (default: $TOPICWIRE_CONFIG_DIR, else the repository config/)')
    .option('--data <dir>', 'the local store written by `topicwire run`', '.topicwire/data')
    .option('--json', 'print the report as JSON');
}

export function register(program: Command, ctx: CliContext): void {
  const topics = commandGroup(program, 'topics', 'Inspect the topic rules in config/topics.yaml');
  addStoreOptions(
    topics
      .command('test')
      .description('Dry run: re-tag stored items with the current config/topics.yaml and print, per topic, what would be added or removed (with examples). Writes nothing.')
      .option('--examples <n>', 'examples shown per topic and direction', '3'),
    '7d',
  ).action(async (opts: StoreOptions & { examples: string }) => {
    const since = sinceFromDuration(opts.since, clock);
    await withLocalStore(ctx, opts, async (runtime, loaded) => {
      const report = await testTopics(
        { entries: runtime.stores.entries, tagEntry: loaded.tagEntry, clock },
        { since, topics: loaded.config.topics.map((t) => t.id), examples: Number(opts.examples) || 3 },
      );
      ctx.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatDryRun(report, loaded.file));
    });
  });

  addStoreOptions(
    program
      .command('retag')
      .description('Re-tag stored items first seen within --since with the current config/topics.yaml; only items whose topics or evidence change are written, so running it twice changes nothing.'),
    '30d',
  ).action(async (opts: StoreOptions) => {
    const days = (clock.now().getTime() - Date.parse(sinceFromDuration(opts.since, clock))) / 86_400_000;
    await withLocalStore(ctx, opts, async (runtime) => {
      const summary = await runtime.retag(days);
      const changes = (counts: Record<string, number>) => Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ') || 'none';
      ctx.stdout.write(
        opts.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `Retagged items first seen since ${summary.since}: ${summary.scanned} scanned, ${summary.changed} rewritten.\nAdded: ${changes(summary.added)}\nRemoved: ${changes(summary.removed)}\n`,
      );
    });
  });
}

async function withLocalStore(ctx: CliContext, opts: StoreOptions, use: (runtime: LocalRuntime, loaded: LoadedTopics) => Promise<void>): Promise<void> {
  const configDir = resolveConfigDir({ option: opts.config, env: ctx.env, cwd: ctx.cwd });
  const loaded = await loadTopics(configDir, ctx.cwd);
  const dataDir = resolve(ctx.cwd, opts.data);
  await mkdir(dataDir, { recursive: true });
  const runtime = await startLocal({ configDir, dataDir, stages: { tagEntry: loaded.tagEntry } });
  try {
    await use(runtime, loaded);
  } finally {
    await runtime.close();
  }
}

export function formatDryRun(report: TopicTestReport, file: string): string {
  const lines = [`Dry run of ${file} over ${report.scanned} stored items first seen since ${report.since}: ${report.changedEntries} would change. Nothing was written.`];
  for (const t of report.topics) {
    lines.push(`\n${t.topic}: ${t.before} -> ${t.after} items (+${t.added} added, -${t.removed} removed)`);
    for (const e of t.addedExamples) lines.push(`  + ${e.feedId}/${e.entryId} "${e.title}" - ${e.evidence}`);
    for (const e of t.removedExamples) lines.push(`  - ${e.feedId}/${e.entryId} "${e.title}" - was: ${e.evidence}`);
  }
  return `${lines.join('\n')}\n`;
}
