import type { StoredEntry, TopicTag } from '../../lambdas/core/model.js';
import type { FeedState } from '../../lambdas/core/ports.js';

export function sampleEntry(overrides: Partial<StoredEntry> = {}): StoredEntry {
  return {
    id: 'entry-1',
    feedId: 'northwind',
    title: 'Council bans police face recognition',
    link: 'https://northwind.example/a',
    published: '2026-11-30T14:05:00.000Z',
    updated: null,
    author: 'Priya Raman',
    summary: '<p>The council voted to bar <b>facial recognition</b> searches.</p>',
    content: null,
    categories: [],
    enclosures: [],
    imageUrl: null,
    firstSeenAt: '2026-11-30T15:00:00.000Z',
    topics: [],
    ...overrides,
  };
}

export function sampleTag(topic: string, phrase: string, field: 'title' | 'summary' = 'title'): TopicTag {
  return { topic, score: 3, evidence: [{ rule: `${topic}.phrase`, phrase, field, weight: 3 }] };
}

export function sampleFeedState(overrides: Partial<FeedState> = {}): FeedState {
  return {
    feedId: 'northwind',
    url: 'https://northwind.example/feed.xml',
    title: 'Northwind Tech Daily',
    enabled: true,
    pollIntervalMinutes: null,
    topicHints: [],
    etag: null,
    lastModified: null,
    lastFetchAt: '2026-11-30T15:00:00.000Z',
    lastSuccessAt: '2026-11-30T15:00:00.000Z',
    httpStatus: 200,
    consecutiveFailures: 0,
    errorClass: null,
    errorMessage: null,
    nextPollAt: '2026-11-30T15:15:00.000Z',
    movedTo: null,
    goneReason: null,
    disabledReason: null,
    ...overrides,
  };
}
