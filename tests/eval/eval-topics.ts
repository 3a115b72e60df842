// `npm run eval:topics [-- --part N] [--errors] [--rules-only] [--config DIR]`: precision, recall and F1 per
// topic and macro-F1 of config/topics.yaml + config/topics.model.json on the labelled dev set.
// `npm run eval:topics -- --config DIR --train-parts 1-32 --test-parts 33-52`: one out-of-sample test, the
// rules of DIR alone and with a model trained on the train parts only (for older rules:
// `mkdir /tmp/r32 && git show 26477c0:config/topics.yaml > /tmp/r32/topics.yaml`).
//
// Three views, from most to least optimistic:
// 1. As shipped, per part: the rules and the model were both fitted on these very items (in-sample).
// 2. Cross-validated: the model is retrained five times, each time without a fifth of the parts, and
//    scores only the parts it did not see. (The rules were still tuned on every part.)
// 3. Later authors: the model learns only parts 1-32 (the first author's items) and scores parts 33 on,
//    written later by other authors in the voice of real RSS items; the closest we have to unseen news.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTopics, topicsConfigDir } from '../../lambdas/adapters/fs/topics-config.js';
import { parseLabelledItems } from '../../lambdas/core/config/labelled-items.js';
import { parseTopicModelFile, serializeTopicModelFile } from '../../lambdas/core/config/topic-model.js';
import { compileTopics, DEFAULT_FEATURE_SPEC, tagEntry } from '../../lambdas/core/tag/index.js';
import type { CompiledTopics } from '../../lambdas/core/tag/index.js';
import { trainTopicModels } from '../../lambdas/use-cases/train-topics.js';
import { scoreDataset } from './metrics.js';
import type { DatasetReport, LabelledItem } from './metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const partArg = args.includes('--part') ? Number(args[args.indexOf('--part') + 1]) : null;
const showErrors = args.includes('--errors');
const rulesOnly = args.includes('--rules-only');
const optionValue = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const partRange = (name: string): [number, number] | null => {
  const value = optionValue(name);
  if (!value) return null;
  const [from, to] = value.split('-').map(Number);
  return [from!, to ?? from!];
};
const trainParts = partRange('--train-parts');
const testParts = partRange('--test-parts');

const { config, compiled: shipped, modelFile } = await loadTopics(topicsConfigDir(optionValue('--config'), process.env, process.cwd()));
const topicIds = config.topics.map((t) => t.id);
const items = parseLabelledItems('tests/eval/topics-dev.jsonl', readFileSync(join(here, 'topics-dev.jsonl'), 'utf8'), topicIds).map((i) => ({ ...i, part: i.part ?? 1 })) as LabelledItem[];
const rulesAlone = compileTopics(config);
const asShipped = rulesOnly ? rulesAlone : shipped;
const predictWith = (compiled: CompiledTopics) => (item: LabelledItem) => tagEntry(compiled, item).map((t) => t.topic);

// The naive alternative for comparison: any configured phrase or acronym, anywhere, case-insensitive.
const keywordLists = config.topics.map((topic) => {
  const words = topic.rules.flatMap((r) => [...r.phrases, ...r.acronyms]).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { id: topic.id, re: new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') };
});
const predictWithKeywords = (item: LabelledItem) => keywordLists.filter((k) => k.re.test(`${item.title}\n${item.summary}`)).map((k) => k.id);

const write = (text: string) => process.stdout.write(text);
function printReport(heading: string, report: DatasetReport, extra: Array<[string, number]> = []): void {
  write(`\n${heading}\n${'topic'.padEnd(20)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp  fp  fn\n`);
  for (const t of report.perTopic) {
    write(`${t.topic.padEnd(20)} ${t.precision.toFixed(3).padStart(6)} ${t.recall.toFixed(3).padStart(6)} ${t.f1.toFixed(3).padStart(6)} ${String(t.tp).padStart(4)}${String(t.fp).padStart(4)}${String(t.fn).padStart(4)}\n`);
  }
  write(`${'macro-F1'.padEnd(34)} ${report.macroF1.toFixed(3)}\n`);
  for (const [label, value] of extra) write(`${label.padEnd(34)} ${value.toFixed(3)}\n`);
  if (showErrors) for (const e of report.errors) write(`  ${e.id} ${e.kind} ${e.topic}: ${e.title}\n`);
}

/** Rules plus a model trained on `train`, written and read back exactly as `topics train` ships it. */
const withModelFrom = (train: LabelledItem[]) => {
  const file = serializeTopicModelFile({ trainedOn: { file: 'eval', items: train.length, sha256: '0'.repeat(64) }, features: DEFAULT_FEATURE_SPEC }, trainTopicModels(config, train).models);
  return compileTopics(config, parseTopicModelFile('eval', file, topicIds));
};
const inRange = ([from, to]: [number, number]) => (item: LabelledItem) => item.part >= from && item.part <= to;

if (trainParts && testParts) {
  const test = items.filter(inRange(testParts));
  const heading = `parts ${testParts.join('-')} (${test.length} items)`;
  printReport(`${heading}, rules alone:`, scoreDataset(test, topicIds, predictWith(rulesAlone)));
  printReport(`${heading}, rules + model trained on parts ${trainParts.join('-')} only:`, scoreDataset(test, topicIds, predictWith(withModelFrom(items.filter(inRange(trainParts))))));
  process.exit(0);
}

write(`Scoring ${rulesOnly ? 'config/topics.yaml alone' : `config/topics.yaml${modelFile ? ` + ${modelFile}` : ' (no model file)'}`} on ${items.length} labelled items.\n`);
const parts = partArg ? [partArg] : [...new Set(items.map((i) => i.part))].sort((a, b) => a - b).concat(0);
for (const part of parts) {
  const subset = part === 0 ? items : items.filter((i) => i.part === part);
  const label = part === 0 ? 'all parts, in-sample' : `part ${part}${part === 1 ? ' (tuning)' : ' (written blind, scored once, then tuned on)'}`;
  printReport(`${label}: ${subset.length} items`, scoreDataset(subset, topicIds, predictWith(asShipped)), [
    ['(rules alone macro-F1)', scoreDataset(subset, topicIds, predictWith(rulesAlone)).macroF1],
    ['(keyword-list baseline macro-F1)', scoreDataset(subset, topicIds, predictWithKeywords).macroF1],
  ]);
}

if (!rulesOnly && partArg === null) {
  const FOLDS = 5;
  const predictions = new Map<string, string[]>();
  for (let fold = 0; fold < FOLDS; fold++) {
    const compiled = withModelFrom(items.filter((i) => i.part % FOLDS !== fold));
    for (const item of items.filter((i) => i.part % FOLDS === fold)) predictions.set(item.id, predictWith(compiled)(item));
  }
  printReport(`cross-validated: ${FOLDS} folds by part, model never scores a part it learned from: ${items.length} items`, scoreDataset(items, topicIds, (i) => predictions.get(i.id)!));

  const later = items.filter((i) => i.part > 32);
  const firstAuthor = withModelFrom(items.filter((i) => i.part <= 32));
  printReport(`later authors: model learned parts 1-32 only, scored on parts 33-${Math.max(...later.map((i) => i.part))}: ${later.length} items`, scoreDataset(later, topicIds, predictWith(firstAuthor)), [
    ['(rules alone macro-F1)', scoreDataset(later, topicIds, predictWith(rulesAlone)).macroF1],
  ]);
}
