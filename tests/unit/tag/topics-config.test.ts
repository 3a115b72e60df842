import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadTopics } from '../../../lambdas/adapters/fs/topics-config.js';
import { parseTopicsConfig } from '../../../lambdas/core/config/topics.js';
import { ConfigError } from '../../../lambdas/core/errors.js';
import { checkPatternSafety } from '../../../lambdas/core/tag/regex-guard.js';
import { compileTopics, tagEntry } from '../../../lambdas/core/tag/index.js';

const errorOf = (text: string): string => {
  try {
    parseTopicsConfig('config/topics.yaml', text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

const topicWithRule = (rule: string) => `topics:
  - id: immigration
    label: Immigration
    threshold: 3
    rules:
${rule}`;

describe('ReDoS guard', () => {
  it.each(['(a+)+$', '([a-z]*)*x', '(x|xx)*y', '(a|a)+', '((ab|a)c)+', '(\\w)\\1', '(?<=a)b', '(unclosed'])('rejects %s', (pattern) => {
    expect(checkPatternSafety(pattern)).not.toBeNull();
  });

  it.each(['\\bH-?1B\\b', '\\b(?:ICE|CBP) agents?\\b', 'face[- ]?scan(?:s|ning)?', '[A-Za-z -]{0,25}faces'])('accepts %s', (pattern) => {
    expect(checkPatternSafety(pattern)).toBeNull();
  });

  it('reports an unsafe admin pattern with the file and line of the pattern', () => {
    const message = errorOf(topicWithRule(`      - id: risky
        phrases: [asylum]
        patterns:
          - '\\bok\\b'
          - '(a+)+b'
`));

    expect(message).toMatch(/^config\/topics\.yaml:10: topics\[0\]\.rules\[0\]\.patterns\[1\]: pattern may hang the tagger/);
  });
});

describe('topics.yaml validation', () => {
  it('names unknown keys with their line and the allowed keys', () => {
    const message = errorOf(topicWithRule(`      - id: core
        phrase: [asylum]
`));

    expect(message).toContain('config/topics.yaml:7: topics[0].rules[0].phrase: unknown key "phrase"; allowed keys: id, weight, phrases, acronyms, patterns, requires, unless');
  });

  it('rejects a reference to an undefined context and an acronym with spaces', () => {
    const message = errorOf(topicWithRule(`      - id: agency
        acronyms: [ICE, "I C E"]
        requires: [enforcement]
`));

    expect(message).toContain('config/topics.yaml:7: topics[0].rules[0].acronyms[1]: must be a single word');
    expect(message).toContain('config/topics.yaml:8: topics[0].rules[0].requires[0]: unknown context "enforcement"; defined: none');
  });

  it('rejects duplicate rule ids naming the first one', () => {
    const message = errorOf(topicWithRule(`      - id: core
        phrases: [asylum]
      - id: core
        phrases: [visa]
`));

    expect(message).toBe('config/topics.yaml:8: topics[0].rules[1].id: duplicate id "core", first used at line 6');
  });
});

describe('loadTopics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topics-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped config/topics.yaml with its three topics', async () => {
    const loaded = await loadTopics(join(process.cwd(), 'config'), process.cwd());

    expect(loaded.file).toBe('config/topics.yaml');
    expect(loaded.config.topics.map((t) => t.id)).toEqual(['immigration', 'facial-recognition', 'ai-ethics']);
  });

  it('reads topics.yaml from another config directory and names a missing file', async () => {
    writeFileSync(join(dir, 'topics.yaml'), topicWithRule('      - id: core\n        weight: 3\n        phrases: [asylum]\n'));

    const loaded = await loadTopics(dir, dir);

    expect(loaded.tagEntry({ title: 'Asylum claims rise' }).map((t) => t.topic)).toEqual(['immigration']);
    await expect(loadTopics(join(dir, 'missing'), dir)).rejects.toThrow('missing/topics.yaml: not found');
  });

  it('reads topics.model.json beside topics.yaml when there is one, and refuses one that does not fit', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'topicwire-model-'));
    try {
      writeFileSync(join(modelDir, 'topics.yaml'), topicWithRule('      - id: core\n        weight: 3\n        phrases: [asylum]\n'));
      const withoutModel = await loadTopics(modelDir, modelDir);
      const model = { trainedOn: { file: 'x.jsonl', items: 2, sha256: 'b'.repeat(64) }, features: { title: 1, summary: 0.6 }, topics: { immigration: { threshold: 0.6, bias: -1, weights: { refuge: 3 } } } };
      writeFileSync(join(modelDir, 'topics.model.json'), JSON.stringify(model));
      const withModel = await loadTopics(modelDir, modelDir);

      expect(withoutModel.modelFile).toBeNull();
      expect(withoutModel.tagEntry({ title: 'Refugees arrive' })).toEqual([]);
      expect(withModel.modelFile).toBe('topics.model.json');
      expect(withModel.tagEntry({ title: 'Refugees arrive' })).toEqual([
        { topic: 'immigration', score: 0, evidence: [{ rule: 'immigration.model', phrase: 'Refugees', field: 'title', weight: 3 }], probability: 0.881 },
      ]);

      writeFileSync(join(modelDir, 'topics.model.json'), JSON.stringify({ ...model, topics: { lighthouses: model.topics.immigration } }));
      await expect(loadTopics(modelDir, modelDir)).rejects.toThrow('topics.model.json: topics.lighthouses: not a topic in topics.yaml');
    } finally {
      rmSync(modelDir, { recursive: true, force: true });
    }
  });
});

describe('patterns', () => {
  const withPatterns = (patterns: string[]) =>
    compileTopics(parseTopicsConfig('topics.yaml', topicWithRule(`      - id: p\n        weight: 3\n        patterns: [${patterns.map((p) => JSON.stringify(p)).join(', ')}]\n`)));

  it('finds each pattern through the one-scan prefilter, and finds nothing where none matches', () => {
    const compiled = withPatterns(['\\bdeport(?:ed|ation)\\b', '\\basylum claims?\\b']);

    expect(tagEntry(compiled, { title: 'Deportation flights', summary: 'Asylum claims rise' })).toEqual([]);
    expect(tagEntry(compiled, { title: 'They were deported', summary: 'new asylum claim filed' }).map((t) => t.evidence.map((e) => e.phrase))).toEqual([['deported', 'asylum claim']]);
    expect(tagEntry(compiled, { title: 'Nothing here', summary: '' })).toEqual([]);
  });

  it('still runs patterns that cannot be joined into one (the same group name twice)', () => {
    const compiled = withPatterns(['(?<w>deported)', '(?<w>asylum)']);

    expect(compiled.anyPattern).toBeNull();
    expect(tagEntry(compiled, { title: 'Family deported', summary: '' }).map((t) => t.topic)).toEqual(['immigration']);
  });
});
