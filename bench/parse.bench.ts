// Parser throughput and memory, each figure next to a baseline measured in the same run:
// (a) parse + normalize vs rss-parser's parseString, (c) parse vs a raw floor (decode + one scan for
// item tags), and the peak extra memory of parsing a ~5 MB / 2,000-item feed (child processes, maxRSS).
//   npm run bench -- parse
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { normalizeItem, parseFeed, parseFeedRaw } from '../lambdas/core/parse/index.js';
import { syntheticFeed } from './synthetic-feed.js';

const here = fileURLToPath(import.meta.url);
const fixtures = join(dirname(here), '..', 'tests', 'fixtures', 'feeds');

function corpusFiles(): Buffer[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  return walk(fixtures).filter((f) => !f.includes('/notfeed/') && /\.(xml|json)$/.test(f)).map((f) => readFileSync(f));
}

function rawFloor(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  let count = 0;
  for (let at = text.indexOf('<item'); at >= 0; at = text.indexOf('<item', at + 5)) count++;
  for (let at = text.indexOf('<entry'); at >= 0; at = text.indexOf('<entry', at + 6)) count++;
  return count;
}

type Measured = { mbPerSec: number; itemsPerSec: number };

/** Repeats `run` over `docs` until about `seconds` of CPU time are spent; returns bytes, items and CPU seconds. */
async function measure(docs: Buffer[], run: (doc: Buffer) => number | Promise<number>, seconds = 1.5) {
  for (const doc of docs.slice(0, 3)) await run(doc);
  let bytes = 0;
  let items = 0;
  const start = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    for (const doc of docs) {
      items += await run(doc);
      bytes += doc.length;
    }
    const used = process.cpuUsage(start);
    cpu = (used.user + used.system) / 1e6;
  }
  return { mbPerSec: bytes / 1048576 / cpu, itemsPerSec: items / cpu };
}

/** Runs the measurements interleaved `rounds` times and keeps each one's best: the machine is shared, and load only ever slows a run down. */
async function bestOf<T extends { mbPerSec: number }>(rounds: number, runs: Array<() => Promise<T>>): Promise<T[]> {
  const best: T[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, run] of runs.entries()) {
      const result = await run();
      if (!best[i] || result.mbPerSec > best[i]!.mbPerSec) best[i] = result;
    }
  }
  return best;
}

