import type { StoredEntry, TopicTag } from '../../../lambdas/core/model.js';
import type { Clock } from '../../../lambdas/core/ports.js';

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => now, set: (next) => (now = new Date(next)) };
}

export function tag(topic: string, score = 2): TopicTag {
  return { topic, score, evidence: [{ rule: `${topic}-rule`, phrase: topic, field: 'title', weight: score }] };
}

export function storedEntry(overrides: Partial<StoredEntry> & Pick<StoredEntry, 'id'>): StoredEntry {
  return {
    feedId: 'feed-a',
    title: `Title of ${overrides.id}`,
    link: `https://news.example/${encodeURIComponent(overrides.id)}`,
    published: '2026-11-30T08:00:00.000Z',
    updated: null,
    author: 'A. Writer',
    summary: '<p>A short <b>summary</b> &amp; more.</p>',
    content: null,
    categories: ['tech'],
    enclosures: [],
    imageUrl: null,
    firstSeenAt: '2026-12-01T09:00:00.000Z',
    topics: [],
    ...overrides,
  };
}
