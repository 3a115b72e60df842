// (b) The whole ingestion of a feed — decode, parse, normalize, sanitize, tag, build the DynamoDB items —
// against the same pipeline built on rss-parser, measured side by side in one run (target ≥ 1.8×).
// Both sides share everything after parsing (our sanitizer, date parser, id assignment, tagger and item
// builders), so the ratio isolates what the parser choice costs the whole ingestion.
//   npm run bench -- ingest
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { toEntryItem, toTopicIndexItem } from '../lambdas/adapters/dynamodb/entry-item.js';
import { loadTopics } from '../lambdas/adapters/fs/topics-config.js';
import type { Entry, StoredEntry } from '../lambdas/core/model.js';
import { decodeFeedBytes } from '../lambdas/core/normalize/charset.js';
import { parseDate } from '../lambdas/core/normalize/dates.js';
import { assignIds } from '../lambdas/core/normalize/ids.js';
import { sanitizeHtml } from '../lambdas/core/normalize/sanitize.js';
import { resolveUrl, stripTrackingParams } from '../lambdas/core/normalize/urls.js';
import { parseFeed } from '../lambdas/core/parse/index.js';
import { syntheticFeed } from './synthetic-feed.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { tagEntry } = await loadTopics(join(root, 'config'));
const FIRST_SEEN = '2026-12-01T00:00:00.000Z';

function storeItems(entries: Entry[]): number {
  let rows = 0;
  for (const entry of entries) {
    const stored: StoredEntry = { ...entry, feedId: 'bench', firstSeenAt: FIRST_SEEN, topics: tagEntry(entry) };
    toEntryItem(stored, 90);
    rows++;
    for (const tag of stored.topics) {
      toTopicIndexItem(stored, tag, 90);
      rows++;
    }
  }
  return rows;
}

function ingestOurs(bytes: Buffer): number {
  const feed = parseFeed(bytes, { contentType: 'application/rss+xml', url: 'https://bench.example/feed' });
  storeItems(feed.items);
  return feed.items.length;
}

const rssParser = new Parser();

async function ingestWithRssParser(bytes: Buffer): Promise<number> {
  const { text } = decodeFeedBytes(bytes, 'application/rss+xml');
  const feed = await rssParser.parseString(text);
  const base = feed.link ?? 'https://bench.example/feed';
  const raw = feed.items.map((item) => ({
    guid: item.guid ?? null,
    link: item.link ? stripTrackingParams(resolveUrl(item.link, base)) : null,
    title: item.title ?? null,
    date: item.pubDate ?? item.isoDate ?? null,
    summary: item.contentSnippet ?? null,
  }));
  const ids = assignIds(raw);
  const entries: Entry[] = feed.items.map((item, i) => ({
    id: ids[i]!,
    title: item.title ?? null,
    link: raw[i]!.link,
    published: parseDate(item.pubDate ?? item.isoDate),
    updated: null,
    author: item.creator ?? (item as { author?: string }).author ?? null,
    summary: item.summary ?? item.contentSnippet ? sanitizeHtml(item.summary ?? item.contentSnippet ?? '', base) : null,
    content: (item as { 'content:encoded'?: string })['content:encoded'] ?? item.content ? sanitizeHtml((item as { 'content:encoded'?: string })['content:encoded'] ?? item.content ?? '', base) : null,
    categories: item.categories ?? [],
    enclosures: [],
    imageUrl: null,
  }));
  storeItems(entries);
  return entries.length;
}

function corpus(): Buffer[] {
  const dir = join(root, 'tests', 'fixtures', 'feeds');
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  // rss-parser reads RSS and Atom only; both sides get the same XML documents it can parse.
  const docs = walk(dir).filter((f) => f.endsWith('.xml') && !f.includes('notfeed')).map((f) => readFileSync(f));
  return docs.filter((doc) => {
    try {
      parseFeed(doc);
      return true;
    } catch {
      return false;
    }
  });
}

async function cpuSecondsFor(docs: Buffer[], run: (doc: Buffer) => number | Promise<number>, seconds: number) {
  for (const doc of docs.slice(0, 2)) await run(doc).valueOf();
  let items = 0;
  const start = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    for (const doc of docs) {
      try {
        items += await run(doc);
      } catch {
        // A fixture one parser rejects costs it time but yields no items.
      }
    }
    const used = process.cpuUsage(start);
    cpu = (used.user + used.system) / 1e6;
  }
  return items / cpu;
}

async function compare(label: string, docs: Buffer[], seconds: number) {
  const ours = await cpuSecondsFor(docs, ingestOurs, seconds);
  const theirs = await cpuSecondsFor(docs, ingestWithRssParser, seconds);
  const ratio = ours / theirs;
  process.stdout.write(
    `${label.padEnd(34)} ours ${ours.toFixed(0).padStart(7)} items/CPU-s   rss-parser pipeline ${theirs.toFixed(0).padStart(7)} items/CPU-s   ratio ${ratio.toFixed(2)}× (target ≥ 1.8×) ${ratio >= 1.8 ? 'OK' : 'BELOW TARGET'}\n`,
  );
}

const docs = corpus();
process.stdout.write(`ingestion (decode, parse, normalize, sanitize, tag, build DynamoDB items) — ${docs.length} fixture feeds + synthetic\n`);
await compare(`fixture corpus (${docs.length} feeds)`, docs, 2);
await compare('synthetic 2,000 items (~5 MB)', [syntheticFeed(2000)], 3);
