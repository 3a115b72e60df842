import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseTopicsConfig } from '../../../lambdas/core/config/topics.js';
import { compileTopics, learnedFeatures, scoreLearned, tagEntry, trainTopicModel } from '../../../lambdas/core/tag/index.js';
import type { TopicModel } from '../../../lambdas/core/tag/index.js';
import { stemOf } from '../../../lambdas/core/tag/tokenize.js';
import { trainTopicModels } from '../../../lambdas/use-cases/train-topics.js';

// The learned half of tagging on small, self-written data: which features it reads, that training finds
// the words that mark a topic, and how its verdict and evidence join the rules'.

describe('learnedFeatures', () => {
  it('reads stems and adjacent stem pairs, each at the strongest field it appears in', () => {
    const features = learnedFeatures([
      ['title', 'Migrants deported'],
      ['summary', 'The deportations of migrants resumed.'],
    ]);

    expect(features.get('migrant')).toEqual({ value: 1, field: 'title', text: 'Migrants' });
    expect(features.get('deport')).toEqual({ value: 1, field: 'title', text: 'deported' });
    expect(features.get('migrant deport')).toEqual({ value: 1, field: 'title', text: 'Migrants deported' });
    expect(features.get('resum')).toEqual({ value: 0.6, field: 'summary', text: 'resumed' });
  });

  it('keeps function words only inside pairs, where they carry meaning ("to ICE")', () => {
    const features = learnedFeatures([['title', 'Sold to the agency']]);

    expect(features.has('the')).toBe(false);
    expect(features.has('to')).toBe(false);
    expect(features.has('to the')).toBe(true);
    expect(features.has('agenc')).toBe(true);
  });
});

describe('scoreLearned', () => {
  const model: TopicModel = { bias: -2, threshold: 0.6, weights: new Map([[stemOf('asylum'), 3], [stemOf('hockey'), -2], [stemOf('court'), 0.5]]) };

  it('is the logistic of the bias plus weight × field value, with the words for and against as evidence', () => {
    const score = scoreLearned('immigration', model, learnedFeatures([['title', 'Asylum court'], ['summary', 'hockey']]));

    const z = -2 + 3 * 1 + 0.5 * 1 - 2 * 0.6;
    expect(score.probability).toBeCloseTo(1 / (1 + Math.exp(-z)), 10);
    expect(score.assigned).toBe(score.probability >= 0.6);
    expect(score.evidence).toEqual([
      { rule: 'immigration.model', phrase: 'Asylum', field: 'title', weight: 3 },
      { rule: 'immigration.model', phrase: 'court', field: 'title', weight: 0.5 },
    ]);
    expect(score.against).toEqual([{ rule: 'immigration.model', phrase: 'hockey', field: 'summary', weight: -1.2 }]);
  });

  it('assigns only at or above its threshold', () => {
    expect(scoreLearned('t', model, learnedFeatures([['title', 'Asylum']])).assigned).toBe(true); // p = 0.73
    expect(scoreLearned('t', model, learnedFeatures([['title', 'court']])).assigned).toBe(false); // p = 0.18
  });
});

// A toy topic: stories about lighthouses, in words no rule lists.
const lighthouse = ['Keeper restores lighthouse lamp', 'Lighthouse keeper retires after 40 years', 'Storm damages lighthouse lantern room', 'New lens for the harbour lighthouse', 'Volunteers repaint striped lighthouse'];
const other = ['Council approves bus lanes', 'Bakery wins bread prize', 'Library extends opening hours', 'Harbour ferry timetable changes', 'School repaints gym'];
const examples = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    { title: `${lighthouse[i % lighthouse.length]} (${i})`, summary: 'Local news.', topics: ['lighthouses'] },
    { title: `${other[i % other.length]} (item ${i + 100})`, summary: 'Local news.', topics: [] as string[] },
  ]).flat();

describe('trainTopicModel', () => {
  const train = () =>
    trainTopicModel(examples(20).map((e) => ({ features: learnedFeatures([['title', e.title], ['summary', e.summary]]), positive: e.topics.length > 0 })));

  it('gives the words that mark the topic positive weight and the others negative', () => {
    const model = train();

    expect(model.weights.get('lighthous')).toBeGreaterThan(1);
    expect(model.weights.get('bakeri')).toBeLessThan(0);
    // Words in every item, positive or negative, say nothing.
    expect(Math.abs(model.weights.get('local') ?? 0)).toBeLessThan(0.2);
  });

  it('recognizes an unseen headline by the words it learned', () => {
    const model = train();

    expect(scoreLearned('lighthouses', model, learnedFeatures([['title', 'Lighthouse keeper honoured']])).assigned).toBe(true);
    expect(scoreLearned('lighthouses', model, learnedFeatures([['title', 'Bus lanes open downtown']])).assigned).toBe(false);
  });

  it('is deterministic, so a retrained model file changes only where the data did', () => {
    expect([...train().weights]).toEqual([...train().weights]);
  });

  it('drops features met in only one item and refuses data with a single class', () => {
    const model = train();
    expect(model.weights.has('(0)')).toBe(false);
    expect(model.weights.has('0')).toBe(false);

    expect(() => trainTopicModel([{ features: learnedFeatures([['title', 'x']]), positive: true }])).toThrow('needs both positive and negative examples');
  });
});

