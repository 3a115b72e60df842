import { ParseError, TopicwireError } from '../core/errors.js';
import type { Entry, ParsedFeed, ParseOptions, StoredEntry, TopicTag } from '../core/model.js';
import type { Clock, EntryStore, FeedState, FeedStateStore, Fetcher, FetchOutcome } from '../core/ports.js';
import { isActive } from './plan-polls.js';

/** The poll request names a feed that is not in the feed-state table (removed, or a bad message). */
export class UnknownFeedError extends TopicwireError {
  constructor(readonly feedId: string) {
    super(`unknown feed "${feedId}": no feed state stored (is it in config/feeds.yaml?)`);
  }
}

/** Storing or recording a poll failed; the message names the feed so the retry or DLQ entry is traceable. */
export class PollError extends TopicwireError {}

export interface NextPollInput {
  outcome: FetchOutcome;
  state: FeedState;
  /** RSS <ttl> from the parsed feed, when there is one. */
  ttlMinutes: number | null;
  /** True when the body was fetched but was not a readable feed (counts as a failure). */
  parseFailed: boolean;
  /** Consecutive failures including this poll. */
  failures: number;
  now: Date;
}

export interface PollFeedDeps {
  feedStates: FeedStateStore;
  entries: EntryStore;
  fetcher: Fetcher;
  parseFeed: (bytes: Uint8Array, options: ParseOptions) => ParsedFeed;
  /** Tags one entry; `topicHints` come from the feed's config. */
  tagEntry: (entry: Entry, topicHints: string[]) => TopicTag[];
  nextPollAt: (input: NextPollInput) => Date;
  clock: Clock;
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
}

/** Polls one feed: fetch, parse, skip what is stored, tag and store the rest, then record the feed state. */
export async function pollFeed(deps: PollFeedDeps, feedId: string): Promise<PollSummary> {
  const state = await deps.feedStates.get(feedId);
  if (!state) throw new UnknownFeedError(feedId);
  const url = state.movedTo ?? state.url;
  if (!isActive(state)) return inactiveSummary(state, url);
  const outcome = await deps.fetcher.fetchFeed({ feedId, url, etag: state.etag, lastModified: state.lastModified });
  const now = deps.clock.now();
  let parsed: ParsedFeed | null = null;
  let parseError: ParseError | null = null;
  if (outcome.kind === 'ok' || outcome.kind === 'moved-permanently') {
    try {
      parsed = deps.parseFeed(outcome.body, { contentType: outcome.contentType, url: outcome.finalUrl });
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      parseError = error;
    }
  }
  try {
    const stored = parsed ? await storeNewEntries(deps, state, parsed.items, now) : { newEntries: 0, perTopic: {} };
    const next = nextState(deps, state, outcome, parsed, parseError, now);
    await deps.feedStates.put(next);
    return {
      feedId,
      url,
      kind: parseError ? 'parse-failed' : outcome.kind,
      status: outcome.status,
      items: parsed?.items.length ?? 0,
      ...stored,
      error: next.errorMessage,
      nextPollAt: next.nextPollAt,
    };
  } catch (error) {
    throw new PollError(`feed ${feedId} (${url}): storing the poll result failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Skips stored ids before tagging (the expensive step), then writes the new entries exactly once. */
async function storeNewEntries(deps: PollFeedDeps, state: FeedState, items: Entry[], now: Date) {
  const unique = [...new Map(items.map((item) => [item.id, item])).values()];
  const existing = await deps.entries.existingIds(state.feedId, unique.map((item) => item.id));
  const firstSeenAt = now.toISOString();
  const fresh: StoredEntry[] = unique
    .filter((item) => !existing.has(item.id))
    .map((item) => ({ ...item, feedId: state.feedId, firstSeenAt, topics: deps.tagEntry(item, state.topicHints) }));
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

function nextState(
  deps: PollFeedDeps,
  state: FeedState,
  outcome: FetchOutcome,
  parsed: ParsedFeed | null,
  parseError: ParseError | null,
  now: Date,
): FeedState {
  const failed = outcome.kind === 'failed' || parseError !== null;
  const failures = failed ? state.consecutiveFailures + 1 : outcome.kind === 'rate-limited' ? state.consecutiveFailures : 0;
  const base: FeedState = { ...state, lastFetchAt: now.toISOString(), httpStatus: outcome.status, consecutiveFailures: failures };
  const next = applyOutcome(base, outcome, parseError, now);
  const nextPoll = deps.nextPollAt({
    outcome,
    state,
    ttlMinutes: parsed?.feed.ttlMinutes ?? null,
    parseFailed: parseError !== null,
    failures,
    now,
  });
  return { ...next, nextPollAt: next.goneReason ? null : nextPoll.toISOString() };
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
