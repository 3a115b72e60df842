import { describe, expect, it } from '@jest/globals';
import { normalizeFeedUrl, parseFeedsConfig, pollIntervalOf } from '../../../lambdas/core/config/feeds.js';
import { ConfigError } from '../../../lambdas/core/errors.js';

const FILE = 'config/feeds.yaml';
const GOOD = 'feeds:\n  - id: a\n    title: A\n    url: https://a.example/feed\n';

/** A feeds.yaml whose second feed (lines 5-7, id on line 5) carries `extra` lines. */
function withSecondFeed(...extra: string[]): string {
  return [
    'feeds:',
    '  - id: first',
    '    title: First',
    '    url: https://first.example/feed',
    '  - id: second',
    '    title: Second',
    '    url: https://second.example/feed',
    ...extra.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

function problemsOf(text: string): string[] {
  try {
    parseFeedsConfig(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the config to be rejected');
}

function replaceLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  lines[line - 1] = content;
  return lines.join('\n');
}

describe('parseFeedsConfig: accepted values and defaults', () => {
  it('fills defaults: enabled, empty topics and tags, 60-minute default interval', () => {
    const config = parseFeedsConfig(FILE, GOOD);

    expect(config).toEqual({
      defaults: { pollIntervalMinutes: 60 },
      feeds: [{ id: 'a', title: 'A', url: 'https://a.example/feed', enabled: true, topics: [], tags: [] }],
    });
    expect(pollIntervalOf(config, config.feeds[0]!)).toBe(60);
  });

  it('accepts every optional key', () => {
    const text = [
      'contact: mailto:ops@example.org',
      'defaults: { pollIntervalMinutes: 120 }',
      'feeds:',
      '  - { id: a, title: A, url: "http://a.example/feed", site: "https://a.example", enabled: false,',
      '      pollIntervalMinutes: 15, topics: [surveillance], tags: [civil-liberties] }',
      '',
    ].join('\n');

    const config = parseFeedsConfig(FILE, text);

    expect(config.contact).toBe('mailto:ops@example.org');
    expect(config.feeds[0]).toMatchObject({ enabled: false, pollIntervalMinutes: 15, topics: ['surveillance'], tags: ['civil-liberties'] });
    expect(pollIntervalOf(config, config.feeds[0]!)).toBe(15);
  });
});

describe('parseFeedsConfig: each rule names file, line and path', () => {
  it.each([
    ['id not a slug', 5, '  - id: Second Feed', 'config/feeds.yaml:5: feeds[1].id: id must be a slug: lowercase letters, digits and single hyphens (e.g. "ars-technica")'],
    ['id with a double hyphen', 5, '  - id: a--b', 'config/feeds.yaml:5: feeds[1].id: id must be a slug: lowercase letters, digits and single hyphens (e.g. "ars-technica")'],
    ['url not http(s)', 7, '    url: ftp://second.example/feed', 'config/feeds.yaml:7: feeds[1].url: must be an absolute http:// or https:// URL'],
    ['url javascript:', 7, '    url: javascript:alert(1)', 'config/feeds.yaml:7: feeds[1].url: must be an absolute http:// or https:// URL'],
    ['url relative', 7, '    url: /feed.xml', 'config/feeds.yaml:7: feeds[1].url: must be an absolute http:// or https:// URL'],
    ['empty title', 6, '    title: "  "', 'config/feeds.yaml:6: feeds[1].title: must not be empty'],
  ])('%s', (_name, line, replacement, expected) => {
    expect(problemsOf(replaceLine(withSecondFeed(), line, replacement))).toEqual([expected]);
  });

  it.each([
    ['poll interval too short', 'pollIntervalMinutes: 5', 'config/feeds.yaml:8: feeds[1].pollIntervalMinutes: must be at least 15 minutes'],
    ['poll interval too long', 'pollIntervalMinutes: 2000', 'config/feeds.yaml:8: feeds[1].pollIntervalMinutes: must be at most 1440 minutes (one day)'],
    ['poll interval fractional', 'pollIntervalMinutes: 30.5', 'config/feeds.yaml:8: feeds[1].pollIntervalMinutes: must be a whole number of minutes'],
    ['enabled not boolean', 'enabled: "no"', 'config/feeds.yaml:8: feeds[1].enabled: Invalid input: expected boolean, received string'],
    ['topic not a slug', 'topics: [Face Recognition]', 'config/feeds.yaml:8: feeds[1].topics[0]: topic id must be a slug: lowercase letters, digits and single hyphens (e.g. "ars-technica")'],
    ['tag not a slug', 'tags: [ok, Not OK]', 'config/feeds.yaml:8: feeds[1].tags[1]: tag must be a slug: lowercase letters, digits and single hyphens (e.g. "ars-technica")'],
    ['site not http(s)', 'site: mailto:x@example.org', 'config/feeds.yaml:8: feeds[1].site: must be an absolute http:// or https:// URL'],
    [
      'unknown key',
      'colour: red',
      'config/feeds.yaml:8: feeds[1].colour: unknown key "colour"; allowed keys: id, url, title, site, enabled, pollIntervalMinutes, topics, tags',
    ],
  ])('%s', (_name, extra, expected) => {
    expect(problemsOf(withSecondFeed(extra))).toEqual([expected]);
  });

  it('reports a missing required key at the entry', () => {
    expect(problemsOf('feeds:\n  - id: a\n    url: https://a.example/\n')).toEqual([
      'config/feeds.yaml:2: feeds[0].title: required key is missing (string)',
    ]);
  });

  it('reports unknown top-level keys with the allowed ones', () => {
    expect(problemsOf(`${GOOD}feed_list: []\n`)).toEqual([
      'config/feeds.yaml:5: feed_list: unknown key "feed_list"; allowed keys: contact, defaults, feeds',
    ]);
  });

  it('validates the top-level settings', () => {
    expect(problemsOf(`contact: call me\ndefaults:\n  pollIntervalMinutes: 1\n  jitter: 5\n${GOOD}`)).toEqual([
      'config/feeds.yaml:1: contact: must be an http(s):// or mailto: URL',
      'config/feeds.yaml:3: defaults.pollIntervalMinutes: must be at least 15 minutes',
      'config/feeds.yaml:4: defaults.jitter: unknown key "jitter"; allowed keys: pollIntervalMinutes',
    ]);
  });

  it('reports a duplicate id with both lines', () => {
    expect(problemsOf(replaceLine(withSecondFeed(), 5, '  - id: first'))).toEqual([
      'config/feeds.yaml:5: feeds[1].id: duplicate id "first": already used by feeds[0] at line 2',
    ]);
  });

  it('reports a duplicate URL after normalizing host case, trailing slash and fragment', () => {
    const text = replaceLine(withSecondFeed(), 7, '    url: HTTPS://First.Example/feed/#latest');

    expect(problemsOf(text)).toEqual([
      'config/feeds.yaml:7: feeds[1].url: duplicate URL "HTTPS://First.Example/feed/#latest": already used by feeds[0] at line 4',
    ]);
  });

  it('lists every problem in line order, never just the first', () => {
    const text = replaceLine(replaceLine(withSecondFeed('colour: red'), 2, '  - id: First'), 7, '    url: nope');

    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^config\/feeds\.yaml:2: feeds\[0\]\.id: /),
      expect.stringMatching(/^config\/feeds\.yaml:7: feeds\[1\]\.url: /),
      expect.stringMatching(/^config\/feeds\.yaml:8: feeds\[1\]\.colour: unknown key/),
    ]);
  });

  it('rejects a file without a feeds list, and entries that are not maps', () => {
    expect(problemsOf('defaults: {}\n')).toEqual(['config/feeds.yaml:1: feeds: required key is missing (array)']);
    expect(problemsOf('feeds:\n  - https://a.example/feed\n')).toEqual([
      'config/feeds.yaml:2: feeds[0]: Invalid input: expected object, received string',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf('feeds:\n  - id: a\n    id: b\n')[0]).toMatch(/^config\/feeds\.yaml:3: /);
  });
});

describe('normalizeFeedUrl', () => {
  it('lowercases scheme and host, drops default port, fragment and trailing slash, keeps the query', () => {
    expect(normalizeFeedUrl('HTTPS://Example.ORG:443/Feed/?a=1#top')).toBe('https://example.org/Feed?a=1');
    expect(normalizeFeedUrl('https://example.org/')).toBe(normalizeFeedUrl('https://example.org'));
    expect(normalizeFeedUrl('http://example.org/feed')).not.toBe(normalizeFeedUrl('https://example.org/feed'));
  });
});
