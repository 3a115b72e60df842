import { describe, expect, it } from '@jest/globals';
import type { Entry } from '../../../lambdas/core/model.js';
import { pollFeed, UnknownFeedError } from '../../../lambdas/use-cases/poll-feed.js';
import type { PollFeedDeps } from '../../../lambdas/use-cases/poll-feed.js';
import { feedState, MemoryEntries, MemoryFeedStates, outcomes, rss, ScriptedFetcher } from './doubles.js';

const now = new Date('2026-12-01T10:00:00.000Z');

async function setup(script: ConstructorParameters<typeof ScriptedFetcher>[0], state = feedState()) {
  const feedStates = new MemoryFeedStates();
  await feedStates.put(state);
  const entries = new MemoryEntries();
  const fetcher = new ScriptedFetcher(script);
  const tagged: string[] = [];
  const deps: PollFeedDeps = {
    feedStates,
    entries,
    fetcher,
    clock: { now: () => now },
    tagEntry: (entry: Entry) => {
      tagged.push(entry.id);
      return /privacy/i.test(entry.title ?? '') ? [{ topic: 'privacy', score: 2, evidence: [] }] : [];
    },
  };
  return { deps, feedStates, entries, fetcher, tagged };
}

describe('pollFeed', () => {
  it('tags only items not stored yet and counts new entries per topic', async () => {
    const feed = rss([{ guid: 'a', title: 'Privacy rules' }, { guid: 'b', title: 'Chips' }]);
    const { deps, tagged } = await setup([outcomes.ok(feed, '"e1"'), outcomes.ok(feed, '"e1"')]);

    const first = await pollFeed(deps, 'f1');
    tagged.length = 0;
    const second = await pollFeed(deps, 'f1');

    expect(first).toMatchObject({ kind: 'ok', items: 2, newEntries: 2, perTopic: { privacy: 1 }, error: null });
    expect(second).toMatchObject({ kind: 'ok', items: 2, newEntries: 0, perTopic: {} });
    expect(tagged).toEqual([]);
  });

  it('sends stored validators and the permanent-redirect target, and keeps validators on a 304', async () => {
    const { deps, fetcher, feedStates } = await setup(
      [outcomes.notModified()],
      feedState({ etag: '"v7"', lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT', movedTo: 'https://new.example/rss' }),
    );

    const summary = await pollFeed(deps, 'f1');

    expect(fetcher.requests).toEqual([{ feedId: 'f1', url: 'https://new.example/rss', etag: '"v7"', lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT' }]);
    expect(summary).toMatchObject({ kind: 'not-modified', url: 'https://new.example/rss', nextPollAt: '2026-12-01T11:00:00.000Z' });
    expect(await feedStates.get('f1')).toMatchObject({ etag: '"v7"', lastSuccessAt: now.toISOString(), consecutiveFailures: 0 });
  });

  it('treats a body that is not a feed as a failure and does not keep its validators', async () => {
    const { deps, feedStates } = await setup([outcomes.ok('<html><body>moved</body></html>', '"html"')], feedState({ consecutiveFailures: 1 }));

    const summary = await pollFeed(deps, 'f1');

    expect(summary.kind).toBe('parse-failed');
    expect(await feedStates.get('f1')).toMatchObject({ etag: null, consecutiveFailures: 2, errorClass: 'ParseError', nextPollAt: '2026-12-01T12:00:00.000Z' });
  });

  it('honours Retry-After on a 429 and records the reason', async () => {
    const { deps, feedStates } = await setup([outcomes.rateLimited('7200')]);

    await pollFeed(deps, 'f1');

    expect(await feedStates.get('f1')).toMatchObject({ httpStatus: 429, errorClass: 'RateLimited', nextPollAt: '2026-12-01T12:00:00.000Z' });
  });

  it('does not fetch a disabled feed and rejects an unknown one', async () => {
    const { deps, fetcher } = await setup([], feedState({ disabledReason: 'removed from config/feeds.yaml on 2026-11-30' }));

    const summary = await pollFeed(deps, 'f1');

    expect(summary).toMatchObject({ kind: 'inactive', error: 'removed from config/feeds.yaml on 2026-11-30' });
    expect(fetcher.requests).toEqual([]);
    await expect(pollFeed(deps, 'nope')).rejects.toBeInstanceOf(UnknownFeedError);
  });

  it('wraps a storage failure in an error that names the feed and its URL', async () => {
    const { deps } = await setup([outcomes.ok(rss([{ guid: 'a', title: 'x' }]))]);
    deps.entries.putEntries = () => Promise.reject(new Error('table is on fire'));

    await expect(pollFeed(deps, 'f1')).rejects.toThrow('feed f1 (https://feeds.example/rss): storing the poll result failed: table is on fire');
  });
});
