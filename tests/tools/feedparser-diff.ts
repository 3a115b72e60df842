// Differential check against Python's feedparser (Debian python3-feedparser, seen only by /usr/bin/python3):
// parses every fixture with both and prints the fields that disagree and the agreement percentage.
//   node --import tsx tests/tools/feedparser-diff.ts [DIR_OR_FILE…] [--verbose] [--strict]
// Text fields are compared after the normalization the parse contract implies (entities decoded,
// whitespace collapsed); summary/content also compare as HTML with entities decoded.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHTMLStrict } from 'entities';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const inputs = args.filter((a) => !a.startsWith('--'));
// feedparser 6.0 reads no JSON Feed, so JSON fixtures are left out of the comparison.
const files = (inputs.length ? inputs : [join(root, 'tests/fixtures/feeds')]).flatMap(listFiles).filter((f) => !/\.(json|ts)$/.test(f)).sort();

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => listFiles(join(path, name)));
}

function runJsonl(command: string, argv: string[]): Array<Record<string, unknown>> {
  const run = spawnSync(command, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

const oracle = runJsonl('/usr/bin/python3', [join(here, 'feedparser-dump.py'), ...files]);
const ours = runJsonl(process.execPath, [join(root, 'bin/topicwire.mjs'), 'parse', '--jsonl', ...files]);

// --strict compares strings as they are (only trimmed), to see whitespace and entity differences too.
const strict = args.includes('--strict');
const norm = (v: unknown): unknown => {
  if (typeof v !== 'string') return v ?? null;
  if (strict) return v.trim() === '' ? null : v.trim();
  const s = decodeHTMLStrict(v.replace(/<br\s*\/?>/gi, '<br>')).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
};
const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b)) || (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a.map(norm)) === JSON.stringify(b.map(norm)));

// Where the contract itself asks for something else: every item has an id (feedparser leaves it empty
// without a guid) and a repeated guid does not make items collide.
const contractDeviation = (field: string, expected: unknown, actual: unknown) =>
  field === 'id' && (expected === null || expected === '' || (typeof actual === 'string' && actual.startsWith(`${String(expected)}#`)));
let deviations = 0;
let checks = 0;
let agreed = 0;
const byField = new Map<string, number>();
const check = (file: string, where: string, field: string, expected: unknown, actual: unknown) => {
  if (contractDeviation(field, expected, actual)) return void deviations++;
  checks++;
  if (same(expected, actual)) return void agreed++;
  byField.set(field, (byField.get(field) ?? 0) + 1);
  if (verbose || byField.get(field)! <= 400) process.stdout.write(`✗ ${file.replace(`${root}/`, '')} ${where}.${field}\n    feedparser: ${JSON.stringify(expected)}\n    topicwire:  ${JSON.stringify(actual)}\n`);
};

let crashed = 0;
oracle.forEach((o, i) => {
  const file = String(o.file);
  const mine = ours[i]!;
  if ('crash' in o) return void crashed++;
  const oItems = o.items as Array<Record<string, unknown>>;
  const oFeed = o.feed as Record<string, unknown>;
  if ('error' in mine) {
    // feedparser names the format (version) of every RSS, RDF or Atom document, even an empty one.
    const feedparserSawFeed = oItems.length > 0 || Boolean(oFeed.title) || Boolean(o.version);
    check(file, 'doc', 'is-feed', feedparserSawFeed, false);
    return;
  }
  check(file, 'doc', 'is-feed', true, true);
  const feed = mine.feed as Record<string, unknown>;
  for (const key of ['title', 'link', 'description', 'language']) check(file, 'feed', key, oFeed[key], feed[key]);
  const items = mine.items as Array<Record<string, unknown>>;
  check(file, 'doc', 'item-count', oItems.length, items.length);
  oItems.slice(0, items.length).forEach((oi, n) => {
    for (const key of ['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content', 'categories']) {
      check(file, `items[${n}]`, key, oi[key], items[n]![key]);
    }
  });
});

process.stdout.write(`\n${files.length} files, ${checks} checks, ${agreed} agree: ${((100 * agreed) / checks).toFixed(2)} % (${deviations} id checks skipped: the contract requires ids feedparser leaves empty; ${crashed} files feedparser crashed on)\n`);
for (const [field, n] of [...byField].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${field}: ${n} disagreements\n`);
