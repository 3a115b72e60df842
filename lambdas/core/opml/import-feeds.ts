import { Document, isMap, isSeq, parseDocument } from 'yaml';
import type { FeedConfig } from '../config/feeds.js';
import { feedSchema, normalizeFeedUrl, parseFeedsConfig } from '../config/feeds.js';
import type { OpmlFeed } from './parse-opml.js';
import { formatOpmlProblem, parseOpml } from './parse-opml.js';
import { uniqueSlug } from './slug.js';

// `feeds import`: OPML outlines become new feeds.yaml entries appended to the existing file through the
// yaml Document API, so the admin's comments, order and formatting survive.

export interface ImportResult {
  /** The whole merged feeds.yaml; validated before it is returned. */
  yaml: string;
  added: FeedConfig[];
  /** Duplicates skipped or merged, htmlUrls dropped: reported, not fatal. */
  notices: string[];
  /** Outlines that cannot be imported; when non-empty nothing may be written. */
  errors: string[];
}

export interface ImportInput {
  opmlFile: string;
  opmlText: string;
  feedsFile: string;
  /** Current feeds.yaml text, null when there is none yet. */
  feedsText: string | null;
}

export function importOpml(input: ImportInput): ImportResult {
  const existing = input.feedsText === null ? null : parseFeedsConfig(input.feedsFile, input.feedsText);
  const opml = parseOpml(input.opmlFile, input.opmlText);
  const notices = opml.warnings.map((w) => formatOpmlProblem(input.opmlFile, w));
  const errors = opml.errors.map((e) => formatOpmlProblem(input.opmlFile, e));
  const known = new Map((existing?.feeds ?? []).map((f, i) => [normalizeFeedUrl(f.url), { feed: f, index: i }]));
  const taken = new Set((existing?.feeds ?? []).map((f) => f.id));
  const added: FeedConfig[] = [];
  for (const outline of opml.feeds) {
    const configured = known.get(normalizeFeedUrl(outline.xmlUrl));
    if (configured) {
      const where = `${input.feedsFile} feeds[${configured.index}] "${configured.feed.id}"`;
      notices.push(formatOpmlProblem(input.opmlFile, { ...outline, message: `${outline.xmlUrl} is already configured as ${where}; skipped` }));
      continue;
    }
    const candidate = toFeedConfig(outline, taken);
    const checked = feedSchema.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        errors.push(formatOpmlProblem(input.opmlFile, { ...outline, message: `${issue.path.join('.')}: ${issue.message}` }));
      }
      continue;
    }
    taken.add(checked.data.id);
    added.push(checked.data);
  }
  const yaml = errors.length > 0 ? (input.feedsText ?? '') : appendFeeds(input.feedsText, added);
  if (errors.length === 0) parseFeedsConfig(input.feedsFile, yaml);
  return { yaml, added, notices, errors };
}

function toFeedConfig(outline: OpmlFeed, taken: ReadonlySet<string>): FeedConfig {
  const { extras } = outline;
  const id = extras.id && !taken.has(extras.id) ? extras.id : uniqueSlug(outline.title, new URL(outline.xmlUrl).hostname, taken);
  return {
    id,
    url: outline.xmlUrl,
    title: outline.title,
    ...(outline.htmlUrl ? { site: outline.htmlUrl } : {}),
    enabled: extras.enabled ?? true,
    ...(extras.pollIntervalMinutes !== undefined ? { pollIntervalMinutes: extras.pollIntervalMinutes } : {}),
    topics: extras.topics ?? [],
    tags: outline.tags,
  };
}

/** Appends feeds to feeds.yaml text, keeping what is there; the entries use the shipped file's key order. */
export function appendFeeds(feedsText: string | null, feeds: readonly FeedConfig[]): string {
  if (feeds.length === 0 && feedsText !== null) return feedsText;
  const doc = feedsText === null ? new Document({ feeds: [] }) : parseDocument(feedsText);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ feeds: [] });
  let seq = doc.get('feeds', true);
  if (!isSeq(seq)) {
    doc.set('feeds', doc.createNode([]));
    seq = doc.get('feeds', true);
  }
  if (!isSeq(seq)) throw new Error('unreachable: feeds is a sequence after set');
  if (feeds.length > 0) seq.flow = false;
  for (const feed of feeds) seq.items.push(doc.createNode(toYamlEntry(feed), { flow: false }));
  // Short lists such as tags read best inline, as in the shipped file.
  for (const item of seq.items.slice(seq.items.length - feeds.length)) {
    if (!isMap(item)) continue;
    for (const key of ['tags', 'topics']) {
      const list = item.get(key, true);
      if (isSeq(list)) list.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function toYamlEntry(feed: FeedConfig): Record<string, unknown> {
  const entry: Record<string, unknown> = { id: feed.id, title: feed.title, url: feed.url };
  if (feed.site) entry.site = feed.site;
  if (!feed.enabled) entry.enabled = false;
  if (feed.pollIntervalMinutes !== undefined) entry.pollIntervalMinutes = feed.pollIntervalMinutes;
  if (feed.topics.length > 0) entry.topics = [...feed.topics];
  if (feed.tags.length > 0) entry.tags = [...feed.tags];
  return entry;
}

