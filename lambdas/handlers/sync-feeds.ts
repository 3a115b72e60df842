import { syncFeeds } from '../use-cases/sync-feeds.js';
import type { SyncFeedsDeps, SyncSummary } from '../use-cases/sync-feeds.js';
import type { FeedsConfig } from '../core/config/feeds.js';
import type { Log } from './observability.js';
import { lazyHandler } from './lazy-handler.js';

export interface SyncFeedsHandlerDeps {
  sync: SyncFeedsDeps;
  /** Reads and validates the bundled config/feeds.yaml; a bad file throws a ConfigError naming file:line. */
  loadConfig: () => Promise<FeedsConfig>;
  log: Log;
}

/**
 * Run once per deploy (a CDK Trigger on the function whose asset carries config/): makes the feed-state
 * rows match feeds.yaml. Errors propagate, so a bad config fails the deploy instead of being skipped.
 */
export function createHandler(deps: SyncFeedsHandlerDeps) {
  return async (_event?: unknown): Promise<SyncSummary> => {
    const summary = await syncFeeds(deps.sync, await deps.loadConfig());
    deps.log.info('feeds synced', { ...summary });
    return summary;
  };
}

export const handler = lazyHandler<unknown, SyncSummary>(() =>
  import('../wiring/aws-sync-feeds.js').then((wiring) => wiring.buildSyncFeedsHandlerDeps()).then(createHandler),
);
