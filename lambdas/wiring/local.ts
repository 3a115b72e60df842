import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { startDynalite } from '../adapters/dynamodb/embedded-server.js';
import { ensureTable } from '../adapters/dynamodb/table.js';
import { loadFeedsConfig } from '../adapters/fs/config-files.js';
import { HttpFetcher, userAgentFor } from '../adapters/http/fetcher.js';
import { HostLimitedFetcher } from '../adapters/http/host-limit.js';
import { InProcessPollQueue } from '../adapters/queue/in-process-queue.js';
import type { QueueResult } from '../adapters/queue/in-process-queue.js';
import type { Clock, Fetcher } from '../core/ports.js';
import { planPolls } from '../use-cases/plan-polls.js';
import type { PlanSummary } from '../use-cases/plan-polls.js';
import { pollFeed } from '../use-cases/poll-feed.js';
import type { PollSummary } from '../use-cases/poll-feed.js';
import { retagEntries } from '../use-cases/retag-entries.js';
import type { RetagSummary } from '../use-cases/retag-entries.js';
import { syncFeeds } from '../use-cases/sync-feeds.js';
import type { SyncSummary } from '../use-cases/sync-feeds.js';
import { buildPollDeps, buildStores, systemClock } from './pipeline.js';
import { loadStages } from './stages.js';
import type { Stages } from './pipeline.js';

// One machine, no AWS account: dynalite in this process (persisted under `dataDir` when given), the same
// use cases as the Lambdas, and an in-process queue in place of SQS.

export interface LocalOptions {
  configDir: string;
  /** LevelDB folder for dynalite; in-memory when omitted. */
  dataDir?: string;
  /** Use a DynamoDB-API server someone else started instead of the embedded one. */
  endpoint?: string;
  tableName?: string;
  retentionDays?: number;
  /** host:port origins the SSRF guard lets through (demo fixture server, tests). */
  allowOrigins?: string[];
  /** Feeds polled at once in a cycle. */
  concurrency?: number;
  clock?: Clock;
  fetcher?: Fetcher;
  stages?: Stages;
}

export interface CycleResult {
  plan: PlanSummary;
  polled: PollSummary[];
  /** Feeds whose poll threw (storage failure, unknown feed): on AWS these would be retried by SQS. */
  failed: Array<{ feedId: string; error: Error }>;
}

export interface LocalRuntime {
  endpoint: string;
  tableName: string;
  doc: DynamoDBDocumentClient;
  stores: ReturnType<typeof buildStores>;
  /** Reads config/feeds.yaml again and syncs it into the feed-state records. */
  syncFeeds(): Promise<SyncSummary>;
  /** Plans and runs one cycle; `all` polls every active feed, not only the due ones. */
  runPollCycle(options?: {
    all?: boolean;
    /** The feeds about to be polled, before the first poll starts (for a progress bar). */
    onPlanned?: (feedIds: string[]) => void;
    onPolled?: (summary: PollSummary) => void;
    onFailed?: (feedId: string, error: Error) => void;
  }): Promise<CycleResult>;
  retag(days: number): Promise<RetagSummary>;
  close(): Promise<void>;
}

export async function startLocal(options: LocalOptions): Promise<LocalRuntime> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clock = options.clock ?? systemClock;
  const server = options.endpoint ? null : await startDynalite({ path: options.dataDir });
  const endpoint = options.endpoint ?? server!.endpoint;
  const tableName = options.tableName ?? 'topicwire';
  const doc = createDocumentClient({ endpoint });
  let stages: Stages;
  let fetcher: Fetcher;
  try {
    // Config is read before the first table write, and any failure here (a bad feeds.yaml or topics.yaml)
    // must release the embedded server, or the process would never exit.
    stages = options.stages ?? (await loadStages(options.configDir));
    fetcher = options.fetcher ?? (await buildFetcher(options.configDir, options.allowOrigins ?? []));
    await ensureTable(doc, tableName);
  } catch (error) {
    doc.destroy();
    await server?.close();
    throw error;
  }
  const stores = buildStores({ doc, tableName, retentionDays: options.retentionDays ?? 90, clock });
  const pollDeps = buildPollDeps(stores, fetcher, stages, clock);

  return {
    endpoint,
    tableName,
    doc,
    stores,
    syncFeeds: async () => syncFeeds({ feedStates: stores.feedStates, clock }, await loadFeedsConfig(options.configDir)),
    async runPollCycle(cycle = {}) {
      const onResult = (r: QueueResult<PollSummary>) => (r.error ? cycle.onFailed?.(r.feedId, r.error) : cycle.onPolled?.(r.result!));
      const queue = new InProcessPollQueue((feedId) => pollFeed(pollDeps, feedId), { concurrency: options.concurrency ?? 8, onEnqueued: cycle.onPlanned, onResult });
      const plan = await planPolls({ feedStates: stores.feedStates, queue, clock }, { all: cycle.all });
      const results = queue.drain();
      return {
        plan,
        polled: results.flatMap((r) => (r.result ? [r.result] : [])),
        failed: results.flatMap((r) => (r.error ? [{ feedId: r.feedId, error: r.error }] : [])),
      };
    },
    retag: (days) => retagEntries({ entries: stores.entries, feedStates: stores.feedStates, tagEntry: stages.tagEntry, clock }, days),
    async close() {
      doc.destroy();
      await server?.close();
    },
  };
}

/** The polite fetcher: the operator's contact from feeds.yaml in the User-Agent, at most 2 fetches per host at once. */
async function buildFetcher(configDir: string, allowedOrigins: string[]): Promise<Fetcher> {
  const { contact } = await loadFeedsConfig(configDir);
  return new HostLimitedFetcher(new HttpFetcher({ allowedOrigins, userAgent: userAgentFor(contact) }));
}
