import { describe, expect, it } from '@jest/globals';
import { ParseError } from '../../../lambdas/core/errors.js';
import { parseFeed } from '../../../lambdas/core/parse/index.js';
import { fixture } from './fixture.js';

describe('damaged feeds', () => {
  it('reads feeds with whitespace or junk bytes before the XML declaration', () => {
    expect(parseFeed(fixture('damaged/whitespace-before-decl.xml')).items[0]!.title).toBe('Still parsed');
    expect(parseFeed(fixture('damaged/bytes-before-decl.xml')).items[0]!.title).toBe('After junk');
  });

  it('keeps unescaped ampersands as text', () => {
    const feed = parseFeed(fixture('damaged/unescaped-ampersand.xml'));
    expect(feed.feed.title).toBe('Q&A Weekly');
    expect(feed.items[0]).toMatchObject({ title: 'Salt & pepper', link: 'https://qa.example/item?id=1&ref=feed' });
  });

  it('decodes HTML named entities that XML does not declare, and leaves unknown ones', () => {
    const feed = parseFeed(fixture('entities/html-entities-undeclared.xml'));
    expect(feed.feed.title).toBe('Café Society\u00a0News');
    expect(feed.feed.description).toBe('Crème brûlée — daily');
    expect(feed.items[0]!.title).toBe('Naïve & © …');
    expect(feed.items[1]!.title).toBe('Unknown &bogus; entity');
  });

  it('reads undeclared dc: and content: prefixes by their usual meaning', () => {
    expect(parseFeed(fixture('damaged/undeclared-prefix.xml')).items[0]).toMatchObject({ author: 'Pat Doe', updated: '2026-11-02T10:00:00Z', content: '<p>Full text</p>' });
  });

  it('keeps the complete items of a truncated document and drops the cut-off fields', () => {
    const rss = parseFeed(fixture('damaged/truncated-mid-item.xml'));
    expect(rss.items.map((i) => i.title)).toEqual(['Complete one', 'Complete two', 'Partial three']);
    expect(rss.items[2]!.summary).toBeNull();
    expect(rss.warnings.join(' ')).toMatch(/ends early/);
    const atom = parseFeed(fixture('damaged/truncated-atom.xml'));
    expect(atom.items[0]).toMatchObject({ title: 'Whole', link: 'https://cutatom.example/1' });
  });

  it('accepts a channel without title or link when it has items, and a title without items', () => {
    const feed = parseFeed(fixture('damaged/missing-channel-elements.xml'));
    expect(feed.feed).toMatchObject({ title: null, link: null, description: null });
    expect(feed.items).toHaveLength(2);
    expect(parseFeed(fixture('damaged/channel-only-link.xml')).items).toEqual([]);
  });

  it('strips scripts, styles, event handlers, javascript: and data: URLs and tracking pixels', () => {
    const item = parseFeed(fixture('damaged/dangerous-html.xml')).items[0]!;
    const html = `${item.title} ${item.summary} ${item.content}`;
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:', 'data:text', '<style', 'pixel.gif', '<iframe', '<object']) expect(html).not.toContain(bad);
    expect(item.summary).toContain('<img height="400" src="https://hostile.example/real.jpg" width="600" />');
  });

  it('never expands DTD entities (no billion laughs, no external entities)', () => {
    const item = parseFeed(fixture('damaged/doctype-entities.xml')).items[0]!;
    expect(item.title).toBe('Bomb &lol3;');
    expect(item.summary).toBe('&xxe;');
  });

  it('survives hostile nesting in XML and in escaped HTML without exhausting the stack', () => {
    const deepXml = `<rss><channel><title>Deep</title><item><title>ok</title></item><item><description>${'<div>'.repeat(100000)}x${'</div>'.repeat(100000)}</description></item></channel></rss>`;
    const xml = parseFeed(Buffer.from(deepXml));
    expect(xml.feed.title).toBe('Deep');
    expect(xml.items[0]!.title).toBe('ok');
    const deepHtml = `<rss><channel><title>Deep</title><item><description>${'&lt;div&gt;'.repeat(50000)}text</description></item></channel></rss>`;
    expect(parseFeed(Buffer.from(deepHtml)).items[0]!.summary).toBe('text');
  });

  it('keeps every item of a feed that repeats one guid, with distinct stable ids', () => {
    const first = parseFeed(fixture('rss/duplicate-guids.xml')).items.map((i) => i.id);
    const again = parseFeed(fixture('rss/duplicate-guids.xml')).items.map((i) => i.id);
    expect(new Set(first).size).toBe(3);
    expect(first[0]).toBe('same');
    expect(again).toEqual(first);
  });

  it('gives items without guid or link a hash id', () => {
    const ids = parseFeed(fixture('rss/no-guid-no-link.xml')).items.map((i) => i.id);
    expect(ids.every((id) => /^urn:topicwire:[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });

  it.each([
    ['notfeed/html-page.html', /root element <html>/],
    ['notfeed/not-jsonfeed.json', /not a JSON Feed/],
    ['notfeed/empty.xml', /empty/],
    ['notfeed/binary.bin', /not a feed/],
    ['notfeed/opml.xml', /<opml>/],
    ['notfeed/plain.txt', /no XML element/],
  ])('refuses %s with a ParseError', (file, message) => {
    expect(() => parseFeed(fixture(file))).toThrow(ParseError);
    expect(() => parseFeed(fixture(file))).toThrow(message);
  });
});
