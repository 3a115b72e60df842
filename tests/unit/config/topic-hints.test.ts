import { describe, expect, it } from '@jest/globals';
import { findUnknownTopicHints, parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';

const TEXT = [
  'feeds:',
  '  - id: a',
  '    title: A',
  '    url: https://a.example/feed',
  '    topics: [surveillance, crypto-wars]',
  '  - id: b',
  '    title: B',
  '    url: https://b.example/feed',
  '    topics:',
  '      - ai-policy',
  '      - biometrics',
  '',
].join('\n');

describe('findUnknownTopicHints', () => {
  it('names each topic hint missing from topics.yaml at its own line', () => {
    const config = parseFeedsConfig('config/feeds.yaml', TEXT);

    const problems = findUnknownTopicHints('config/feeds.yaml', TEXT, config, new Set(['surveillance', 'ai-policy']), 'config/topics.yaml');

    expect(problems).toEqual([
      'config/feeds.yaml:5: feeds[0].topics[1]: unknown topic "crypto-wars": not defined in config/topics.yaml',
      'config/feeds.yaml:11: feeds[1].topics[1]: unknown topic "biometrics": not defined in config/topics.yaml',
    ]);
  });

  it('finds nothing when every hint is a known topic', () => {
    const config = parseFeedsConfig('f.yaml', TEXT);

    expect(findUnknownTopicHints('f.yaml', TEXT, config, new Set(['surveillance', 'crypto-wars', 'ai-policy', 'biometrics']), 't.yaml')).toEqual([]);
  });
});
