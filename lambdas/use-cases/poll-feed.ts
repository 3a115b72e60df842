import { ParseError, TopicwireError } from '../core/errors.js';
import type { Entry, StoredEntry, TopicTag } from '../core/model.js';
import { normalizeItem, parseFeedRaw } from '../core/parse/index.js';
import type { RawFeed, RawItem } from '../core/parse/index.js';
import type { Clock, EntryStore, FeedState, FeedStateStore, Fetcher, FetchOutcome } from '../core/ports.js';
import { DEFAULT_POLL_POLICY, nextPollAt, pollFactsFromOutcome } from '../core/schedule.js';
import type { PollPolicy } from '../core/schedule.js';
import { isActive } from './plan-polls.js';

/** The poll request names a feed that is not in the feed-state table (removed, or a bad message). */
export class UnknownFeedError extends TopicwireError {
  constructor(readonly feedId: string) {
    super(`unknown feed "${feedId}": no feed state stored (is it in config/feeds.yaml?)`);
  }
}

/** Storing or recording a poll failed; the message names the feed so the retry or DLQ entry is traceable. */
export class PollError extends TopicwireError {}

export interface PollFeedDeps {
  feedStates: FeedStateStore;
  entries: EntryStore;
  fetcher: Fetcher;
  /** Tags one entry with the current topic rules; `topicHints` come from the feed's config. */
  tagEntry: (entry: Entry, topicHints: string[]) => TopicTag[];
  clock: Clock;
  pollPolicy?: PollPolicy;
}

export type PollKind = FetchOutcome['kind'] | 'parse-failed' | 'inactive';

export interface PollSummary {
  feedId: string;
  url: string;
  kind: PollKind;
  status: number | null;
  items: number;
  newEntries: number;
  perTopic: Record<string, number>;
  error: string | null;
  nextPollAt: string | null;
  /** From the feed state after this poll, for the feeds-failing-for-24-hours metric. */
  lastSuccessAt?: string | null;
  consecutiveFailures?: number;
}

interface Read {
  raw: RawFeed | null;
  parseError: ParseError | null;
}

/** Polls one feed: fetch, parse, skip what is stored, normalize and tag the rest, store, record the feed state. */
export async function pollFeed(deps: PollFeedDeps, feedId: string): Promise<PollSummary> {
  const state = await deps.feedStates.get(feedId);
  if (!state) throw new UnknownFeedError(feedId);
  const url = state.movedTo ?? state.url;
  if (!isActive(state)) return inactiveSummary(state, url);
  const outcome = await deps.fetcher.fetchFeed({ feedId, url, etag: state.etag, lastModified: state.lastModified });
  const now = deps.clock.now();
  const { raw, parseError } = readBody(outcome);
  try {
    const stored = raw ? await storeNewEntries(deps, state, raw.items, now) : { newEntries: 0, perTopic: {} };
    const next = nextState(state, outcome, raw, parseError, now, deps.pollPolicy);
    await deps.feedStates.put(next);
    const kind = parseError ? 'parse-failed' : outcome.kind;
    return {
      feedId,
      url,
      kind,
      status: outcome.status,
      items: raw?.items.length ?? 0,
      ...stored,
      error: next.errorMessage,
      nextPollAt: next.nextPollAt,
      lastSuccessAt: next.lastSuccessAt,
      consecutiveFailures: next.consecutiveFailures,
    };
  } catch (error) {
    throw new PollError(`feed ${feedId} (${url}): storing the poll result failed: ${(error as Error).message}`, { cause: error });
  }
}

function readBody(outcome: FetchOutcome): Read {
  if (outcome.kind !== 'ok' && outcome.kind !== 'moved-permanently') return { raw: null, parseError: null };
  try {
    return { raw: parseFeedRaw(outcome.body, { contentType: outcome.contentType, url: outcome.finalUrl }), parseError: null };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { raw: null, parseError: error };
  }
}

