import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../lambdas/core/errors.js';
import { parseOpml } from '../../../lambdas/core/opml/parse-opml.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/opml/${name}`, import.meta.url), 'utf8');

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('parseOpml', () => {
  it('flattens nested folders into tags and decodes entities in titles and URLs', () => {
    const opml = parseOpml('nested.opml', fixture('nested.opml'));

    expect(opml.title).toBe('My subscriptions');
    expect(opml.feeds.map((f) => [f.title, f.xmlUrl, f.tags])).toEqual([
      ['Example Tech Daily', 'https://tech.example.com/feed.xml', ['tech-and-society', 'privacy']],
      ['Café Chronicle', 'https://cafe.example.org/rss?lang=en&full=1', ['tech-and-society', 'deep-dives']],
      ['Rights Watch', 'https://rights.example.net/atom', ['privacy', 'civil-liberties', 'surveillance', 'policy']],
      ['Loose Feed', 'http://loose.example.org/index.rss', []],
    ]);
    expect(opml.feeds[0]?.htmlUrl).toBe('https://tech.example.com/');
    expect(opml.errors).toEqual([]);
  });

  it('names the line and XPath of each outline', () => {
    const opml = parseOpml('nested.opml', fixture('nested.opml'));

    expect(opml.feeds.map((f) => [f.line, f.path])).toEqual([
      [9, '/opml/body/outline[1]/outline[1]'],
      [11, '/opml/body/outline[1]/outline[2]/outline[1]'],
      [16, '/opml/body/outline[2]/outline[2]'],
      [18, '/opml/body/outline[3]'],
    ]);
  });

  it('reports a duplicate xmlUrl (same after normalizing) with both places and merges its folder', () => {
    const opml = parseOpml('nested.opml', fixture('nested.opml'));

    expect(opml.warnings).toEqual([
      {
        line: 15,
        path: '/opml/body/outline[2]/outline[1]',
        message:
          'duplicate of /opml/body/outline[1]/outline[1] (line 9) with the same xmlUrl HTTPS://Tech.Example.com/feed.xml/; merged its categories',
      },
    ]);
  });

  it('reads OPML 1.0 with text or title attributes', () => {
    const opml = parseOpml('opml1.opml', fixture('opml1.opml'));

    expect(opml.feeds.map((f) => [f.line, f.title, f.xmlUrl, f.htmlUrl])).toEqual([
      [5, 'Example One', 'https://one.example.com/rss', 'https://one.example.com'],
      [6, 'Example Two', 'https://two.example.com/rss', null],
    ]);
  });

  it('reports missing and non-http xmlUrls as errors, a bad htmlUrl as a warning', () => {
    const opml = parseOpml('problems.opml', fixture('problems.opml'));

    expect(opml.feeds.map((f) => f.title)).toEqual(['Good']);
    expect(opml.errors).toEqual([
      { line: 6, path: '/opml/body/outline[2]', message: '"No URL here" has no xmlUrl' },
      { line: 7, path: '/opml/body/outline[3]', message: '"Script": invalid xmlUrl "javascript:alert(1)": must be an absolute http:// or https:// URL' },
      { line: 8, path: '/opml/body/outline[4]', message: '"FTP": invalid xmlUrl "ftp://files.example.com/feed.xml": must be an absolute http:// or https:// URL' },
    ]);
  });

  it('counts outline lines correctly when a comment contains an outline tag', () => {
    const text = '<opml version="2.0"><body>\n<!-- <outline text="old" xmlUrl="https://old.example/"/> -->\n<outline text="New" xmlUrl="https://new.example/feed"/>\n</body></opml>';

    const opml = parseOpml('c.opml', text);

    expect(opml.feeds.map((f) => [f.line, f.title])).toEqual([[3, 'New']]);
  });

  it('refuses a DOCTYPE with an external entity without reading it', () => {
    const error = errorOf(() => parseOpml('xxe.opml', fixture('xxe.opml')));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('xxe.opml:2: <!DOCTYPE> is not allowed in OPML (entities are never expanded)');
    expect(error.message).not.toContain('root:');
  });

  it('refuses a billion-laughs document before expanding anything', () => {
    const text = fixture('billion-laughs.opml');

    const error = errorOf(() => parseOpml('lol.opml', text));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^lol\.opml:2: <!DOCTYPE> is not allowed/);
    expect(error.message.length).toBeLessThan(200);
  });

  it('refuses a bare ENTITY declaration and a lowercase doctype', () => {
    expect(() => parseOpml('e.opml', '<opml>\n<!ENTITY x "y"><body/></opml>')).toThrow('e.opml:2: <!ENTITY> is not allowed');
    expect(() => parseOpml('d.opml', '<!doctype opml><opml><body/></opml>')).toThrow('d.opml:1: <!doctype> is not allowed');
  });

  it('names the line of malformed XML', () => {
    const text = '<opml version="2.0">\n<body>\n<outline text="a">\n</body>\n</opml>';

    expect(() => parseOpml('bad.opml', text)).toThrow(/^bad\.opml:4: malformed XML: /);
  });

  it('refuses documents that are not OPML', () => {
    expect(() => parseOpml('page.html', '<html><body><p>hi</p></body></html>')).toThrow(
      'page.html:1: not an OPML document (expected <opml> with a <body>)',
    );
    expect(() => parseOpml('empty.opml', '')).toThrow(/^empty\.opml:1: malformed XML/);
  });

  it('decodes thousands of escaped entities without hitting an expansion limit', () => {
    const outlines = Array.from({ length: 3000 }, (_, i) => `<outline text="A &amp; B ${i}" xmlUrl="https://e${i}.example/feed?a=1&amp;b=2"/>`);
    const text = `<opml version="2.0"><body>${outlines.join('\n')}</body></opml>`;

    const opml = parseOpml('big.opml', text);

    expect(opml.feeds).toHaveLength(3000);
    expect(opml.feeds[2999]).toMatchObject({ title: 'A & B 2999', xmlUrl: 'https://e2999.example/feed?a=1&b=2', line: 3000 });
  });
});
