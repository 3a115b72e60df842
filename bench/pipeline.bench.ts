// `npm run bench -- pipeline`: one local poll cycle of 500 feeds × 50 items served from a loopback server
// into the embedded dynalite, exactly as `npm start` runs it (in-process queue, real fetcher, parser,
// tagger and DynamoDB store). Prints: entries stored (each exactly once), peak RSS against the 300 MB
// target, consumed write units per new entry against the 2 + 1-per-topic target, and — measured in the
// same run — a second cycle where everything is already stored, and the storage floor: the same number
// of rows written with plain BatchWriteItem (no conditions, no reads).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../lambdas/adapters/dynamodb/table.js';
import { startLocal } from '../lambdas/wiring/local.js';
import type { CycleResult } from '../lambdas/wiring/local.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const RSS_TARGET_MB = 300;
const root = join(import.meta.dirname, '..');

const HEADLINES = [
  'Police expand face recognition cameras across downtown',
  'Quarterly earnings beat expectations at a chip maker',
  'Immigration court backlog grows as asylum hearings are delayed',
  'New laptop lineup arrives with longer battery life',
  'Regulators question an AI chatbot over invented legal citations',
  'Open-source maintainers gather for a weekend sprint',
  'Deportation flights resume after a court ruling',
  'Streaming service raises prices again',
];

function feedXml(feed: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const title = `${HEADLINES[(feed + i) % HEADLINES.length]} (${feed}-${i})`;
    const date = new Date(Date.UTC(2026, 10, 30, 0, 0, 0) - (feed * ITEMS + i) * 60_000).toUTCString();
    const summary = `<p>Reporters at outlet ${feed} filed story ${i}. ${'Background paragraph with ordinary words and a <a href="https://example.org/more">link</a>. '.repeat(4)}</p>`;
    return `<item><title>${title}</title><link>https://outlet${feed}.example/story/${i}?utm_source=rss</link><guid isPermaLink="false">outlet-${feed}-story-${i}</guid><pubDate>${date}</pubDate><description><![CDATA[${summary}]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${feed}</title><link>https://outlet${feed}.example/</link>${items.join('')}</channel></rss>`;
}

async function startFeedServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const bodies = Array.from({ length: FEEDS }, (_, f) => Buffer.from(feedXml(f)));
  const server = createServer((req, res) => {
    const body = bodies[Number(/^\/feed\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1)];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function countEntries(doc: DynamoDBDocumentClient, table: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', FilterExpression: '#t = :e', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':e': 'entry' }, ExclusiveStartKey: start }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** The storage floor: as many rows of the same size, blind BatchWriteItem, into a fresh table. */
async function writeFloor(doc: DynamoDBDocumentClient, rows: number): Promise<number> {
  await ensureTable(doc, 'floor');
  const filler = 'x'.repeat(900);
  const started = performance.now();
  for (let i = 0; i < rows; i += 25) {
    const items = Array.from({ length: Math.min(25, rows - i) }, (_, j) => ({ PutRequest: { Item: { pk: `P#${(i + j) % 500}`, sk: `S#${i + j}`, filler } } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { floor: items } }));
  }
  return performance.now() - started;
}

function totals(cycle: CycleResult) {
  const created = cycle.polled.reduce((n, s) => n + s.newEntries, 0);
  const topicRows = cycle.polled.reduce((n, s) => n + Object.values(s.perTopic).reduce((a, b) => a + b, 0), 0);
  return { created, topicRows, failed: cycle.failed.length + cycle.polled.filter((s) => s.kind !== 'ok').length };
}

/** BENCH_DEBUG=1: live heap after a full GC, to tell retained memory from garbage not yet collected. */
function debugMemory(label: string): void {
  if (!process.env.BENCH_DEBUG) return;
  globalThis.gc?.();
  console.log(label, process.memoryUsage());
}

const dir = mkdtempSync(join(tmpdir(), 'topicwire-bench-'));
const server = await startFeedServer();
copyFileSync(join(root, 'config', 'topics.yaml'), join(dir, 'topics.yaml'));
writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${Array.from({ length: FEEDS }, (_, f) => `  - id: outlet-${f}\n    url: http://${server.origin}/feed/${f}.xml\n    title: Outlet ${f}\n`).join('')}`);
// Persisted under a data folder, as `npm start` runs it (LevelDB keeps the rows on disk, not in the heap).
const runtime = await startLocal({ configDir: dir, dataDir: join(dir, 'data'), allowOrigins: [server.origin] });
let peakSampled = process.memoryUsage().rss;
const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage().rss)), 50);
try {
  await runtime.syncFeeds();
  debugMemory('before cycle 1');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const first = totals(await runtime.runPollCycle({ all: true }));
  const firstMs = performance.now() - t0;
  const cpu1 = process.cpuUsage(cpu0);
  const writeUnits = runtime.stores.entries.meter.writeUnits;
  const cyclePeakMb = Math.max(peakSampled, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  debugMemory('after cycle 1');
  const t1 = performance.now();
  const second = totals(await runtime.runPollCycle({ all: true }));
  const secondMs = performance.now() - t1;
  const stored = await countEntries(runtime.doc, runtime.tableName);
  const floorMs = await writeFloor(runtime.doc, first.created + first.topicRows);
  clearInterval(sampler);
  const peakMb = Math.max(peakSampled, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  const expected = FEEDS * ITEMS;
  const perEntry = writeUnits / first.created;
  const target = 2 + first.topicRows / first.created;

  console.log(`feeds × items                  ${FEEDS} × ${ITEMS} = ${expected} items served from ${server.origin}`);
  console.log(`cycle 1 (all new)              ${(firstMs / 1000).toFixed(1)} s wall, ${((cpu1.user + cpu1.system) / 1e6).toFixed(1)} CPU-s, ${(first.created / (firstMs / 1000)).toFixed(0)} entries/s, ${first.failed} feeds failed`);
  console.log(`entries stored                 ${stored} (created ${first.created}, expected ${expected}) → ${stored === expected && first.created === expected ? 'each exactly once' : 'MISMATCH'}`);
  console.log(`cycle 2 (all stored)           ${(secondMs / 1000).toFixed(1)} s wall, ${second.created} new → ${(firstMs / secondMs).toFixed(1)}× faster than cycle 1 (skip before normalize/tag)`);
  console.log(`storage floor (blind batches)  ${(floorMs / 1000).toFixed(1)} s for ${first.created + first.topicRows} rows → cycle 1 is ${(firstMs / floorMs).toFixed(2)}× the floor`);
  console.log(`write units per new entry      ${perEntry.toFixed(2)} WCU (entry row + ${(first.topicRows / first.created).toFixed(2)} topic rows); target ≤ ${target.toFixed(2)} → ${perEntry <= target ? 'ok' : 'OVER'}`);
  console.log(`peak RSS in cycle 1            ${cyclePeakMb.toFixed(0)} MB (target < ${RSS_TARGET_MB} MB) → ${cyclePeakMb < RSS_TARGET_MB ? 'ok' : 'OVER'}; whole bench incl. floor ${peakMb.toFixed(0)} MB`);
  if (stored !== expected || first.created !== expected || second.created !== 0) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await runtime.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
