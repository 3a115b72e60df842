// The feed parser: bytes in, one Entry model out, for RSS 0.90–2.0, RSS 1.0, Atom 0.3/1.0 and JSON Feed.
//
// Two ways to call it:
// - parseFeed(bytes, { contentType, url, skipIds }) parses and normalizes everything at once; items
//   whose id `skipIds(id)` accepts are left out before any expensive step (date parsing, sanitizing).
// - parseFeedRaw(bytes, options) is the cheap half: it reads the document and assigns each item its
//   final id; normalizeItem(raw) and normalizeFeedMeta(raw.feed) do the rest for the items a caller
//   keeps (the poller normalizes only items it has not stored yet). normalizeItem sanitizes HTML
//   unless told `{ sanitize: false }`, which only benchmarks should say.
// Both throw ParseError for input that is not a feed (HTML, a non-feed JSON object, empty or binary).
// Field choices follow Python's feedparser, the established reference (tests/tools/feedparser-diff.ts
// measures the agreement): which link wins, permalink guids, author formats, dc:date as `updated`, an
// `updated` that falls back to `published`, HTML kept as sanitized source in summary and content.
// Deliberate differences: every item gets an id (guid, link, or a hash), repeated guids get distinct
// ids, utm_* parameters are stripped unless `keepTrackingParams`, tracking pixels and forms are dropped.
import { ParseError } from '../errors.js';
import type { Entry, FeedMeta, ParsedFeed, ParseOptions } from '../model.js';
import { decodeFeedBytes } from '../normalize/charset.js';
import { escapeHtml } from '../normalize/entities.js';
import { parseDate } from '../normalize/dates.js';
import { assignIds } from '../normalize/ids.js';
import { sanitizeHtml } from '../normalize/sanitize.js';
import { toPlainText } from '../normalize/text.js';
import { resolveUrl, stripTrackingParams } from '../normalize/urls.js';
import { readAtom } from './atom.js';
import { detectXmlFormat, looksLikeJson } from './detect.js';
import { readItem } from './entry.js';
import type { ItemFields } from './entry.js';
import type { TextValue } from './fields.js';
import { isJsonFeed, readJsonFeed } from './json-feed.js';
import type { RawFeed, RawFeedMeta, RawItem } from './raw.js';
import { readRdf } from './rdf.js';
import { readRss } from './rss.js';
import { readXml, XmlElement } from './xml-tree.js';

export type { RawFeed, RawFeedMeta, RawItem } from './raw.js';

export interface ParseFeedOptions extends ParseOptions {
  /** Keep utm_* and similar parameters in item links (ids never include them). */
  keepTrackingParams?: boolean;
  /** Items whose id this returns true for are dropped before normalizing (already stored). */
  skipIds?: (id: string) => boolean;
}

export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  const raw = parseFeedRaw(bytes, options);
  const skip = options.skipIds;
  const items = (skip ? raw.items.filter((item) => !skip(item.id)) : raw.items).map((item) => normalizeItem(item));
  return { format: raw.format, feed: { ...normalizeFeedMeta(raw.feed), ttlMinutes: raw.feed.ttlMinutes }, items, warnings: raw.warnings };
}

export function parseFeedRaw(bytes: Uint8Array, options: Omit<ParseFeedOptions, 'skipIds'> = {}): RawFeed {
  if (bytes.length === 0) throw new ParseError(notFeed(options, 'the input is empty'));
  const { text } = decodeFeedBytes(bytes, options.contentType);
  const url = options.url ?? null;
  const warnings: string[] = [];
  const read = looksLikeJson(text) ? readJson(text, url, options) : readXmlFeed(text, url, options, warnings);
  const fields = read.items;
  for (const item of fields) finishLink(item, url, options.keepTrackingParams === true);
  const ids = assignIds(fields.map((f) => ({ guid: f.guid, link: f.link && stripTrackingParams(f.link), title: f.title?.value ?? null, date: f.published ?? f.updated, summary: f.summary?.value ?? null })));
  fields.forEach((item, i) => {
    item.id = ids[i]!;
    item.fallbackBase = url;
  });
  return { format: read.format, feed: read.feed, items: fields, warnings };
}

// Every format's items, wherever they sit: broken feeds put them outside the channel, and feed readers still show them.
const ITEM_ELEMENTS: ReadonlySet<string> = new Set(['item', 'entry']);

