import { describe, expect, it } from '@jest/globals';
import { parseFeed } from '../../../lambdas/core/parse/index.js';
import { fixture } from './fixture.js';

describe('Atom', () => {
  it('reads Atom 1.0: alternate link, text constructs, person, categories, xml:lang', () => {
    const feed = parseFeed(fixture('atom/atom10-basic.xml'));
    expect(feed.format).toBe('atom');
    expect(feed.feed).toMatchObject({ title: 'Tidepool Journal', link: 'https://tidepool.example/', description: 'Notes from the shore', language: 'en-CA' });
    expect(feed.items[0]).toMatchObject({
      id: 'tag:tidepool.example,2026:anemones',
      link: 'https://tidepool.example/anemones',
      published: '2026-11-29T14:12:00Z',
      updated: '2026-11-30T10:00:00Z',
      author: 'Sam Ortiz (sam@tidepool.example)',
      summary: 'Green anemones close when the water leaves.',
      content: '<p>Green anemones <em>close</em> when the water leaves.</p>',
      categories: ['marine-life', 'photos'],
    });
    expect(feed.items[0]!.enclosures[0]).toEqual({ url: 'https://tidepool.example/anemone.jpg', type: 'image/jpeg', length: 2048 });
    expect(feed.items[1]).toMatchObject({ title: 'Crabs &amp; <i>limpets</i>', content: '<p>Shore crabs hide under <strong>limpet</strong> rocks.</p>' });
  });

  it('reads Atom 0.3: tagline, issued/modified, escaped content', () => {
    const feed = parseFeed(fixture('atom/atom03.xml'));
    expect(feed.feed).toMatchObject({ title: 'Carnet 0.3', description: 'Un vieux format', link: 'https://carnet.example/', language: 'fr' });
    expect(feed.items[0]).toMatchObject({ published: '2026-11-29T07:00:00Z', updated: '2026-11-29T08:30:00Z', content: '<p>Contenu <b>échappé</b>.</p>' });
  });

  it('resolves links and content URLs against nested xml:base', () => {
    const feed = parseFeed(fixture('atom/xml-base.xml'));
    expect(feed.feed.link).toBe('https://base.example/root/index.html');
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://base.example/root/posts/first.html',
      'https://base.example/elsewhere/second.html',
      'https://other.example/dir/third.html',
    ]);
    expect(feed.items[0]!.content).toBe('<a href="https://base.example/root/about.html">about</a> <img alt="a" src="https://base.example/root/posts/img/a.png" />');
  });

  it('prefers the alternate HTML link, else falls back to the id', () => {
    const links = parseFeed(fixture('atom/links-precedence.xml')).items.map((i) => i.link);
    expect(links).toEqual(['https://links.example/1', 'https://links.example/2', 'urn:uuid:7d3b6a6e-0000-4000-8000-000000000003', 'https://links.example/4']);
  });

  it('honours any prefix bound to the Atom namespace', () => {
    const feed = parseFeed(fixture('atom/prefixed-atom.xml'));
    expect(feed.feed.title).toBe('Prefixed Atom');
    expect(feed.items[0]).toMatchObject({ title: 'Entry with prefix', link: 'https://prefixed.example/1', updated: '2026-11-01T00:00:00Z' });
  });

  it('sanitizes HTML summaries and escapes text ones', () => {
    const items = parseFeed(fixture('atom/authors-and-text.xml')).items;
    expect(items[0]).toMatchObject({ author: 'anon@authors.example', summary: 'Less-than &lt; and ampersand &amp; as text' });
    expect(items[1]).toMatchObject({ author: 'Grace Lin', summary: '<p>Hello</p>' });
    expect(items[2]!.title).toBe('XHTML <b>title</b>');
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items beside the channel with rdf:about ids and dc fields', () => {
    const feed = parseFeed(fixture('rdf/rss10-basic.xml'));
    expect(feed.format).toBe('rdf');
    expect(feed.feed).toMatchObject({ title: 'Quarry Notes', language: 'de' });
    expect(feed.items[0]).toMatchObject({ id: 'https://quarry.example/granite', author: 'Lena Vogt', updated: '2026-11-28T15:20:00Z', categories: ['Minerals'], content: '<p>Feldspar, <i>quartz</i> and mica.</p>' });
    expect(feed.items[1]!.updated).toBe('2026-11-27T00:00:00Z');
  });

  it('reads RSS 0.90 and unusual prefixes', () => {
    expect(parseFeed(fixture('rdf/rss090.xml')).items.map((i) => i.title)).toEqual(['First headline', 'Second headline']);
    expect(parseFeed(fixture('rdf/rdf-other-prefixes.xml')).items[0]).toMatchObject({ title: 'Prefixed item', author: 'Odd Prefix', updated: '2026-10-01T12:00:00Z' });
  });
});

describe('JSON Feed', () => {
  it('reads version 1.1 with authors, tags and sanitized content_html', () => {
    const feed = parseFeed(fixture('json/jsonfeed11.json'));
    expect(feed.format).toBe('json');
    expect(feed.feed).toMatchObject({ title: 'Orchard Log', link: 'https://orchard.example/', description: 'Apples and pears', language: 'en-NZ' });
    expect(feed.items[0]).toMatchObject({
      id: 'orchard-1', link: 'https://orchard.example/pruning', author: 'Hemi Walker', summary: 'How to prune',
      content: '<p>Cut back to an outward bud.</p>', categories: ['pruning', 'winter'], published: '2026-06-30T21:00:00Z',
    });
    expect(feed.items[1]).toMatchObject({ id: 'orchard-2', content: 'Plain text only.' });
  });

  it('reads version 1.0 with a single author and numeric id', () => {
    const item = parseFeed(fixture('json/jsonfeed10.json'), { url: 'https://oldjson.example/feed.json' }).items[0]!;
    expect(item).toMatchObject({ id: '42', author: 'Item Author', link: 'https://oldjson.example/posts/42' });
  });
});
