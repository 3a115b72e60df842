import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { normalizeFeedUrl, parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';
import { renderFeedsConfigDocs } from '../../../lambdas/core/config/feeds-docs.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the shipped config/feeds.yaml', () => {
  it('validates and lists about twenty enabled https feeds', () => {
    const config = parseFeedsConfig('config/feeds.yaml', read('config/feeds.yaml'));

    expect(config.feeds.length).toBeGreaterThanOrEqual(18);
    expect(config.feeds.length).toBeLessThanOrEqual(30);
    expect(config.feeds.every((f) => f.enabled && f.url.startsWith('https://'))).toBe(true);
    expect(new Set(config.feeds.map((f) => normalizeFeedUrl(f.url))).size).toBe(config.feeds.length);
  });

  it('covers both tech news and civil liberties', () => {
    const tags = parseFeedsConfig('config/feeds.yaml', read('config/feeds.yaml')).feeds.flatMap((f) => f.tags);

    expect(tags.filter((t) => t === 'tech-news').length).toBeGreaterThanOrEqual(5);
    expect(tags.filter((t) => t === 'civil-liberties').length).toBeGreaterThanOrEqual(5);
  });
});

describe('docs/config.md', () => {
  it('is the rendering of the schema (regenerate: npx topicwire feeds docs > docs/config.md)', () => {
    expect(read('docs/config.md')).toBe(renderFeedsConfigDocs());
  });

  it('documents every key with its type, default and description', () => {
    const docs = renderFeedsConfigDocs();

    expect(docs).toContain('| `feeds[].pollIntervalMinutes` | integer 15..1440 | optional | Poll interval in minutes');
    expect(docs).toContain('| `feeds[].enabled` | boolean | default `true` |');
    expect(docs).toContain('| `defaults.pollIntervalMinutes` | integer 15..1440 | default `60` |');
    for (const key of ['contact', 'feeds[].id', 'feeds[].url', 'feeds[].title', 'feeds[].site', 'feeds[].topics', 'feeds[].tags']) {
      expect(docs).toMatch(new RegExp(`\\| \`${key.replace(/[[\]]/g, '\\$&')}\` \\| [^|]+ \\| [^|]+ \\| [A-Z]`));
    }
  });

  it('has an example that validates', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(renderFeedsConfigDocs())?.[1] ?? '';

    expect(parseFeedsConfig('example.yaml', example).feeds).toHaveLength(2);
  });
});
