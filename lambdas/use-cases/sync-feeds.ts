import type { FeedsConfig } from '../core/config/feeds.js';
import { pollIntervalOf } from '../core/config/feeds.js';
import type { Clock, FeedState, FeedStateStore } from '../core/ports.js';

export interface SyncFeedsDeps {
  feedStates: FeedStateStore;
  clock: Clock;
}

export interface SyncSummary {
  added: string[];
  updated: string[];
  /** In the table but no longer in config: disabled, history kept. */
  removed: string[];
  unchanged: number;
}

const REMOVED_PREFIX = 'removed from config/feeds.yaml';

/** The state of a feed never polled: due at once, no validators, no history. */
/** What config/feeds.yaml decides about a feed; everything else in FeedState is learned by polling. */
export type FeedDefinition = Pick<FeedState, 'feedId' | 'url' | 'title' | 'enabled' | 'pollIntervalMinutes' | 'topicHints'>;

export function initialFeedState(feed: FeedDefinition): FeedState {
  return {
    ...feed,
    etag: null,
    lastModified: null,
    lastFetchAt: null,
    lastSuccessAt: null,
    httpStatus: null,
    consecutiveFailures: 0,
    errorClass: null,
    errorMessage: null,
    nextPollAt: null,
    movedTo: null,
    goneReason: null,
    disabledReason: null,
  };
}

/**
 * Makes the feed-state records match config/feeds.yaml (on deploy and on local start). A feed removed from
 * config is disabled, not deleted, so its entries and history stay; putting it back re-enables it.
 */
export async function syncFeeds(deps: SyncFeedsDeps, config: FeedsConfig): Promise<SyncSummary> {
  const stored = new Map((await deps.feedStates.list()).map((s) => [s.feedId, s]));
  const summary: SyncSummary = { added: [], updated: [], removed: [], unchanged: 0 };
  for (const feed of config.feeds) {
    const wanted: FeedDefinition = {
      feedId: feed.id,
      url: feed.url,
      title: feed.title,
      enabled: feed.enabled,
      pollIntervalMinutes: pollIntervalOf(config, feed),
      topicHints: feed.topics,
    };
    const current = stored.get(feed.id);
    stored.delete(feed.id);
    if (!current) {
      await deps.feedStates.put(initialFeedState(wanted));
      summary.added.push(feed.id);
      continue;
    }
    const next = reconcile(current, wanted);
    if (JSON.stringify(next) === JSON.stringify(current)) summary.unchanged++;
    else {
      await deps.feedStates.put(next);
      summary.updated.push(feed.id);
    }
  }
  for (const orphan of stored.values()) {
    if (orphan.disabledReason?.startsWith(REMOVED_PREFIX)) continue;
    await deps.feedStates.put({ ...orphan, disabledReason: `${REMOVED_PREFIX} on ${deps.clock.now().toISOString().slice(0, 10)}` });
    summary.removed.push(orphan.feedId);
  }
  return summary;
}

function reconcile(current: FeedState, wanted: FeedDefinition): FeedState {
  const back = current.disabledReason?.startsWith(REMOVED_PREFIX) ? { disabledReason: null } : {};
  const changes = { ...current, ...wanted, ...back };
  // A new URL from the admin starts over: old validators, redirect target and a 410 belong to the old URL.
  if (current.url === wanted.url) return changes;
  return { ...changes, etag: null, lastModified: null, movedTo: null, goneReason: null, consecutiveFailures: 0, nextPollAt: null };
}
