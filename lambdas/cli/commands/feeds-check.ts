import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadFeedsConfig, resolveConfigDir } from '../../adapters/fs/config-files.js';
import { HttpFetcher, userAgentFor } from '../../adapters/http/fetcher.js';
import type { FeedConfig, FeedsConfig } from '../../core/config/feeds.js';
import { normalizeFeedUrl, pollIntervalOf } from '../../core/config/feeds.js';
import { ConfigError, ParseError } from '../../core/errors.js';
import type { FetchOutcome } from '../../core/fetch/outcome.js';
import type { ParsedFeed } from '../../core/model.js';
import { parseFeed } from '../../core/parse/index.js';
import { nextPollAt, pollFactsFromOutcome } from '../../core/schedule.js';
import type { CliContext } from '../context.js';
import { commandGroup } from '../group.js';

// feeds check: one fetch and parse exactly as a poll would do it, printed for an admin who wants to
// know why a feed fails. Exit 0 when the feed was read (ok, not-modified, moved with a parsable body).

interface CheckOptions {
  allow?: string[];
  json?: boolean;
  config?: string;
  etag?: string;
  lastModified?: string;
  timeout: number;
}

export interface CheckTarget {
  feedId: string;
  url: string;
  intervalMinutes: number | null;
  contact: string | null;
}

export interface CheckReport {
  feedId: string;
  url: string;
  outcome: FetchOutcome['kind'];
  status: number | null;
  finalUrl: string;
  movedTo: string | null;
  etag: string | null;
  lastModified: string | null;
  cacheControl: string | null;
  expires: string | null;
  retryAfter: string | null;
  contentType: string | null;
  bytes: number | null;
  format: string | null;
  title: string | null;
  items: number | null;
  warnings: string[];
  durationMs: number;
  nextPollAt: string | null;
  error: string | null;
  errorKind: string | null;
  read: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  commandGroup(program, 'feeds', 'Manage and inspect the configured feeds')
    .command('check')
    .description('Fetch and parse one feed the way a poll would and print the outcome: status, final URL, validators, '
      + 'next poll time, item count, duration and the cause of any failure. Exits 0 when the feed was read, 1 otherwise.')
    .argument('<url-or-feed-id>', 'an http(s) URL, or the id of a feed in feeds.yaml')
    .option('--allow <host:port>', 'exempt this exact origin from the private-address guard (repeatable; for local test servers)', collect)
    .option('--json', 'print the report as one JSON object')
    .option('--etag <value>', 'send If-None-Match, as a poll with a stored ETag would')
    .option('--last-modified <http-date>', 'send If-Modified-Since, as a poll with a stored Last-Modified would')
    .option('--timeout <ms>', 'overall deadline for the fetch in milliseconds', toPositiveInt, 30_000)
    .option('--config <dir>', 'config directory (default: $TOPICWIRE_CONFIG_DIR, else the repository config/)')
    .addHelpText('after', '\nExamples:\n  topicwire feeds check ars-technica\n  topicwire feeds check https://example.org/feed.xml --json\n'
      + '  topicwire feeds check http://127.0.0.1:8080/feed.xml --allow 127.0.0.1:8080\n')
    .action((target: string, opts: CheckOptions) => checkFeed(ctx, target, opts));
}

function collect(value: string, previous: string[] = []): string[] {
  if (!/^(\[[0-9a-f:.]+\]|[^\s:/[\]]+):\d{1,5}$/i.test(value)) throw new InvalidArgumentError('expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080');
  return [...previous, value];
}

function toPositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

async function checkFeed(ctx: CliContext, input: string, opts: CheckOptions): Promise<void> {
  let target: CheckTarget;
  try {
    target = await resolveTarget(ctx, input, opts);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr.write(`topicwire feeds check: ${error.message}\n`);
    ctx.exitCode = 1;
    return;
  }
  const fetcher = new HttpFetcher({ allowedOrigins: opts.allow ?? [], deadlineMs: opts.timeout, userAgent: userAgentFor(target.contact) });
  const outcome = await fetcher.fetchFeed({ feedId: target.feedId, url: target.url, etag: opts.etag ?? null, lastModified: opts.lastModified ?? null });
  const report = buildReport(target, outcome, new Date());
  ctx.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : renderReport(report));
  if (!report.read) ctx.exitCode = 1;
}

