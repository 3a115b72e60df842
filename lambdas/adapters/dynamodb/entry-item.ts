import { Parser } from 'htmlparser2';
import { MAX_EVIDENCE_PER_TAG } from '../../core/model.js';
import type { StoredEntry, TopicTag } from '../../core/model.js';
import { entryKey, expiresAtOf, hashEntryId, topicIndexKey } from './keys.js';

// An entry row must stay within 2 KB (2 write units): whole article bodies are not stored, the summary is
// plain text cut at a word boundary, and evidence is capped per topic.
export const ENTRY_ROW_BUDGET = 2_000;
const SUMMARY_MAX = 700;
const EVIDENCE_PER_TOPIC = MAX_EVIDENCE_PER_TAG;
const CATEGORIES_MAX = 12;
// Hostile feeds send megabyte titles; a row over DynamoDB's 400 KB limit would fail the whole feed's poll.
const TITLE_MAX = 500;
const AUTHOR_MAX = 200;
const URL_MAX = 2_048;

/** A cut URL would point somewhere else, so an absurdly long one is dropped instead. */
const boundedUrl = (url: string | null) => (url !== null && url.length <= URL_MAX ? url : null);
const boundedText = (text: string | null, max: number) => (text === null ? null : trimText(text, max));

// Markup is read in slices so a long body stops being parsed once the row's summary is certain.
const PLAIN_TEXT_SLICE = 4_096;

/**
 * Plain text of an HTML fragment, whitespace collapsed. With `enough`, reading may stop once the text
 * is longer than that: the result then starts with the same `enough` + 1 characters (all a summary cut
 * at `enough` looks at) but may be shorter than the full text.
 */
export function toPlainText(html: string, enough = Infinity): string {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  // Text without markup or entities reads the same either way; most feed summaries are like that.
  if (!html.includes('<') && !html.includes('&')) return squash(html);
  let text = '';
  const parser = new Parser({ ontext: (t) => (text += t), onclosetag: () => (text += ' ') }, { decodeEntities: true });
  for (let at = 0; at < html.length; at += PLAIN_TEXT_SLICE) {
    parser.write(html.slice(at, at + PLAIN_TEXT_SLICE));
    // Only text the parser has already emitted counts: end() could turn a half-read tag into text.
    if (text.length > enough && squash(text).length > enough) return squash(text);
  }
  parser.end();
  return squash(text);
}

export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Approximates DynamoDB's item size (attribute names plus values), erring on the large side. */
export function itemSize(item: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(item), 'utf8');
}

function compactTopics(topics: TopicTag[]): TopicTag[] {
  // Same key order as the tagger's tags, so re-tagging compares stored and fresh tags byte for byte.
  return topics.map((t) => ({ topic: t.topic, score: t.score, evidence: t.evidence.slice(0, EVIDENCE_PER_TOPIC), ...(t.probability === undefined ? {} : { probability: t.probability }) }));
}

export function toEntryItem(entry: StoredEntry, retentionDays: number): Record<string, unknown> {
  const source = entry.summary ?? entry.content;
  // Named keys rather than a spread: V8 builds a spread-then-extended literal through a slow path (2-3x per row).
  const { pk, sk } = entryKey(entry.feedId, entry.id);
  const item: Record<string, unknown> = {
    pk,
    sk,
    type: 'entry',
    feedId: entry.feedId,
    entryId: entry.id,
    firstSeenAt: entry.firstSeenAt,
    title: boundedText(entry.title, TITLE_MAX),
    link: boundedUrl(entry.link),
    published: entry.published,
    updated: entry.updated,
    author: boundedText(entry.author, AUTHOR_MAX),
    summary: source === null ? null : trimText(toPlainText(source, SUMMARY_MAX), SUMMARY_MAX),
    categories: entry.categories.slice(0, CATEGORIES_MAX).map((c) => trimText(c, 80)),
    enclosures: entry.enclosures.slice(0, 1).filter((e) => boundedUrl(e.url) !== null),
    imageUrl: boundedUrl(entry.imageUrl),
    topics: compactTopics(entry.topics),
    expiresAt: expiresAtOf(entry.firstSeenAt, retentionDays),
  };
  return fitBudget(item);
}

/** Shrinks the summary, then the evidence, until the row fits. */
function fitBudget(item: Record<string, unknown>): Record<string, unknown> {
  let size = itemSize(item);
  if (size <= ENTRY_ROW_BUDGET) return item;
  const summary = item.summary as string | null;
  if (summary) {
    const room = Math.max(80, summary.length - (size - ENTRY_ROW_BUDGET) - 8);
    item.summary = trimText(summary, room);
    size = itemSize(item);
  }
  if (size > ENTRY_ROW_BUDGET) {
    item.topics = (item.topics as TopicTag[]).map((t) => ({ ...t, evidence: t.evidence.slice(0, 1) }));
  }
  return item;
}

type EntryRow = Omit<StoredEntry, 'id' | 'content'> & { entryId: string };

export function fromEntryItem(item: Record<string, unknown>): StoredEntry {
  const e = item as Partial<EntryRow>;
  return {
    id: String(e.entryId),
    feedId: String(e.feedId),
    firstSeenAt: String(e.firstSeenAt),
    title: e.title ?? null,
    link: e.link ?? null,
    published: e.published ?? null,
    updated: e.updated ?? null,
    author: e.author ?? null,
    summary: e.summary ?? null,
    content: null,
    categories: e.categories ?? [],
    enclosures: e.enclosures ?? [],
    imageUrl: e.imageUrl ?? null,
    topics: e.topics ?? [],
  };
}

/** A topic-index row holds only what ordering and reconciliation need; readers fetch the entry row. */
export function toTopicIndexItem(entry: StoredEntry, tag: TopicTag, retentionDays: number): Record<string, unknown> {
  const { pk, sk } = topicIndexKey(tag.topic, entry.firstSeenAt, entry.feedId, entry.id);
  return {
    pk,
    sk,
    type: 'topic-index',
    topic: tag.topic,
    feedId: entry.feedId,
    idHash: hashEntryId(entry.id),
    firstSeenAt: entry.firstSeenAt,
    score: tag.score,
    expiresAt: expiresAtOf(entry.firstSeenAt, retentionDays),
  };
}
