import { LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { formatProblem, lineOf, parseYamlConfig } from './yaml-source.js';

// config/feeds.yaml: the feeds admins curate. Validated strictly (unknown keys fail) so a typo stops a
// deploy instead of silently dropping a feed; docs/config.md is generated from the descriptions below.

export const MIN_POLL_MINUTES = 15;
export const MAX_POLL_MINUTES = 1440;
export const DEFAULT_POLL_MINUTES = 60;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return SLUG.test(value) && value.length <= 64;
}

const slug = (what: string) =>
  z
    .string()
    .max(64, `${what} must be at most 64 characters`)
    .regex(SLUG, `${what} must be a slug: lowercase letters, digits and single hyphens (e.g. "ars-technica")`);

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'must be an absolute http:// or https:// URL' });

const pollInterval = z
  .number()
  .int('must be a whole number of minutes')
  .min(MIN_POLL_MINUTES, `must be at least ${MIN_POLL_MINUTES} minutes`)
  .max(MAX_POLL_MINUTES, `must be at most ${MAX_POLL_MINUTES} minutes (one day)`);

export const feedSchema = z.strictObject({
  id: slug('id').describe('Unique feed id (slug). Stored with every entry; do not rename a feed that already has entries.'),
  url: httpUrl.describe('Feed URL (RSS, Atom or JSON Feed), http or https only. Must be unique after normalization.'),
  title: z.string().trim().min(1, 'must not be empty').max(200).describe('Display name of the feed.'),
  site: httpUrl.optional().describe("The publication's home page (OPML htmlUrl)."),
  enabled: z.boolean().default(true).describe('Set to false to stop polling the feed without deleting it.'),
  pollIntervalMinutes: pollInterval
    .optional()
    .describe(`Poll interval in minutes (${MIN_POLL_MINUTES}..${MAX_POLL_MINUTES}); overrides defaults.pollIntervalMinutes. The feed's own ttl, Cache-Control or Retry-After can only lengthen it.`),
  topics: z.array(slug('topic id')).default([]).describe('Topic ids (from config/topics.yaml) this feed is likely about; hints for tagging.'),
  tags: z.array(slug('tag')).default([]).describe('Free-form labels for grouping; exported as OPML categories.'),
});

const defaultsSchema = z.strictObject({
  pollIntervalMinutes: pollInterval.default(DEFAULT_POLL_MINUTES).describe('Poll interval for feeds that set none.'),
});

const contactSchema = z
  .string()
  .refine((v) => /^(https?:\/\/|mailto:)\S+$/.test(v), 'must be an http(s):// or mailto: URL')
  .describe('Contact URL sent in the User-Agent so publishers can reach the operator (http(s):// or mailto:).');

export const feedsFileSchema = z
  .strictObject({
    contact: contactSchema.optional(),
    defaults: defaultsSchema.default({ pollIntervalMinutes: DEFAULT_POLL_MINUTES }).describe('Settings that apply to every feed.'),
    feeds: z.array(feedSchema).describe('The feeds to poll.'),
  })
  .superRefine((file, ctx) => {
    reportDuplicates(file.feeds, (f) => f.id, 'id', ctx);
    reportDuplicates(file.feeds, (f) => normalizeFeedUrl(f.url), 'url', ctx);
  });

export type FeedConfig = z.output<typeof feedSchema>;
export type FeedsConfig = z.output<typeof feedsFileSchema>;

function reportDuplicates(
  feeds: FeedConfig[],
  keyOf: (f: FeedConfig) => string,
  field: 'id' | 'url',
  ctx: z.RefinementCtx,
): void {
  const first = new Map<string, number>();
  feeds.forEach((feed, index) => {
    // Refinements also run over partly invalid input: leave entries zod already rejected to their own messages.
    if (typeof feed?.[field] !== 'string') return;
    const key = keyOf(feed);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: ['feeds', index, field],
      message: `duplicate ${field === 'url' ? 'URL' : 'id'} "${feed[field]}": already used by feeds[${earlier}]`,
      // yaml-source turns relatedPath into " at line N", so both lines are named.
      params: { relatedPath: ['feeds', earlier, field] },
    });
  });
}

/** The form two URLs are compared in: lowercase scheme and host, no default port, fragment or trailing slash. */
export function normalizeFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${path}${parsed.search}`;
}

/** Parses and validates feeds.yaml text; throws one ConfigError naming `file:LINE: path: reason` per problem. */
export function parseFeedsConfig(file: string, text: string): FeedsConfig {
  return parseYamlConfig(file, text, feedsFileSchema);
}

/** The poll interval that applies to `feed`: its own, else the file-wide default. */
export function pollIntervalOf(config: FeedsConfig, feed: FeedConfig): number {
  return feed.pollIntervalMinutes ?? config.defaults.pollIntervalMinutes;
}

/**
 * Topic hints that name no topic in topics.yaml, as `file:LINE: feeds[i].topics[j]: …` lines. Optional:
 * callers run it only when a topics file exists, so feeds.yaml stays valid on its own.
 */
export function findUnknownTopicHints(file: string, text: string, config: FeedsConfig, topicIds: ReadonlySet<string>, topicsFile: string): string[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return config.feeds.flatMap((feed, i) =>
    feed.topics.flatMap((topic, j) => {
      if (topicIds.has(topic)) return [];
      const path = ['feeds', i, 'topics', j];
      const message = `unknown topic "${topic}": not defined in ${topicsFile}`;
      return [formatProblem({ file, line: lineOf(doc.contents, path, lineCounter), path: `feeds[${i}].topics[${j}]`, message })];
    }),
  );
}
