import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const feeds = join(root, 'tests', 'fixtures', 'feeds');

function topicwire(args: string[], input?: string | Buffer) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'topicwire.mjs'), ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ITEM_KEYS = ['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content', 'categories'];

describe('topicwire parse', () => {
  it('prints one JSON object with exactly the contract keys and exits 0', () => {
    // Act
    const { code, stdout } = topicwire(['parse', join(feeds, 'rss', 'rss20-basic.xml')]);
    // Assess
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['feed', 'items']);
    expect(Object.keys(out.feed)).toEqual(['title', 'link', 'description', 'language']);
    expect(Object.keys(out.items[0])).toEqual(ITEM_KEYS);
    expect(out.items[0]).toMatchObject({ title: 'Bridge reopens after repairs', published: '2026-11-30T18:30:00Z', categories: ['Transport', 'Canal'] });
    expect(out.items[1].author).toBeNull();
  });

  it('reads standard input for "-" and exits 0 for a damaged feed that still has items', () => {
    const { code, stdout } = topicwire(['parse', '-'], '<rss><channel><item><title>Cut &amp; dry</title><link>https://x.example/1</link></item><item><title>Half');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0]).toMatchObject({ title: 'Cut & dry', link: 'https://x.example/1' });
  });

  it.each([
    ['an HTML page', join(feeds, 'notfeed', 'html-page.html')],
    ['JSON that is not a JSON Feed', join(feeds, 'notfeed', 'not-jsonfeed.json')],
    ['empty input', join(feeds, 'notfeed', 'empty.xml')],
    ['binary', join(feeds, 'notfeed', 'binary.bin')],
  ])('exits 2 with one line on stderr for %s', (_what, file) => {
    const { code, stdout, stderr } = topicwire(['parse', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('not a feed');
  });

  it('prints one line per file with --jsonl, in order, with an error line for a non-feed in the middle', () => {
    const files = [join(feeds, 'atom', 'atom10-basic.xml'), join(feeds, 'notfeed', 'html-page.html'), join(feeds, 'json', 'jsonfeed11.json')];
    const { code, stdout } = topicwire(['parse', '--jsonl', ...files]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].feed.title).toBe('Tidepool Journal');
    expect(lines[1]).toEqual({ error: expect.stringContaining('not a feed'), file: files[1] });
    expect(lines[2].feed.title).toBe('Orchard Log');
  });

  it('resolves relative links with --base-url and strips tracking parameters with --strip-tracking', () => {
    const { stdout } = topicwire(['parse', '--base-url', 'https://rel.example/blog/feed', '--strip-tracking', join(feeds, 'rss', 'relative-links.xml')]);
    expect(JSON.parse(stdout).items.map((i: { link: string }) => i.link)).toEqual(['https://rel.example/blog/one', 'https://rel.example/blog/two.html', 'https://rel.example/three?id=3']);
  });

  it('documents itself in --help', () => {
    const { code, stdout } = topicwire(['parse', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--jsonl');
    expect(stdout).toContain('Exits 2');
  });
});
