import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import {
  FEEDS_FILE,
  labelOf,
  loadFeedsConfig,
  readConfigFile,
  resolveConfigDir,
  writeConfigFile,
} from '../../adapters/fs/config-files.js';
import { findUnknownTopicHints, pollIntervalOf } from '../../core/config/feeds.js';
import { renderFeedsConfigDocs } from '../../core/config/feeds-docs.js';
import { ConfigError } from '../../core/errors.js';
import { buildOpml } from '../../core/opml/build-opml.js';
import { decodeOpml } from '../../core/opml/decode-opml.js';
import { importOpml } from '../../core/opml/import-feeds.js';
import type { CliContext } from '../context.js';
import { commandGroup } from '../group.js';

// feeds list | validate | import | export | docs. Config problems exit 1 with one line per problem on stderr.

const TOPICS_FILE = 'topics.yaml';

interface ConfigOption {
  config?: string;
}

const CONFIG_HELP = 'config directory (default: $TOPICWIRE_CONFIG_DIR, else the repository config/)';

export function register(program: Command, ctx: CliContext): void {
  const feeds = commandGroup(program, 'feeds', 'Manage and inspect the configured feeds');

  feeds
    .command('list')
    .description('List the configured feeds: id, enabled, poll interval, tags and URL')
    .option('--config <dir>', CONFIG_HELP)
    .option('--json', 'print the validated feeds as JSON')
    .action((opts: ConfigOption & { json?: boolean }) => guard(ctx, () => listFeeds(ctx, opts)));

  feeds
    .command('validate')
    .description('Check config/feeds.yaml (and its topic hints against topics.yaml when present); prints file:line: path: reason per problem, exit 1 if any')
    .option('--config <dir>', CONFIG_HELP)
    .action((opts: ConfigOption) => guard(ctx, () => validateFeeds(ctx, opts)));

  feeds
    .command('import')
    .description('Add the feeds of an OPML 1.0/2.0 file to feeds.yaml (prints the merged file unless --write)')
    .argument('<file>', 'OPML file to import')
    .option('--write', 'write the merged feeds.yaml in place instead of printing it')
    .option('--config <dir>', CONFIG_HELP)
    .action((file: string, opts: ConfigOption & { write?: boolean }) => guard(ctx, () => importFeeds(ctx, file, opts)));

  feeds
    .command('export')
    .description('Print the configured feeds as OPML 2.0, one folder per first tag')
    .option('--out <file>', 'write the OPML to this file instead of stdout')
    .option('--owner <name>', 'ownerName in the OPML head', 'Topicwire')
    .option('--title <title>', 'title in the OPML head', 'Topicwire feeds')
    .option('--config <dir>', CONFIG_HELP)
    .action((opts: ConfigOption & { out?: string; owner: string; title: string }) => guard(ctx, () => exportFeeds(ctx, opts)));

  feeds
    .command('docs')
    .description('Print the feeds.yaml reference (docs/config.md is this output)')
    .action(() => void ctx.stdout.write(renderFeedsConfigDocs()));
}

/** Config errors become exit 1 with their lines as-is, so each problem is one grep-able line. */
async function guard(ctx: CliContext, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr.write(`${error.message}\n`);
    ctx.exitCode = 1;
  }
}

function configDirOf(ctx: CliContext, opts: ConfigOption): string {
  return resolveConfigDir({ option: opts.config, env: ctx.env, cwd: ctx.cwd });
}

async function listFeeds(ctx: CliContext, opts: ConfigOption & { json?: boolean }): Promise<void> {
  const config = await loadFeedsConfig(configDirOf(ctx, opts), ctx.cwd);
  if (opts.json) {
    ctx.stdout.write(`${JSON.stringify(config.feeds, null, 2)}\n`);
    return;
  }
  const rows = config.feeds.map((f) => [f.id, f.enabled ? 'yes' : 'no', `${pollIntervalOf(config, f)}m`, f.tags.join(',') || '-', f.url]);
  const table = [['ID', 'ENABLED', 'EVERY', 'TAGS', 'URL'], ...rows];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((r) => r[col]!.length)));
  for (const row of table) ctx.stdout.write(`${row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()}\n`);
}

async function validateFeeds(ctx: CliContext, opts: ConfigOption): Promise<void> {
  const dir = configDirOf(ctx, opts);
  const config = await loadFeedsConfig(dir, ctx.cwd);
  const feedsFile = await readConfigFile(dir, FEEDS_FILE, ctx.cwd);
  const topics = await readConfigFile(dir, TOPICS_FILE, ctx.cwd);
  const topicIds = topics && topicIdsOf(topics.text);
  // topics.yaml is validated by its own loader; here only the hints are checked, and only when it exists.
  const unknown = feedsFile && topics && topicIds ? findUnknownTopicHints(feedsFile.label, feedsFile.text, config, topicIds, topics.label) : [];
  if (unknown.length > 0) throw new ConfigError(unknown.join('\n'));
  const enabled = config.feeds.filter((f) => f.enabled).length;
  ctx.stdout.write(`${labelOf(resolve(dir, FEEDS_FILE), ctx.cwd)}: ok, ${config.feeds.length} feeds (${enabled} enabled)\n`);
}

/** The topic ids in topics.yaml text, or null when the file is too broken to tell. */
function topicIdsOf(text: string): Set<string> | null {
  try {
    const topics = (parse(text) as { topics?: Array<{ id?: unknown }> } | null)?.topics;
    return Array.isArray(topics) ? new Set(topics.map((t) => t?.id).filter((id): id is string => typeof id === 'string')) : null;
  } catch {
    return null;
  }
}

async function importFeeds(ctx: CliContext, file: string, opts: ConfigOption & { write?: boolean }): Promise<void> {
  const dir = configDirOf(ctx, opts);
  const current = await readConfigFile(dir, FEEDS_FILE, ctx.cwd);
  const feedsFile = current?.label ?? labelOf(resolve(dir, FEEDS_FILE), ctx.cwd);
  const result = importOpml({ opmlFile: file, opmlText: await readOpml(resolve(ctx.cwd, file), file), feedsFile, feedsText: current?.text ?? null });
  for (const line of [...result.errors, ...result.notices]) ctx.stderr.write(`${line}\n`);
  if (result.errors.length > 0) {
    ctx.stderr.write(`${file}: ${result.errors.length} problem(s); nothing imported\n`);
    ctx.exitCode = 1;
    return;
  }
  if (opts.write) {
    if (result.added.length > 0) await writeConfigFile(resolve(dir, FEEDS_FILE), result.yaml);
    ctx.stderr.write(`${feedsFile}: ${result.added.length} feed(s) added\n`);
  } else {
    ctx.stdout.write(result.yaml);
  }
}

async function exportFeeds(ctx: CliContext, opts: ConfigOption & { out?: string; owner: string; title: string }): Promise<void> {
  const config = await loadFeedsConfig(configDirOf(ctx, opts), ctx.cwd);
  const opml = buildOpml(config.feeds, { now: new Date(), ownerName: opts.owner, title: opts.title });
  if (opts.out) await writeConfigFile(resolve(ctx.cwd, opts.out), opml);
  else ctx.stdout.write(opml);
}

async function readOpml(path: string, label: string): Promise<string> {
  try {
    return decodeOpml(await readFile(path));
  } catch (error) {
    throw new ConfigError(`${label}: cannot read: ${(error as Error).message}`, { cause: error });
  }
}