const looksLikeUrl = (text: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(text);

/** A URL is checked as given (with the settings of a configured feed that has it); anything else is a feed id. */
async function resolveTarget(ctx: CliContext, input: string, opts: CheckOptions): Promise<CheckTarget> {
  const isUrl = looksLikeUrl(input);
  const config = await loadConfig(ctx, opts, isUrl);
  const feed = config ? findFeed(config, input, isUrl) : null;
  if (!isUrl && !feed) {
    throw new ConfigError(`no feed with id "${input}" in feeds.yaml (give an http(s) URL, or one of: ${knownIds(config)})`);
  }
  return {
    feedId: feed?.id ?? 'cli-check',
    url: feed && !isUrl ? feed.url : input,
    intervalMinutes: config && feed ? pollIntervalOf(config, feed) : null,
    contact: config?.contact ?? null,
  };
}

/** A URL check works without any config; a feed id needs feeds.yaml. */
async function loadConfig(ctx: CliContext, opts: CheckOptions, optional: boolean): Promise<FeedsConfig | null> {
  try {
    return await loadFeedsConfig(resolveConfigDir({ option: opts.config, env: ctx.env, cwd: ctx.cwd }), ctx.cwd);
  } catch (error) {
    if (optional && error instanceof ConfigError) return null;
    throw error;
  }
}

function findFeed(config: FeedsConfig, input: string, isUrl: boolean): FeedConfig | null {
  if (!isUrl) return config.feeds.find((f) => f.id === input) ?? null;
  const wanted = normalizeFeedUrl(input);
  return config.feeds.find((f) => normalizeFeedUrl(f.url) === wanted) ?? null;
}

function knownIds(config: FeedsConfig | null): string {
  const ids = config?.feeds.map((f) => f.id) ?? [];
  return ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ') || '(none configured)';
}

function parseBody(outcome: FetchOutcome): { parsed: ParsedFeed | null; error: string | null } {
  if (outcome.kind !== 'ok' && outcome.kind !== 'moved-permanently') return { parsed: null, error: null };
  try {
    return { parsed: parseFeed(outcome.body, { contentType: outcome.contentType, url: outcome.finalUrl }), error: null };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { parsed: null, error: `feed ${outcome.feedId} (${outcome.finalUrl}): not a readable feed: ${error.message}` };
  }
}

export function buildReport(target: CheckTarget, outcome: FetchOutcome, now: Date): CheckReport {
  const { parsed, error: parseError } = parseBody(outcome);
  const hasBody = outcome.kind === 'ok' || outcome.kind === 'moved-permanently';
  const cache = 'cache' in outcome ? outcome.cache : null;
  const facts = pollFactsFromOutcome(outcome, { now, previousFailures: 0, intervalMinutes: target.intervalMinutes, ttlMinutes: parsed?.feed.ttlMinutes ?? null });
  // A body that does not parse is a failure to the poller too: schedule it as one.
  const next = nextPollAt(parseError ? { ...facts, outcome: 'failed', consecutiveFailures: 1 } : facts);
  return {
    feedId: target.feedId,
    url: outcome.requestedUrl,
    outcome: outcome.kind,
    status: outcome.status,
    finalUrl: outcome.finalUrl,
    movedTo: 'movedTo' in outcome ? outcome.movedTo : null,
    etag: cache?.etag ?? null,
    lastModified: cache?.lastModified ?? null,
    cacheControl: cache?.cacheControl ?? null,
    expires: cache?.expires ?? null,
    retryAfter: outcome.kind === 'rate-limited' ? outcome.retryAfter : null,
    contentType: hasBody ? outcome.contentType : null,
    bytes: hasBody ? outcome.body.length : null,
    format: parsed?.format ?? null,
    title: parsed?.feed.title ?? null,
    items: parsed ? parsed.items.length : null,
    warnings: parsed?.warnings ?? [],
    durationMs: outcome.durationMs,
    nextPollAt: next?.toISOString() ?? null,
    error: outcome.kind === 'failed' ? outcome.error.message : parseError,
    errorKind: outcome.kind === 'failed' ? outcome.error.kind : parseError ? 'parse' : null,
    read: outcome.kind === 'not-modified' || (hasBody && parsed !== null),
  };
}

export function renderReport(r: CheckReport): string {
  const rows: Array<[string, string | number | null]> = [
    ['feed', r.feedId],
    ['url', r.url],
    ['outcome', `${r.outcome}${r.status === null ? '' : ` (HTTP ${r.status})`}${r.read ? '' : ' — not read'}`],
    ['final url', r.finalUrl === r.url ? null : r.finalUrl],
    ['moved to', r.movedTo && `${r.movedTo} (permanent: a poll would store this URL)`],
    ['etag', r.etag],
    ['last-modified', r.lastModified],
    ['cache-control', r.cacheControl],
    ['expires', r.expires],
    ['retry-after', r.retryAfter],
    ['content-type', r.contentType],
    ['bytes', r.bytes],
    ['format', r.format],
    ['title', r.title],
    ['items', r.items],
    ['duration', `${r.durationMs} ms`],
    ['next poll', r.nextPollAt ?? 'never (the server said the feed is gone)'],
    ['error', r.error],
  ];
  const lines = rows.filter(([, value]) => value !== null).map(([key, value]) => `${`${key}:`.padEnd(15)}${value}`);
  for (const warning of r.warnings) lines.push(`${'warning:'.padEnd(15)}${warning}`);
  return `${lines.join('\n')}\n`;
}
