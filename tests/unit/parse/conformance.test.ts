import { describe, expect, it } from '@jest/globals';
import { parseDate } from '../../../lambdas/core/normalize/dates.js';
import { parseFeed } from '../../../lambdas/core/parse/index.js';

const parse = (xml: string) => parseFeed(new TextEncoder().encode(xml));
const rss = (channel: string, ns = '') => parse(`<?xml version="1.0"?><rss version="2.0"${ns}><channel>${channel}</channel></rss>`);
const ITUNES = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
const DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"';

describe('conformance with the reference parser', () => {
  it('copies base64-encoded HTML content into the summary, but not binary content', () => {
    // Prepare
    const html = Buffer.from('<p>Encoded <b>body</b></p>').toString('base64');
    const feed = parse(`<feed xmlns="http://purl.org/atom/ns#" version="0.3"><title>t</title>
      <entry><title>a</title><content type="text/html" mode="base64">${html}</content></entry>
      <entry><title>b</title><content type="application/octet-stream">SGVsbG8=</content></entry></feed>`);
    // Assess
    expect(feed.items[0]).toMatchObject({ summary: '<p>Encoded <b>body</b></p>', content: '<p>Encoded <b>body</b></p>' });
    expect(feed.items[1]!.summary).toBeNull();
  });

  it('reads nested iTunes subcategories as categories', () => {
    const feed = rss(`<title>p</title><item><title>e</title>
      <itunes:category text="Technology"><itunes:category text="Podcasting"/></itunes:category></item>`, ITUNES);
    expect(feed.items[0]!.categories).toEqual(['Technology', 'Podcasting']);
  });

  it('keeps the subtitle as the feed description when a description follows a feed-level summary', () => {
    const feed = rss(`<title>p</title><itunes:subtitle>Short</itunes:subtitle><itunes:summary>Long</itunes:summary>
      <dc:description>Body</dc:description><item><title>e</title></item>`, ITUNES + DC);
    expect(feed.feed.description).toBe('Short');
  });

  it('still takes a plain channel description', () => {
    const feed = rss('<title>p</title><itunes:subtitle>Short</itunes:subtitle><description>Desc</description>', ITUNES);
    expect(feed.feed.description).toBe('Desc');
  });

  it('keeps the text after an unclosed <br> in an inline-markup description', () => {
    const feed = rss('<title>p</title><description>Some <br> breaks</description>');
    expect(feed.feed.description).toBe('Some <br /> breaks');
  });

  it('keeps document order when an unclosed item runs into the next one', () => {
    const feed = rss('<title>p</title><item><title>Second</title><link>http://x.example/2</link><item><title>Third</title></item>');
    expect(feed.items.map((i) => i.title)).toEqual(['Second', 'Third']);
    expect(feed.items[0]!.link).toBe('http://x.example/2');
  });

  it.each([
    ['2025-335', '2025-12-01T00:00:00Z'],
    ['2026335T07:30Z', '2026-12-01T07:30:00Z'],
    ['26-12-01', '2026-12-01T00:00:00Z'],
    ['2026-1-5', '2026-01-05T00:00:00Z'],
    ['2026-12-1T07:00:00+01:00', '2026-12-01T06:00:00Z'],
    ['2026-12-01T07:00:00+01:00:00', '2026-12-01T06:00:00Z'],
    ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53Z'],
    ['Κυρ, 11 Ιούλ 2004 12:00:00 EST', '2004-07-11T17:00:00Z'],
    ['2004-05-25 오후 11:23:17', '2004-05-25T00:00:00Z'],
  ])('reads the rarer date %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(['2025-367', '26-13-01', 'Fri, 2006/13/15 08:19:53 EDT', '2026-02-30 later'])('refuses the impossible date %s', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('expands internal DOCTYPE entities with literal values, but not nesting or external ones', () => {
    const feed = parse(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY site "Lantern"><!ENTITY path "C:\\new"><!ENTITY more "&site;!"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
      <rss version="2.0"><channel><title>&site; feed</title>
      <item><title><![CDATA[raw &site;]]></title><guid isPermaLink="false">&path;</guid><description>&more; &ext;</description></item></channel></rss>`);
    expect(feed.feed.title).toBe('Lantern feed');
    expect(feed.items[0]).toMatchObject({ id: 'C:\\new', title: 'raw &site;', summary: '&more; &ext;' });
  });

  it('stops expanding a declared entity once the expansion budget is spent', () => {
    const value = 'x'.repeat(100_000);
    const feed = parse(`<!DOCTYPE rss [<!ENTITY big "${value}">]><rss><channel><title>t</title><item><title>${'&big;'.repeat(40)}</title></item></channel></rss>`);
    const title = feed.items[0]!.title!;
    expect(title.length).toBeLessThan(1_300_000);
    expect(title).toContain('&big;');
  });

  it('writes boolean media attributes out in full', () => {
    const feed = rss('<title>p</title><item><title>v</title><description>&lt;video controls src="https://v.example/x.mp4"&gt;&lt;/video&gt;</description></item>');
    expect(feed.items[0]!.summary).toBe('<video controls="controls" src="https://v.example/x.mp4"></video>');
  });

  it('finds the feed after markup printed before the XML declaration', () => {
    const feed = parse('<b>Warning</b>: oops<br>\n<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://w.example/</link><item><title>i</title></item></channel></rss>');
    expect(feed.feed).toMatchObject({ title: 'T', link: 'http://w.example/' });
    expect(feed.items.map((i) => i.title)).toEqual(['i']);
  });

  it('still refuses an HTML page', () => {
    expect(() => parse('<html><head><title>Moved</title></head><body><p>gone</p></body></html>')).toThrow('not a feed');
  });

  it('reads the first version of Atom 0.3 multipart/alternative content', () => {
    const feed = parse(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title><entry><title>e</title>
      <content type="multipart/alternative"><content type="text/plain">Plain</content><content type="text/html" mode="escaped">&lt;p&gt;HTML&lt;/p&gt;</content></content></entry></feed>`);
    expect(feed.items[0]).toMatchObject({ summary: 'Plain', content: 'Plain' });
  });

  it('reads XHTML-style self-closed elements in HTML content as empty', () => {
    const feed = rss('<title>p</title><item><title>x</title><description><![CDATA[<p>One<a name="more"/> two</p><div/>after]]></description></item>');
    expect(feed.items[0]!.summary).toBe('<p>One<a name="more"></a> two</p><div></div>after');
  });

  it('resolves relative links inside HTML titles and descriptions against xml:base', () => {
    const feed = parse(`<rss version="2.0" xml:base="http://b.example/root/"><channel><title>Feed &lt;a href="t.html"&gt;t&lt;/a&gt;</title>
      <description>&lt;a href="d.html"&gt;d&lt;/a&gt;</description><item><title>Item &lt;a href="i.html"&gt;i&lt;/a&gt;</title></item></channel></rss>`);
    expect(feed.feed.title).toBe('Feed <a href="http://b.example/root/t.html">t</a>');
    expect(feed.feed.description).toBe('<a href="http://b.example/root/d.html">d</a>');
    expect(feed.items[0]!.title).toBe('Item <a href="http://b.example/root/i.html">i</a>');
  });

  it('keeps IRIs readable when resolving them against xml:base', () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://iri.example/café/"><title>t</title>
      <entry><title>e</title><link href="ñ/2.html"/></entry><entry><title>f</title><link href="%C3%A9/3.html"/></entry></feed>`);
    expect(feed.items[0]!.link).toBe('http://iri.example/café/ñ/2.html');
    expect(feed.items[1]!.link).toBe('http://iri.example/café/é/3.html');
  });

  it('leaves percent-encoding alone when the feed wrote plain ASCII', () => {
    const feed = parse('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://iri.example/x/"><title>t</title><entry><title>e</title><link href="%C3%A9/3.html"/></entry></feed>');
    expect(feed.items[0]!.link).toBe('http://iri.example/x/%C3%A9/3.html');
  });

  it('accepts an RSS, RDF or Atom document that is empty but for its language', () => {
    const feed = parse('<rss><channel><language>en</language></channel></rss>');
    expect(feed.feed).toMatchObject({ title: null, language: 'en' });
    expect(feed.items).toEqual([]);
    expect(parse('<feed xmlns="http://www.w3.org/2005/Atom"></feed>').format).toBe('atom');
  });

  it('writes void media elements without a closing tag', () => {
    const feed = rss('<title>p</title><item><title>v</title><description><![CDATA[<video controls><source src="https://v.example/a.mp4" type="video/mp4"><a href="https://v.example/a.mp4">dl</a></video>]]></description></item>');
    expect(feed.items[0]!.summary).toBe('<video controls="controls"><source src="https://v.example/a.mp4" type="video/mp4" /><a href="https://v.example/a.mp4">dl</a></video>');
  });
});
