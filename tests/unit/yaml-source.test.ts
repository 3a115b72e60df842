import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { parseYamlConfig } from '../../lambdas/core/config/yaml-source.js';
import { ConfigError } from '../../lambdas/core/errors.js';

const schema = z.strictObject({
  feeds: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), url: z.url() })),
});

describe('parseYamlConfig', () => {
  it('returns the validated value for a good file', () => {
    const value = parseYamlConfig('feeds.yaml', 'feeds:\n  - id: a\n    url: https://example.org/feed\n', schema);
    expect(value.feeds[0]?.id).toBe('a');
  });

  it('names file, line and path of a bad entry', () => {
    const text = 'feeds:\n  - id: a\n    url: https://example.org/a\n  - id: b\n    url: not a url\n';
    expect(() => parseYamlConfig('config/feeds.yaml', text, schema)).toThrow(
      /^config\/feeds\.yaml:5: feeds\[1\]\.url: /,
    );
  });

  it('lists every problem, in line order, and unknown keys', () => {
    const text = 'feeds:\n  - id: Bad Id\n    url: https://example.org/a\n    colour: red\n';
    let error: unknown;
    try {
      parseYamlConfig('f.yaml', text, schema);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toMatch(/^f\.yaml:2: feeds\[0\]\.id: /);
    expect(lines[1]).toBe('f.yaml:4: feeds[0].colour: unknown key "colour"; allowed keys: id, url');
  });

  it('reports each unknown key at its own line, at any depth', () => {
    const text = 'feeds:\n  - id: a\n    url: https://example.org/a\nextra: 1\n  # note\n';
    const nested = 'feeds:\n  - id: a\n    shade: blue\n    url: https://example.org/a\n    size: 3\n';
    expect(() => parseYamlConfig('f.yaml', text, schema)).toThrow('f.yaml:4: extra: unknown key "extra"; allowed keys: feeds');
    expect(() => parseYamlConfig('f.yaml', nested, schema)).toThrow(
      'f.yaml:3: feeds[0].shade: unknown key "shade"; allowed keys: id, url\nf.yaml:5: feeds[0].size: unknown key "size"; allowed keys: id, url',
    );
  });

  it('names the line of the related place a custom issue points at', () => {
    const unique = schema.superRefine((v, ctx) => {
      if (v.feeds[1] && v.feeds[0]?.id === v.feeds[1].id) {
        ctx.addIssue({ code: 'custom', path: ['feeds', 1, 'id'], message: 'duplicate id', params: { relatedPath: ['feeds', 0, 'id'] } });
      }
    });
    const text = 'feeds:\n  - id: a\n    url: https://example.org/a\n  - id: a\n    url: https://example.org/b\n';
    expect(() => parseYamlConfig('f.yaml', text, unique)).toThrow(/^f\.yaml:4: feeds\[1\]\.id: duplicate id at line 2$/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseYamlConfig('f.yaml', 'feeds:\n  - id: a\n   url: [oops\n', schema)).toThrow(/^f\.yaml:\d+: /);
  });
});
