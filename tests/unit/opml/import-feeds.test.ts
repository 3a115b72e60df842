import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';
import { ConfigError } from '../../../lambdas/core/errors.js';
import { appendFeeds, importOpml } from '../../../lambdas/core/opml/import-feeds.js';
import { slugify, uniqueSlug } from '../../../lambdas/core/opml/slug.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/opml/${name}`, import.meta.url), 'utf8');

const EXISTING = `# Our feeds: keep this comment
defaults:
  pollIntervalMinutes: 90 # slow by default

feeds:
  # the big one
  - id: example-tech-daily
    title: Example Tech Daily
    url: https://tech.example.com/feed.xml
  - id: loose-feed
    title: Something else
    url: https://other.example.org/feed
`;

describe('importOpml', () => {
  it('appends new feeds after the existing ones, keeping comments and order', () => {
    const result = importOpml({ opmlFile: 'nested.opml', opmlText: fixture('nested.opml'), feedsFile: 'config/feeds.yaml', feedsText: EXISTING });

    expect(result.errors).toEqual([]);
    expect(result.yaml.startsWith(EXISTING)).toBe(true);
    expect(result.yaml.slice(EXISTING.length)).toBe(
      [
        '  - id: cafe-chronicle',
        '    title: Café Chronicle',
        '    url: https://cafe.example.org/rss?lang=en&full=1',
        '    tags: [tech-and-society, deep-dives]',
        '  - id: rights-watch',
        '    title: Rights Watch',
        '    url: https://rights.example.net/atom',
        '    tags: [privacy, civil-liberties, surveillance, policy]',
        '  - id: loose-feed-2',
        '    title: Loose Feed',
        '    url: http://loose.example.org/index.rss',
        '',
      ].join('\n'),
    );
  });

  it('reports feeds already configured and duplicates inside the OPML, each with its line', () => {
    const result = importOpml({ opmlFile: 'nested.opml', opmlText: fixture('nested.opml'), feedsFile: 'config/feeds.yaml', feedsText: EXISTING });

    expect(result.notices).toEqual([
      'nested.opml:15: /opml/body/outline[2]/outline[1]: duplicate of /opml/body/outline[1]/outline[1] (line 9) with the same xmlUrl HTTPS://Tech.Example.com/feed.xml/; merged its categories',
      'nested.opml:9: /opml/body/outline[1]/outline[1]: https://tech.example.com/feed.xml is already configured as config/feeds.yaml feeds[0] "example-tech-daily"; skipped',
    ]);
    expect(result.added.map((f) => f.id)).toEqual(['cafe-chronicle', 'rights-watch', 'loose-feed-2']);
  });

  it('returns every invalid outline as an error and leaves the file unchanged', () => {
    const result = importOpml({ opmlFile: 'problems.opml', opmlText: fixture('problems.opml'), feedsFile: 'f.yaml', feedsText: EXISTING });

    expect(result.errors).toEqual([
      'problems.opml:6: /opml/body/outline[2]: "No URL here" has no xmlUrl',
      'problems.opml:7: /opml/body/outline[3]: "Script": invalid xmlUrl "javascript:alert(1)": must be an absolute http:// or https:// URL',
      'problems.opml:8: /opml/body/outline[4]: "FTP": invalid xmlUrl "ftp://files.example.com/feed.xml": must be an absolute http:// or https:// URL',
    ]);
    expect(result.yaml).toBe(EXISTING);
  });

  it('refuses to merge into an invalid feeds.yaml', () => {
    const broken = 'feeds:\n  - id: Bad\n    title: x\n    url: https://x.example/\n';

    expect(() => importOpml({ opmlFile: 'o.opml', opmlText: fixture('opml1.opml'), feedsFile: 'f.yaml', feedsText: broken })).toThrow(ConfigError);
  });

  it('starts a new feeds.yaml when there is none', () => {
    const result = importOpml({ opmlFile: 'o.opml', opmlText: fixture('opml1.opml'), feedsFile: 'f.yaml', feedsText: null });

    expect(parseFeedsConfig('f.yaml', result.yaml).feeds.map((f) => [f.id, f.site ?? null])).toEqual([
      ['example-one', 'https://one.example.com'],
      ['example-two', null],
    ]);
  });
});

describe('appendFeeds', () => {
  it('returns the text unchanged when there is nothing to add', () => {
    expect(appendFeeds(EXISTING, [])).toBe(EXISTING);
  });

  it('turns an empty flow list into a block list', () => {
    const yaml = appendFeeds('feeds: []\n', [{ id: 'a', title: 'A', url: 'https://a.example/', enabled: false, topics: ['ai'], tags: [] }]);

    expect(yaml).toBe('feeds:\n  - id: a\n    title: A\n    url: https://a.example/\n    enabled: false\n    topics: [ai]\n');
  });
});

describe('slugs', () => {
  it('derives slugs from titles', () => {
    expect(slugify("Tom's Café & Bar — Daily!")).toBe('toms-cafe-and-bar-daily');
    expect(slugify('日本語')).toBe('');
  });

  it('falls back to the host and suffixes taken slugs', () => {
    expect(uniqueSlug('日本語', 'news.example.jp', new Set())).toBe('news-example-jp');
    expect(uniqueSlug('A', 'x', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
