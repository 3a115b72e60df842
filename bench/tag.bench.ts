// `npm run bench -- tag`: items/s for tagging title + summary of typical items on one core with the
// shipped rules and learned models (target ≥ 20,000/s), next to the rules alone and a plain-regex
// baseline measured in the same run: one case-insensitive alternation
// of keywords per topic, no cleaning, no evidence. Items are the dev set's headlines and summaries,
// once as plain text and once wrapped in the paragraph/link markup feeds usually carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopics } from '../lambdas/adapters/fs/topics-config.js';
import { compileTopics, tagEntry } from '../lambdas/core/tag/index.js';

const ROUNDS = 9;
const MIN_MS = 400;
const TARGET = 20_000;

interface Item {
  title: string;
  summary: string;
}

const root = join(import.meta.dirname, '..');
const plain: Item[] = readFileSync(join(root, 'tests/eval/topics-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Item)
  .map(({ title, summary }) => ({ title, summary }));
const html: Item[] = plain.map(({ title, summary }) => ({ title, summary: `<p>${summary.replace(/\b(said|says)\b/, '<a href="https://example.org/x">$1</a>')}</p>` }));

const { compiled, config } = await loadTopics(join(root, 'config'), root);

const baseline = config.topics.map((topic) => {
  const words = topic.rules.flatMap((r) => [...r.phrases, ...r.acronyms]).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { id: topic.id, re: new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') };
});
const tagWithRegex = (item: Item) => baseline.filter((b) => b.re.test(item.title) || b.re.test(item.summary)).map((b) => b.id);
const tagShipped = (item: Item) => tagEntry(compiled, item);
const rulesAlone = compileTopics(config);
const tagWithRulesAlone = (item: Item) => tagEntry(rulesAlone, item);

/** Best items/s over ROUNDS timed rounds of at least MIN_MS each. */
function measure(items: Item[], tag: (item: Item) => unknown): number {
  let sink = 0;
  let best = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    let done = 0;
    const start = process.hrtime.bigint();
    let elapsedMs = 0;
    while (elapsedMs < MIN_MS) {
      for (const item of items) sink += (tag(item) as unknown[]).length;
      done += items.length;
      elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    }
    // Round 0 warms the JIT and the stem cache and is not counted.
    if (round > 0) best = Math.max(best, (done / elapsedMs) * 1000);
  }
  if (sink < 0) process.stdout.write('');
  return best;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
process.stdout.write(`${plain.length} distinct items, ${config.topics.length} topics; best of ${ROUNDS} rounds, one core\n\n`);
process.stdout.write(`${'items/s'.padEnd(22)}${'rules + model'.padStart(16)}${'rules alone'.padStart(14)}${'regex baseline'.padStart(16)}\n`);
let ok = true;
for (const [name, items] of [['plain title+summary', plain], ['HTML summary', html]] as const) {
  const shipped = measure(items, tagShipped);
  const rules = measure(items, tagWithRulesAlone);
  const regex = measure(items, tagWithRegex);
  ok &&= shipped >= TARGET;
  process.stdout.write(`${name.padEnd(22)}${fmt(shipped).padStart(16)}${fmt(rules).padStart(14)}${fmt(regex).padStart(16)}\n`);
}
process.stdout.write(`\ntarget ${TARGET.toLocaleString('en-US')} items/s with rules + model: ${ok ? 'met' : 'NOT met'}\n`);