type Read = { format: RawFeed['format']; feed: RawFeedMeta; items: ItemFields[] };

function readJson(text: string, url: string | null, options: ParseOptions): Read {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ParseError(notFeed(options, 'the input is neither XML nor valid JSON'), { cause: error });
  }
  if (!isJsonFeed(doc)) throw new ParseError(notFeed(options, 'JSON that is not a JSON Feed (no jsonfeed.org version)'));
  return { format: 'json', ...readJsonFeed(doc, url) };
}

function readXmlFeed(text: string, url: string | null, options: ParseOptions, warnings: string[]): Read {
  const slots: ItemFields[] = [];
  const { root, truncated } = readXml(text, url, { recordNames: ITEM_ELEMENTS, onRecord: (el, order) => void (slots[order] = readItem(el)) });
  // An item whose start was seen but which never reached onRecord (nesting too deep) leaves a hole.
  const items = slots.filter(Boolean);
  if (!root) throw new ParseError(notFeed(options, 'no XML element found (binary or plain text)'));
  // An unknown root that still holds items or a channel is a feed in a wrapper; feed readers read it.
  const format = detectXmlFormat(root) ?? (items.length > 0 || hasChannel(root) ? 'rss' : null);
  if (!format) throw new ParseError(notFeed(options, `the root element <${root.name}> is not RSS, RDF or Atom`));
  if (truncated) warnings.push('the document ends early or has unclosed elements; complete items were kept');
  const feed = format === 'atom' ? readAtom(root) : format === 'rdf' ? readRdf(root) : readRss(root);
  return { format, feed, items };
}

function hasChannel(root: XmlElement): boolean {
  return root.children.some((c) => c instanceof XmlElement && c.name === 'channel');
}

function finishLink(item: RawItem, base: string | null, keepTracking: boolean): void {
  if (!item.link) return;
  const link = resolveUrl(item.link, base);
  item.link = keepTracking ? link : stripTrackingParams(link);
}

function notFeed(options: ParseOptions, reason: string): string {
  return `${options.url ?? 'input'}: not a feed: ${reason}`;
}

export interface NormalizeOptions {
  /**
   * Sanitize HTML (default true). Only benchmarks and callers that never show the HTML to anyone
   * may turn it off: the fields then hold the feed's HTML as written.
   */
  sanitize?: boolean;
}

/** The expensive half for one item: dates to UTC, links absolute, HTML sanitized, text fields decoded. */
export function normalizeItem(raw: RawItem, options: NormalizeOptions = {}): Entry {
  const clean = options.sanitize !== false;
  const published = parseDate(raw.published);
  return {
    id: raw.id,
    title: plain(raw.title, clean, raw.fallbackBase),
    link: raw.link,
    published,
    // Feed readers show the publication date when an item was never updated; so does the oracle we match.
    updated: parseDate(raw.updated) ?? published,
    author: raw.author?.trim() || null,
    summary: clean ? markup(raw.summary, raw.fallbackBase) : raw.summary?.value || null,
    content: clean ? markup(raw.content, raw.fallbackBase) : raw.content?.value || null,
    categories: raw.categories,
    enclosures: raw.enclosures.map((e) => ({ ...e, url: resolveUrl(e.url, raw.fallbackBase) })),
    imageUrl: raw.imageUrl ? resolveUrl(raw.imageUrl, raw.fallbackBase) : null,
  };
}

export function normalizeFeedMeta(raw: RawFeedMeta): FeedMeta {
  return { title: plain(raw.title, true), link: raw.link, description: plain(raw.description, true), language: raw.language };
}

function plain(value: TextValue | null, clean: boolean, fallbackBase: string | null = null): string | null {
  if (!value) return null;
  return (clean ? toPlainText(value.value, value.html, value.base ?? fallbackBase) : value.value.trim()) || null;
}

function markup(value: TextValue | null, fallbackBase: string | null): string | null {
  if (!value || !value.value) return null;
  // Plain text stays as written, except that text holding '<' is escaped so it can never act as markup.
  if (!value.html) return (value.value.includes('<') ? escapeHtml(value.value) : value.value).trim() || null;
  return sanitizeHtml(value.value, value.base ?? fallbackBase) || null;
}
