import { describe, expect, it } from '@jest/globals';
import { parseFeed } from '../../../lambdas/core/parse/index.js';
import { fixture } from './fixture.js';

describe('RSS 2.0', () => {
  it('reads channel metadata and items with their dates in UTC', () => {
    // Prepare / Act
    const feed = parseFeed(fixture('rss/rss20-basic.xml'));
    // Assess
    expect(feed.format).toBe('rss');
    expect(feed.feed).toEqual({ title: 'Lantern Street Gazette', link: 'https://lantern.example/', description: 'Local news from Lantern Street', language: 'en-gb', ttlMinutes: 60 });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      id: 'https://lantern.example/2026/bridge',
      title: 'Bridge reopens after repairs',
      link: 'https://lantern.example/2026/bridge',
      published: '2026-11-30T18:30:00Z',
      author: 'desk@lantern.example (News Desk)',
      summary: 'The footbridge over the canal is open again.',
      content: null,
      categories: ['Transport', 'Canal'],
    });
  });

  it('uses a permalink guid as the link only when the item has no <link>', () => {
    const items = parseFeed(fixture('rss/guid-permalink-as-link.xml')).items;
    expect(items.map((i) => i.link)).toEqual([
      'https://perma.example/posts/1',
      'https://perma.example/posts/2',
      null,
      'https://perma.example/posts/4',
      'https://perma.example/posts/5',
    ]);
    expect(items[2]!.id).toBe('tag:perma.example,2026:3');
  });

  it('maps content:encoded to content and dc:creator to author, and dc:date to updated', () => {
    const items = parseFeed(fixture('rss/content-encoded-dc.xml')).items;
    expect(items[0]).toMatchObject({ author: 'Mara Holt', summary: 'A short guide to a keen edge. [&#8230;]', categories: ['Hand tools', 'Sharpening'] });
    expect(items[0]!.content).toContain('<em>flat</em>');
    expect(items[1]).toMatchObject({ summary: '<p>No description here.</p>', content: '<p>No description here.</p>', published: null, updated: '2026-11-20T07:00:00Z' });
  });

  it('reads media:* elements for title, summary, image and categories', () => {
    const parsed = parseFeed(fixture('rss/media-rss.xml'));
    expect(parsed.items[0]).toMatchObject({ title: 'Sunrise timelapse', summary: 'Four hours in forty seconds.', imageUrl: 'https://cdn.clips.example/sunrise.jpg', categories: ['nature', 'sun', 'sky', 'morning'] });
    expect(parsed.items[1]).toMatchObject({ title: 'Only a media title', imageUrl: 'https://cdn.clips.example/rain.jpg' });
  });

  it('keeps enclosures and reads RSS 0.91/0.92', () => {
    const radio = parseFeed(fixture('rss/rss092-enclosure.xml'));
    expect(radio.items[0]!.enclosures).toEqual([{ url: 'http://radio.example/ep12.mp3', type: 'audio/mpeg', length: 123456 }]);
    expect(radio.items[0]!.summary).toBe('We talk about <b>antennas</b>.');
    const old = parseFeed(fixture('rss/rss091.xml'));
    expect(old.feed.title).toBe('Old Wire');
    expect(old.items.map((i) => i.link)).toEqual(['http://oldwire.example/modems.html', 'http://oldwire.example/portal.html']);
  });

  it('is not fooled by atom:link rel=self, <source> or mixed-case element names', () => {
    expect(parseFeed(fixture('rss/atom-link-in-rss.xml')).feed.link).toBe('https://self.example/');
    expect(parseFeed(fixture('rss/source-and-comments.xml')).items[0]!.title).toBe('Borrowed story');
    const shout = parseFeed(fixture('rss/mixed-case-and-items-outside.xml'));
    expect(shout.feed.title).toBe('Shouting Feed');
    expect(shout.items.map((i) => i.title)).toEqual(['Loud item', 'Item after the channel']);
  });

  it('serializes inline XHTML in a description back to HTML', () => {
    const item = parseFeed(fixture('rss/inline-xhtml-description.xml')).items[0]!;
    expect(item.summary).toBe('<p>Paragraph with <a href="https://inline.example/x">a link</a> and a line<br />break.</p>');
  });
});
