// `npm run eval:topics [-- --part N] [--errors]`: precision, recall and F1 per topic and macro-F1 of
// config/topics.yaml on the labelled dev set. Part 1 was written for tuning; every later part was written
// before the rules had seen it and scored once blind (the generalization estimates in docs/topics.md)
// before it was used for tuning too.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTopics, topicsConfigDir } from '../../lambdas/adapters/fs/topics-config.js';
import { tagEntry } from '../../lambdas/core/tag/index.js';
import { scoreDataset } from './metrics.js';
import type { LabelledItem } from './metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const partArg = args.includes('--part') ? Number(args[args.indexOf('--part') + 1]) : null;
const showErrors = args.includes('--errors');

const items: LabelledItem[] = readFileSync(join(here, 'topics-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledItem);
const { config, compiled } = await loadTopics(topicsConfigDir(undefined, process.env, process.cwd()));
const topicIds = config.topics.map((t) => t.id);
const predict = (item: LabelledItem) => tagEntry(compiled, item).map((t) => t.topic);
// The naive alternative for comparison: any configured phrase or acronym, anywhere, case-insensitive.
const keywordLists = config.topics.map((topic) => {
  const words = topic.rules.flatMap((r) => [...r.phrases, ...r.acronyms]).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { id: topic.id, re: new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') };
});
const predictWithKeywords = (item: LabelledItem) => keywordLists.filter((k) => k.re.test(`${item.title}\n${item.summary}`)).map((k) => k.id);

const parts = partArg ? [partArg] : [...new Set(items.map((i) => i.part))].sort((a, b) => a - b).concat(0);
for (const part of parts) {
  const subset = part === 0 ? items : items.filter((i) => i.part === part);
  const report = scoreDataset(subset, topicIds, predict);
  process.stdout.write(`\n${part === 0 ? 'all parts' : `part ${part}${part === 1 ? ' (tuning)' : ' (written blind, scored once, then tuned on)'}`}: ${subset.length} items\n`);
  process.stdout.write(`${'topic'.padEnd(20)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp  fp  fn\n`);
  for (const t of report.perTopic) {
    process.stdout.write(`${t.topic.padEnd(20)} ${t.precision.toFixed(3).padStart(6)} ${t.recall.toFixed(3).padStart(6)} ${t.f1.toFixed(3).padStart(6)} ${String(t.tp).padStart(4)}${String(t.fp).padStart(4)}${String(t.fn).padStart(4)}\n`);
  }
  process.stdout.write(`${'macro-F1'.padEnd(34)} ${report.macroF1.toFixed(3)}\n`);
  process.stdout.write(`${'(keyword-list baseline macro-F1)'.padEnd(34)} ${scoreDataset(subset, topicIds, predictWithKeywords).macroF1.toFixed(3)}\n`);
  if (showErrors) for (const e of report.errors) process.stdout.write(`  ${e.id} ${e.kind} ${e.topic}: ${e.title}\n`);
}
