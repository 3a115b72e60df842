import { describe, expect, it } from '@jest/globals';
import { parseLabelledItems } from '../../../lambdas/core/config/labelled-items.js';
import { parseTopicModelFile, serializeTopicModelFile } from '../../../lambdas/core/config/topic-model.js';
import { ConfigError } from '../../../lambdas/core/errors.js';

// config/topics.model.json is generated, but it is still config read at start: a hand edit or a stale file
// must stop the start with a message naming the file and the key, like topics.yaml does.

const header = { trainedOn: { file: 'tests/eval/topics-dev.jsonl', items: 3, sha256: 'a'.repeat(64) }, features: { title: 1, summary: 0.6 } };
const models = new Map([['immigration', { bias: -1.23456, threshold: 0.6, weights: new Map([['visa', 1.23456], ['deport', 2], ['tiny', 0.001]]) }]]);

describe('topic model file', () => {
  it('round-trips: sorted keys, rounded weights, negligible weights dropped', () => {
    const text = serializeTopicModelFile(header, models);
    const parsed = parseTopicModelFile('config/topics.model.json', text, ['immigration', 'ai-ethics']);

    expect(Object.keys(JSON.parse(text).topics.immigration.weights)).toEqual(['deport', 'visa']);
    expect(parsed.spec).toEqual({ title: 1, summary: 0.6 });
    expect(parsed.byTopic.get('immigration')).toEqual({ bias: -1.235, threshold: 0.6, weights: new Map([['deport', 2], ['visa', 1.235]]) });
    expect(serializeTopicModelFile(header, models)).toBe(text);
  });

  it('names a topic that topics.yaml does not have', () => {
    const text = serializeTopicModelFile(header, models);

    expect(() => parseTopicModelFile('config/topics.model.json', text, ['ai-ethics'])).toThrow(
      'config/topics.model.json: topics.immigration: not a topic in topics.yaml (retrain with `topicwire topics train`, or remove it)',
    );
  });

  it('reports broken JSON and wrong values with the file and key', () => {
    const bad = JSON.parse(serializeTopicModelFile(header, models));
    bad.topics.immigration.threshold = 1.5;
    bad.topics.immigration.weights.visa = 'high';

    expect(() => parseTopicModelFile('m.json', '{"topics": ', ['immigration'])).toThrow(/^m\.json: not valid JSON: .* \(regenerate it with `topicwire topics train`\)$/);
    let error: unknown;
    try {
      parseTopicModelFile('m.json', JSON.stringify(bad), ['immigration']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.split('\n')).toEqual([
      'm.json: topics.immigration.threshold: Too big: expected number to be <1',
      'm.json: topics.immigration.weights: must be an object of finite numbers (feature -> weight)',
    ]);
  });
});

describe('labelled items', () => {
  it('reads JSON lines and skips blank ones', () => {
    const text = '{"id":"a","title":"T","summary":"S","topics":["immigration"]}\n\n{"id":"b","part":2,"title":"T","summary":"S","topics":[]}\n';

    expect(parseLabelledItems('items.jsonl', text, ['immigration']).map((i) => [i.id, i.part, i.topics])).toEqual([
      ['a', undefined, ['immigration']],
      ['b', 2, []],
    ]);
  });

  it('reports every bad line with its number: broken JSON, missing fields, unknown topics, repeated ids', () => {
    const text = [
      '{"id":"a","title":"T","summary":"S","topics":[]}',
      '{"id":"b","title":"T"',
      '{"id":"c","title":"T","topics":[]}',
      '{"id":"d","title":"T","summary":"S","topics":["lighthouses"]}',
      '{"id":"a","title":"T","summary":"S","topics":[]}',
    ].join('\n');

    expect(() => parseLabelledItems('items.jsonl', text, ['immigration'])).toThrow(
      /^items\.jsonl:2: not valid JSON: .*\nitems\.jsonl:3: summary: Invalid input: expected string, received undefined\nitems\.jsonl:4: topics: "lighthouses" not in topics\.yaml\nitems\.jsonl:5: id "a" already used on line 1$/,
    );
  });
});
