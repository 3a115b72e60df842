import { describe, expect, it } from '@jest/globals';
import { assignIds, hashId } from '../../../lambdas/core/normalize/ids.js';
import { isSafeUrl, joinBase, resolveUrl, stripTrackingParams } from '../../../lambdas/core/normalize/urls.js';

describe('URLs', () => {
  it('resolves relative URLs and leaves absolute or unresolvable ones alone', () => {
    expect(resolveUrl('/a', 'https://x.example/b/c')).toBe('https://x.example/a');
    expect(resolveUrl('d', 'https://x.example/b/c')).toBe('https://x.example/b/d');
    expect(resolveUrl(' https://y.example ', 'https://x.example/')).toBe('https://y.example');
    expect(resolveUrl('tag:x,2026:1', 'https://x.example/')).toBe('tag:x,2026:1');
    expect(resolveUrl('/a', null)).toBe('/a');
    expect(joinBase('https://x.example/root/', 'posts/')).toBe('https://x.example/root/posts/');
  });

  it('strips utm_* and click ids, keeping every other parameter and the fragment', () => {
    expect(stripTrackingParams('https://x.example/p?utm_source=rss&id=3&fbclid=abc&gclid=1#top')).toBe('https://x.example/p?id=3#top');
    expect(stripTrackingParams('https://x.example/p?utm_medium=feed')).toBe('https://x.example/p');
    expect(stripTrackingParams('https://x.example/p?mc_cid=1&mc_eid=2&q=utm_source')).toBe('https://x.example/p?q=utm_source');
    expect(stripTrackingParams('https://x.example/p?a=1&b=2')).toBe('https://x.example/p?a=1&b=2');
  });

  it('tells safe URLs from script and data URLs', () => {
    expect(isSafeUrl('https://x.example/')).toBe(true);
    expect(isSafeUrl('/relative')).toBe(true);
    expect(isSafeUrl('java\tscript:alert(1)')).toBe(false);
    expect(isSafeUrl(' JavaScript:alert(1)')).toBe(false);
    expect(isSafeUrl('data:text/html,x')).toBe(false);
  });
});

describe('assignIds', () => {
  const item = (guid: string | null, link: string | null, title: string | null) => ({ guid, link, title, date: null, summary: null });

  it('prefers guid, then link, then a hash of title and date', () => {
    const ids = assignIds([item('g', 'https://l/1', 't'), item(null, 'https://l/2', 't'), item(null, null, 'Title')]);
    expect(ids.slice(0, 2)).toEqual(['g', 'https://l/2']);
    expect(ids[2]).toBe(`urn:topicwire:${hashId(['Title', null, null])}`);
  });

  it('never collapses items that share a guid, and is stable across runs', () => {
    const items = [item('same', 'https://l/1', 'One'), item('same', 'https://l/2', 'Two'), item('same', 'https://l/2', 'Two')];
    const ids = assignIds(items);
    expect(new Set(ids).size).toBe(3);
    expect(assignIds(items)).toEqual(ids);
  });
});
