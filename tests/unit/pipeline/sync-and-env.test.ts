import { describe, expect, it } from '@jest/globals';
import { parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';
import { planPolls } from '../../../lambdas/use-cases/plan-polls.js';
import { syncFeeds } from '../../../lambdas/use-cases/sync-feeds.js';
import { parseEnv } from '../../../lambdas/wiring/env.js';
import { isFailingForADay } from '../../../lambdas/handlers/observability.js';
import type { PollSummary } from '../../../lambdas/use-cases/poll-feed.js';
import { feedState, MemoryFeedStates } from './doubles.js';

const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
const yaml = (feeds: string) => parseFeedsConfig('feeds.yaml', `feeds:\n${feeds}`);

describe('syncFeeds', () => {
  it('adds, updates and disables feeds; a new URL starts the feed over', async () => {
    const feedStates = new MemoryFeedStates();
    await feedStates.put(feedState({ feedId: 'kept', url: 'https://old.example/rss', etag: '"x"', goneReason: 'HTTP 410', consecutiveFailures: 4 }));
    await feedStates.put(feedState({ feedId: 'dropped' }));

    const summary = await syncFeeds(
      { feedStates, clock },
      yaml('  - id: kept\n    url: https://new.example/rss\n    title: Kept\n  - id: fresh\n    url: https://fresh.example/rss\n    title: Fresh\n'),
    );

    expect(summary).toEqual({ added: ['fresh'], updated: ['kept'], removed: ['dropped'], unchanged: 0 });
    expect(await feedStates.get('kept')).toMatchObject({ url: 'https://new.example/rss', etag: null, goneReason: null, consecutiveFailures: 0, title: 'Kept' });
    expect(await feedStates.get('dropped')).toMatchObject({ disabledReason: 'removed from config/feeds.yaml on 2026-12-01' });
  });
});

describe('planPolls', () => {
  it('enqueues feeds never polled or past their next poll time, and skips inactive ones', async () => {
    const feedStates = new MemoryFeedStates();
    await feedStates.put(feedState({ feedId: 'new' }));
    await feedStates.put(feedState({ feedId: 'due', nextPollAt: '2026-12-01T09:59:00.000Z' }));
    await feedStates.put(feedState({ feedId: 'later', nextPollAt: '2026-12-01T10:30:00.000Z' }));
    await feedStates.put(feedState({ feedId: 'gone', goneReason: 'HTTP 410' }));
    await feedStates.put(feedState({ feedId: 'off', enabled: false }));
    const sent: string[][] = [];

    const summary = await planPolls({ feedStates, clock, queue: { enqueue: async (ids) => void sent.push(ids) } });

    expect(summary).toEqual({ feeds: 5, due: ['new', 'due'], inactive: 2 });
    expect(sent).toEqual([['new', 'due']]);
  });
});

describe('parseEnv', () => {
  it('applies documented defaults and ignores unrelated variables', () => {
    const env = parseEnv({ TABLE_NAME: 'topicwire-dev', PATH: '/usr/bin', RETENTION_DAYS: '30' });

    expect(env).toMatchObject({ TABLE_NAME: 'topicwire-dev', RETENTION_DAYS: 30, RETAG_DAYS: 30, AWS_REGION: 'us-east-1' });
  });

  it('names the variable, the problem and what the variable is for', () => {
    expect(() => parseEnv({ RETENTION_DAYS: 'ninety' })).toThrow(/TABLE_NAME: .*DynamoDB table.*RETENTION_DAYS: .*expire/s);
  });
});

describe('isFailingForADay', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  const summary = (over: Partial<PollSummary>): PollSummary => ({
    feedId: 'f', url: 'https://f.example/rss', kind: 'failed', status: 500, items: 0, newEntries: 0, perTopic: {}, error: 'HTTP 500', nextPollAt: null, ...over,
  });

  it('counts a failing poll whose last success is a day old, or a never-read feed after five failures', () => {
    expect(isFailingForADay(summary({ lastSuccessAt: '2026-12-01T11:59:00.000Z' }), now)).toBe(true);
    expect(isFailingForADay(summary({ lastSuccessAt: '2026-12-01T13:00:00.000Z' }), now)).toBe(false);
    expect(isFailingForADay(summary({ lastSuccessAt: null, consecutiveFailures: 5 }), now)).toBe(true);
    expect(isFailingForADay(summary({ lastSuccessAt: null, consecutiveFailures: 2 }), now)).toBe(false);
    expect(isFailingForADay(summary({ kind: 'not-modified', lastSuccessAt: '2026-11-01T00:00:00.000Z' }), now)).toBe(false);
  });
});
