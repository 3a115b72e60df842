import { describe, expect, it } from '@jest/globals';
import { normalizeItem, parseFeed, parseFeedRaw } from '../../../lambdas/core/parse/index.js';
import { fixture } from './fixture.js';

describe('parse options', () => {
  it('resolves relative links against the fetch URL and strips tracking parameters by default', () => {
    const items = parseFeed(fixture('rss/relative-links.xml'), { url: 'https://rel.example/blog/feed.xml' }).items;
    expect(items.map((i) => i.link)).toEqual(['https://rel.example/blog/one', 'https://rel.example/blog/two.html', 'https://rel.example/three?id=3']);
    expect(items[0]!.summary).toBe('<a href="https://rel.example/about">about</a> <img alt="p" src="https://rel.example/blog/pic.png" />');
  });

  it('keeps tracking parameters in links on request, but never in ids', () => {
    const item = parseFeed(fixture('rss/relative-links.xml'), { keepTrackingParams: true }).items[2]!;
    expect(item.link).toBe('https://rel.example/three?utm_source=feed&utm_medium=rss&id=3&fbclid=abc');
    expect(item.id).toBe('https://rel.example/three?id=3');
  });

  it('skips already-stored items before normalizing them', () => {
    const feed = parseFeed(fixture('rss/rss20-basic.xml'), { skipIds: (id) => id === 'https://lantern.example/2026/bridge' });
    expect(feed.items.map((i) => i.title)).toEqual(['Market hours change']);
  });

  it('offers a cheap raw phase with final ids and normalizes items on demand', () => {
    const raw = parseFeedRaw(fixture('rss/content-encoded-dc.xml'));
    expect(raw.items.map((i) => i.id)).toEqual(['https://workbench.example/?p=412', 'https://workbench.example/only-content/']);
    expect(raw.items[0]!.published).toBe('Fri, 27 Nov 2026 14:05:09 +0000');
    expect(normalizeItem(raw.items[0]!)).toEqual(parseFeed(fixture('rss/content-encoded-dc.xml')).items[0]);
  });

  it('uses the HTTP charset when the document does not say otherwise', () => {
    const bytes = Buffer.from('<rss version="2.0"><channel><title>Caf\xe9</title></channel></rss>', 'latin1');
    expect(parseFeed(bytes, { contentType: 'application/rss+xml; charset=ISO-8859-1' }).feed.title).toBe('Café');
  });
});