const rssParser = new Parser();
const xmlDocs = (docs: Buffer[]) => docs.filter((d) => !/^\s*\{/.test(d.toString('utf8', 0, 64)));
const ours = (doc: Buffer) => parseFeed(doc).items.length;
const oursRaw = (doc: Buffer) => parseFeedRaw(doc).items.length;
// Parse + normalize as the pipeline runs it before deciding what is new: sanitizing is its own, later step.
const oursNoSanitize = (doc: Buffer) => parseFeedRaw(doc).items.map((i) => normalizeItem(i, { sanitize: false })).length;
const reference = async (doc: Buffer) => (await rssParser.parseString(doc.toString('utf8'))).items.length;

function row(label: string, r: { mbPerSec: number; itemsPerSec: number }, base?: { itemsPerSec: number }, baseName?: string): string {
  const ratio = base ? `  ${(r.itemsPerSec / base.itemsPerSec).toFixed(2)}× ${baseName}` : '';
  return `  ${label.padEnd(40)} ${r.mbPerSec.toFixed(2).padStart(8)} MB/s ${Math.round(r.itemsPerSec).toString().padStart(9)} items/CPU-s${ratio}`;
}

/** The documents both parsers accept, so both are timed on the same work. */
async function comparable(docs: Buffer[]): Promise<Buffer[]> {
  const ok: Buffer[] = [];
  for (const doc of xmlDocs(docs)) {
    try {
      // Twice: xml2js accepts some damaged documents once and rejects them on every later parse.
      await reference(doc);
      await reference(doc);
      ours(doc);
      ok.push(doc);
    } catch {
      // rss-parser refuses Atom 0.3, truncated and some damaged feeds; they are left out of the timing.
    }
  }
  return ok;
}

async function throughput(name: string, docs: Buffer[]): Promise<void> {
  const xml = await comparable(docs);
  const mb = xml.reduce((n, d) => n + d.length, 0) / 1048576;
  process.stdout.write(`\n${name}: ${xml.length} XML documents, ${mb.toFixed(2)} MB (best of 5 interleaved rounds)\n`);
  const results = await bestOf(5, [reference, ours, oursNoSanitize, oursRaw, rawFloor].map((run) => () => measure(xml, run, 0.3)));
  const [theirs, full, normalized, raw, floor] = results as [Measured, Measured, Measured, Measured, Measured];
  process.stdout.write(`${row('rss-parser parseString (baseline a)', theirs)}\n`);
  process.stdout.write(`${row('topicwire parse + normalize (a)', normalized, theirs, 'rss-parser (target ≥ 3.5×)')}\n`);
  process.stdout.write(`${row('topicwire parse, raw phase only', raw, theirs, 'rss-parser')}\n`);
  process.stdout.write(`${row('topicwire parse + normalize + sanitize', full, theirs, 'rss-parser')}\n`);
  process.stdout.write(`${row('raw floor: decode + scan (baseline c)', floor)}\n`);
  process.stdout.write(`  (c) topicwire parse is ${(floor.mbPerSec / raw.mbPerSec).toFixed(2)}× slower than the floor (target within 5×); with normalize ${(floor.mbPerSec / normalized.mbPerSec).toFixed(2)}×, with sanitize too ${(floor.mbPerSec / full.mbPerSec).toFixed(2)}×\n`);
}

function memoryChild(file: string, which: string): void {
  const bytes = readFileSync(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  const done = (count: number) => {
    const peak = process.resourceUsage().maxRSS;
    process.stdout.write(JSON.stringify({ items: count, peakExtraMiB: (peak - before) / 1024, retainedHeapMiB: (process.memoryUsage().heapUsed - heapBefore) / 1048576 }));
  };
  if (which === 'ours') done(parseFeedRaw(bytes).items.map((i) => normalizeItem(i, { sanitize: false })).length);
  else if (which === 'ours-sanitized') done(parseFeed(bytes).items.length);
  else void rssParser.parseString(bytes.toString('utf8')).then((f) => done(f.items.length));
}

function memory(feed: Buffer): void {
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-'));
  const file = join(dir, 'synthetic.xml');
  writeFileSync(file, feed);
  const run = (which: string) => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', here, 'memory', file, which], { encoding: 'utf8' });
    return JSON.parse(child.stdout) as { items: number; peakExtraMiB: number; retainedHeapMiB: number };
  };
  const mine = run('ours');
  const sanitized = run('ours-sanitized');
  const theirs = run('rss-parser');
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\nPeak extra memory parsing the ${(feed.length / 1048576).toFixed(1)} MB feed (maxRSS growth, fresh process each):\n`);
  process.stdout.write(`  topicwire parse + normalize: ${mine.peakExtraMiB.toFixed(1)} MiB peak, ${mine.retainedHeapMiB.toFixed(1)} MiB heap retained (${mine.items} items; target < 30 MiB)\n`);
  process.stdout.write(`  ... + sanitize every item:   ${sanitized.peakExtraMiB.toFixed(1)} MiB peak, ${sanitized.retainedHeapMiB.toFixed(1)} MiB heap retained\n`);
  process.stdout.write(`  rss-parser parseString:      ${theirs.peakExtraMiB.toFixed(1)} MiB peak, ${theirs.retainedHeapMiB.toFixed(1)} MiB heap retained (${theirs.items} items)\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'memory') return memoryChild(process.argv[3]!, process.argv[4]!);
  const synthetic = syntheticFeed(2000);
  memory(synthetic);
  await throughput('Fixture corpus', corpusFiles());
  await throughput('Synthetic feed', [synthetic]);
}

await main();
