// The interfaces adapters implement. Core and use cases depend on these, never on a concrete adapter.
import type { StoredEntry, TopicTag } from './model.js';

export type { Fetcher, FetchOutcome, FetchRequest } from './fetch/outcome.js';

/** The only source of time: core code never reads the system clock. */
export interface Clock {
  now(): Date;
}

/** Everything Topicwire remembers about one feed between polls. */
export interface FeedState {
  feedId: string;
  url: string;
  title: string;
  enabled: boolean;
  pollIntervalMinutes: number | null;
  topicHints: string[];
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  httpStatus: number | null;
  consecutiveFailures: number;
  errorClass: string | null;
  errorMessage: string | null;
  nextPollAt: string | null;
  /** Permanent-redirect target, persisted so the next poll goes there directly. */
  movedTo: string | null;
  goneReason: string | null;
  disabledReason: string | null;
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState | null>;
  list(): Promise<FeedState[]>;
  put(state: FeedState): Promise<void>;
}

export type PutOutcome = 'created' | 'duplicate';

export interface EntryStore {
  /** Which of these entry ids are already stored for the feed: checked before any expensive step. */
  existingIds(feedId: string, entryIds: string[]): Promise<Set<string>>;
  /** Stores new entries exactly once (conditional writes); re-running after a crash heals. */
  putEntries(entries: StoredEntry[]): Promise<Map<string, PutOutcome>>;
  /** Newest first by first-seen time. */
  listByTopic(topic: string, sinceIso: string, limit: number): Promise<StoredEntry[]>;
  /** All entries first seen at or after `sinceIso`, for retagging and dry runs. */
  listSince(sinceIso: string): AsyncIterable<StoredEntry>;
  /** Replaces an entry's topics and its topic-index rows, idempotently. */
  updateTopics(entry: StoredEntry, topics: TopicTag[]): Promise<void>;
}

/** Hands due feeds to the pollers: SQS on AWS, an in-process queue on one machine. */
export interface PollQueue {
  enqueue(feedIds: string[]): Promise<void>;
}
