import type { StoredEntry, TopicTag } from '../../../lambdas/core/model.js';
import type { EntryStore, FeedState, FeedStateStore, Fetcher, FetchOutcome, FetchRequest, PutOutcome } from '../../../lambdas/core/ports.js';
import { initialFeedState } from '../../../lambdas/use-cases/sync-feeds.js';

/** In-memory stores with the same contract as the DynamoDB ones (the integration suites check those). */
export class MemoryFeedStates implements FeedStateStore {
  readonly states = new Map<string, FeedState>();
  async get(feedId: string) {
    return this.states.get(feedId) ?? null;
  }
  async list() {
    return [...this.states.values()];
  }
  async put(state: FeedState) {
    this.states.set(state.feedId, structuredClone(state));
  }
}

export class MemoryEntries implements EntryStore {
  readonly rows = new Map<string, StoredEntry>();
  existingIdsCalls: string[][] = [];
  async existingIds(feedId: string, ids: string[]) {
    this.existingIdsCalls.push(ids);
    return new Set(ids.filter((id) => this.rows.has(`${feedId}|${id}`)));
  }
  async putEntries(entries: StoredEntry[]) {
    const out = new Map<string, PutOutcome>();
    for (const e of entries) {
      const key = `${e.feedId}|${e.id}`;
      out.set(e.id, this.rows.has(key) ? 'duplicate' : 'created');
      if (!this.rows.has(key)) this.rows.set(key, e);
    }
    return out;
  }
  async listByTopic(topic: string, since: string, limit: number) {
    return [...this.rows.values()].filter((e) => e.firstSeenAt >= since && e.topics.some((t) => t.topic === topic)).slice(0, limit);
  }
  async *listSince(since: string) {
    for (const e of this.rows.values()) if (e.firstSeenAt >= since) yield e;
  }
  async updateTopics(entry: StoredEntry, topics: TopicTag[]) {
    this.rows.set(`${entry.feedId}|${entry.id}`, { ...entry, topics });
  }
}

/** A Fetcher that answers from a script of outcomes and records the requests it got. */
export class ScriptedFetcher implements Fetcher {
  readonly requests: FetchRequest[] = [];
  constructor(private readonly script: Array<(request: FetchRequest) => FetchOutcome>) {}
  async fetchFeed(request: FetchRequest): Promise<FetchOutcome> {
    this.requests.push(request);
    const next = this.script.shift();
    if (!next) throw new Error('ScriptedFetcher: no more outcomes');
    return next(request);
  }
}

const cache = (etag: string | null = null) => ({ etag, lastModified: null, cacheControl: null, expires: null, date: null });
const base = (r: FetchRequest, status: number | null) => ({ feedId: r.feedId, requestedUrl: r.url, finalUrl: r.url, status, durationMs: 1 });

export const outcomes = {
  ok: (body: string, etag: string | null = null) => (r: FetchRequest): FetchOutcome => ({
    ...base(r, 200), kind: 'ok', body: new TextEncoder().encode(body), contentType: 'application/rss+xml', cache: cache(etag), movedTo: null,
  }),
  notModified: () => (r: FetchRequest): FetchOutcome => ({ ...base(r, 304), kind: 'not-modified', cache: cache(), movedTo: null }),
  rateLimited: (retryAfter: string) => (r: FetchRequest): FetchOutcome => ({ ...base(r, 429), kind: 'rate-limited', retryAfter }),
};

export function feedState(overrides: Partial<FeedState> = {}): FeedState {
  return { ...initialFeedState({ feedId: 'f1', url: 'https://feeds.example/rss', title: 'F1', enabled: true, pollIntervalMinutes: 60, topicHints: [] }), ...overrides };
}

export function rss(items: Array<{ guid: string; title: string }>): string {
  const body = items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://feeds.example/${i.guid}</link></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>F1</title><link>https://feeds.example/</link>${body}</channel></rss>`;
}
