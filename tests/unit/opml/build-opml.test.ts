import { describe, expect, it } from '@jest/globals';
import type { FeedConfig } from '../../../lambdas/core/config/feeds.js';
import { parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';
import { buildOpml } from '../../../lambdas/core/opml/build-opml.js';
import { importOpml } from '../../../lambdas/core/opml/import-feeds.js';
import { parseOpml } from '../../../lambdas/core/opml/parse-opml.js';

const NOW = new Date('2026-12-01T08:30:00Z');

function feed(overrides: Partial<FeedConfig> & Pick<FeedConfig, 'id' | 'url' | 'title'>): FeedConfig {
  return { enabled: true, topics: [], tags: [], ...overrides };
}

describe('buildOpml', () => {
  it('writes an OPML 2.0 head with the injected date and owner', () => {
    const xml = buildOpml([], { now: NOW, ownerName: 'Ops Team', title: 'Our feeds' });

    expect(xml).toContain('<opml version="2.0" xmlns:topicwire="urn:topicwire:opml:1">');
    expect(xml).toContain('<title>Our feeds</title>');
    expect(xml).toContain('<dateCreated>Tue, 01 Dec 2026 08:30:00 GMT</dateCreated>');
    expect(xml).toContain('<ownerName>Ops Team</ownerName>');
  });

  it('escapes &, < and " in titles and URLs', () => {
    const xml = buildOpml(
      [feed({ id: 'a', title: 'Tom & "Jerry" <live>', url: 'https://a.example/feed?x=1&y=2' })],
      { now: NOW, ownerName: 'R&D <ops>' },
    );

    expect(xml).toContain('text="Tom &amp; &quot;Jerry&quot; &lt;live&gt;"');
    expect(xml).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
    expect(xml).toContain('<ownerName>R&amp;D &lt;ops&gt;</ownerName>');
    expect(parseOpml('out.opml', xml).feeds[0]).toMatchObject({ title: 'Tom & "Jerry" <live>', xmlUrl: 'https://a.example/feed?x=1&y=2' });
  });

  it('drops characters XML cannot carry', () => {
    const xml = buildOpml([feed({ id: 'a', title: 'Bell\u0007 title', url: 'https://a.example/' })], { now: NOW });

    expect(xml).toContain('text="Bell title"');
  });

  it('nests feeds by their first tag and lists every tag as a category', () => {
    const feeds = [
      feed({ id: 'a', title: 'A', url: 'https://a.example/feed', tags: ['security', 'privacy'], site: 'https://a.example/' }),
      feed({ id: 'b', title: 'B', url: 'https://b.example/feed' }),
      feed({ id: 'c', title: 'C', url: 'https://c.example/feed', tags: ['security'] }),
    ];

    const opml = parseOpml('out.opml', buildOpml(feeds, { now: NOW }));

    expect(opml.feeds.map((f) => [f.path, f.title, f.tags, f.htmlUrl])).toEqual([
      ['/opml/body/outline[1]/outline[1]', 'A', ['security', 'privacy'], 'https://a.example/'],
      ['/opml/body/outline[1]/outline[2]', 'C', ['security'], null],
      ['/opml/body/outline[2]', 'B', [], null],
    ]);
  });

  it('round-trips: export then import into an empty config gives the same feeds', () => {
    const yaml = [
      'defaults:',
      '  pollIntervalMinutes: 60',
      'feeds:',
      '  - { id: eff, title: "EFF & friends", url: "https://www.eff.org/rss/updates.xml", site: "https://www.eff.org", tags: [civil-liberties] }',
      '  - { id: quiet, title: Quiet, url: "https://quiet.example/feed", enabled: false, pollIntervalMinutes: 720 }',
      '  - { id: sec, title: "Sec <news>", url: "https://sec.example/atom", topics: [surveillance, ai-policy], tags: [security, civil-liberties] }',
      '',
    ].join('\n');
    const original = parseFeedsConfig('feeds.yaml', yaml);

    const opml = buildOpml(original.feeds, { now: NOW });
    const result = importOpml({ opmlFile: 'x.opml', opmlText: opml, feedsFile: 'new.yaml', feedsText: null });

    expect(result.errors).toEqual([]);
    expect(result.notices).toEqual([]);
    const sortById = (fs: FeedConfig[]) => [...fs].sort((x, y) => x.id.localeCompare(y.id));
    expect(sortById(parseFeedsConfig('new.yaml', result.yaml).feeds)).toEqual(sortById(original.feeds));
  });
});