describe('rules and model together', () => {
  const config = parseTopicsConfig(
    'topics.yaml',
    ['topics:', '  - id: lighthouses', '    label: Lighthouses', '    threshold: 3', '    rules:', '      - id: core', '        weight: 3', '        phrases: [foghorn]', '  - id: untrained', '    label: Untrained', '    threshold: 3', '    rules:', '      - id: core', '        weight: 3', '        phrases: [bakery]'].join('\n'),
  );
  const items = examples(20).map((e, i) => ({ id: String(i), ...e }));
  const trained = trainTopicModels(config, items);
  const compiled = compileTopics(config, { spec: { title: 1, summary: 0.6 }, byTopic: trained.models });

  it('trains a model per topic that has enough labelled items and says why the others have none', () => {
    expect([...trained.models.keys()]).toEqual(['lighthouses']);
    expect(trained.report.find((r) => r.topic === 'untrained')?.skipped).toMatch(/needs at least 20 labelled items with and without the topic \(has 0 with, 40 without\)/);
  });

  it('tags when either the rules or the model decide, with the model evidence marked as such', () => {
    const byModel = tagEntry(compiled, { title: 'Lighthouse lamp relit', summary: '' });
    const byRules = tagEntry(compiled, { title: 'Foghorn silenced', summary: '' });
    const untrained = tagEntry(compiled, { title: 'Bakery opens', summary: '' });

    expect(byModel).toHaveLength(1);
    expect(byModel[0]).toMatchObject({ topic: 'lighthouses', score: 0 });
    expect(byModel[0]!.evidence[0]).toMatchObject({ rule: 'lighthouses.model', phrase: 'Lighthouse', field: 'title' });
    expect(byModel[0]!.evidence.every((e) => e.rule === 'lighthouses.model' && e.weight > 0)).toBe(true);
    expect(byModel[0]!.probability).toBeGreaterThanOrEqual(0.6);
    expect(byRules[0]).toMatchObject({ topic: 'lighthouses', score: 6, evidence: [{ rule: 'lighthouses.core', phrase: 'Foghorn' }] });
    // A topic without a model keeps the rules' verdict and carries no probability.
    expect(untrained).toEqual([{ topic: 'untrained', score: 6, evidence: [{ rule: 'untrained.core', phrase: 'Bakery', field: 'title', weight: 6 }] }]);
  });

  it('reads the headline and summary lead only: a body full of the topic words does not move it', () => {
    const body = '<p>Lighthouse lighthouse keeper lamp lantern lens.</p>';
    const withBody = tagEntry(compiled, { title: 'Council approves bus lanes', summary: 'Local news.', content: body });

    expect(withBody).toEqual([]);
  });
});

describe('the tagger path through the shipped models', () => {
  it('gives the probabilities and words that learnedFeatures + scoreLearned give (it only does it faster)', async () => {
    const { loadTopics } = await import('../../../lambdas/adapters/fs/topics-config.js');
    const { learnedFeaturesOf, scoreEntry, scoreLearned, DEFAULT_FEATURE_SPEC } = await import('../../../lambdas/core/tag/index.js');
    const { compiled } = await loadTopics(`${process.cwd()}/config`);
    const items = readFileSync('tests/eval/topics-dev.jsonl', 'utf8').trim().split('\n').filter((_, i) => i % 25 === 0).map((l) => JSON.parse(l) as { title: string; summary: string });
    items.push({ title: "Clearview's face-search deal: the agency's 'proud' partner", summary: '<p>Staff protested &amp; quit.</p>' });

    expect(items.length).toBeGreaterThan(100);
    for (const item of items) {
      const fast = scoreEntry(compiled, item);
      const features = learnedFeaturesOf(compiled, item, DEFAULT_FEATURE_SPEC);
      compiled.topics.forEach((topic, t) => {
        const slow = scoreLearned(topic.id, topic.model!, features);
        expect(fast[t]!.learned!.probability).toBeCloseTo(slow.probability, 6);
        expect(fast[t]!.learned!.evidence.map((e) => [e.phrase, e.field])).toEqual(slow.evidence.map((e) => [e.phrase, e.field]));
        expect(fast[t]!.learned!.against.map((e) => [e.phrase, e.field])).toEqual(slow.against.map((e) => [e.phrase, e.field]));
      });
    }
  });
});