/** Skips stored ids before normalizing, sanitizing and tagging (the expensive steps), then stores the rest once. */
async function storeNewEntries(deps: PollFeedDeps, state: FeedState, items: RawItem[], now: Date) {
  const unique = [...new Map(items.map((item) => [item.id, item])).values()];
  const existing = unique.length > 0 ? await deps.entries.existingIds(state.feedId, unique.map((item) => item.id)) : new Set<string>();
  const firstSeenAt = now.toISOString();
  const fresh: StoredEntry[] = unique
    .filter((item) => !existing.has(item.id))
    .map((item) => {
      const entry = normalizeItem(item);
      return { ...entry, feedId: state.feedId, firstSeenAt, topics: deps.tagEntry(entry, state.topicHints) };
    });
  const outcomes = fresh.length > 0 ? await deps.entries.putEntries(fresh) : new Map();
  const perTopic: Record<string, number> = {};
  let newEntries = 0;
  for (const entry of fresh) {
    if (outcomes.get(entry.id) !== 'created') continue;
    newEntries++;
    for (const tag of entry.topics) perTopic[tag.topic] = (perTopic[tag.topic] ?? 0) + 1;
  }
  return { newEntries, perTopic };
}

function nextState(state: FeedState, outcome: FetchOutcome, raw: RawFeed | null, parseError: ParseError | null, now: Date, policy = DEFAULT_POLL_POLICY): FeedState {
  const fetched = pollFactsFromOutcome(outcome, {
    now,
    previousFailures: state.consecutiveFailures,
    intervalMinutes: state.pollIntervalMinutes,
    ttlMinutes: raw?.feed.ttlMinutes ?? null,
  });
  // A body that is not a feed is a failure for backoff purposes, although the HTTP exchange worked.
  const facts = parseError ? { ...fetched, outcome: 'failed' as const, consecutiveFailures: state.consecutiveFailures + 1 } : fetched;
  const base: FeedState = { ...state, lastFetchAt: now.toISOString(), httpStatus: outcome.status, consecutiveFailures: facts.consecutiveFailures };
  const next = applyOutcome(base, outcome, parseError, now);
  return { ...next, nextPollAt: nextPollAt(facts, policy)?.toISOString() ?? null };
}

function applyOutcome(base: FeedState, outcome: FetchOutcome, parseError: ParseError | null, now: Date): FeedState {
  const cleared = { errorClass: null, errorMessage: null };
  switch (outcome.kind) {
    case 'ok':
    case 'moved-permanently': {
      const movedTo = outcome.kind === 'moved-permanently' ? outcome.movedTo : (outcome.movedTo ?? base.movedTo);
      // A body we could not read must not leave validators behind, or the next poll gets a 304 and never retries.
      if (parseError) return { ...base, movedTo, errorClass: parseError.name, errorMessage: parseError.message };
      const { etag, lastModified } = outcome.cache;
      return { ...base, ...cleared, movedTo, etag, lastModified, lastSuccessAt: now.toISOString() };
    }
    case 'not-modified':
      return {
        ...base,
        ...cleared,
        movedTo: outcome.movedTo ?? base.movedTo,
        etag: outcome.cache.etag ?? base.etag,
        lastModified: outcome.cache.lastModified ?? base.lastModified,
        lastSuccessAt: now.toISOString(),
      };
    case 'gone':
      return { ...base, ...cleared, goneReason: `HTTP 410 Gone at ${outcome.finalUrl} on ${now.toISOString()}` };
    case 'rate-limited':
      return { ...base, errorClass: 'RateLimited', errorMessage: `HTTP ${outcome.status ?? 429} from ${outcome.finalUrl}; Retry-After: ${outcome.retryAfter ?? 'none'}` };
    case 'failed':
      return { ...base, errorClass: outcome.error.kind, errorMessage: outcome.error.message };
  }
}

function inactiveSummary(state: FeedState, url: string): PollSummary {
  const reason = state.goneReason ?? state.disabledReason ?? 'disabled in config';
  return { feedId: state.feedId, url, kind: 'inactive', status: null, items: 0, newEntries: 0, perTopic: {}, error: reason, nextPollAt: null };
}
