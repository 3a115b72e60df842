import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { loadFeedsConfig, resolveConfigDir } from '../adapters/fs/config-files.js';
import { HttpFetcher, userAgentFor } from '../adapters/http/fetcher.js';
import { HostLimitedFetcher } from '../adapters/http/host-limit.js';
import { SqsPollQueue } from '../adapters/queue/sqs-poll-queue.js';
import type { PlanPollsHandlerDeps } from '../handlers/plan-polls.js';
import type { PollFeedHandlerDeps } from '../handlers/poll-feed.js';
import type { RetagHandlerDeps } from '../handlers/retag.js';
import type { SyncFeedsHandlerDeps } from '../handlers/sync-feeds.js';
import { isFailingForADay } from '../handlers/observability.js';
import type { Log, PollMetrics } from '../handlers/observability.js';
import type { PollSummary } from '../use-cases/poll-feed.js';
import { readEnv, requireQueueUrl } from './env.js';
import type { Env } from './env.js';
import { buildPollDeps, buildStores, loadStages, systemClock } from './pipeline.js';

// Real AWS dependencies, built once per Lambda container on the first invocation. The production fetcher
// gets no allowlist: every address check applies.

function stores(env: Env) {
  const doc = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  return buildStores({ doc, tableName: env.TABLE_NAME, retentionDays: env.RETENTION_DAYS, clock: systemClock });
}

function configDir(env: Env): string {
  return resolveConfigDir({ option: env.CONFIG_DIR, env: process.env });
}

function powertoolsLog(serviceName: string): Log {
  const logger = new Logger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}

function powertoolsMetrics(serviceName: string): PollMetrics {
  const metrics = new Metrics({ namespace: 'Topicwire', serviceName });
  let recorded = false;
  return {
    recordPoll(summary: PollSummary) {
      recorded = true;
      const kind = summary.kind === 'ok' || summary.kind === 'moved-permanently' ? 'Fetched' : summary.kind === 'not-modified' ? 'NotModified' : summary.kind === 'inactive' ? 'Inactive' : 'Failed';
      metrics.addMetric(kind, MetricUnit.Count, 1);
      metrics.addMetric('NewEntries', MetricUnit.Count, summary.newEntries);
      // 1 or 0 per poll; the alarm takes the hourly Maximum.
      metrics.addMetric('FeedsFailing24h', MetricUnit.Count, isFailingForADay(summary, systemClock.now()) ? 1 : 0);
      for (const [topic, count] of Object.entries(summary.perTopic)) {
        const single = metrics.singleMetric();
        single.addDimension('topic', topic);
        single.addMetric('NewEntriesByTopic', MetricUnit.Count, count);
      }
    },
    flush() {
      if (recorded) metrics.publishStoredMetrics();
      recorded = false;
    },
  };
}

export async function buildPollFeedHandlerDeps(env: Env = readEnv()): Promise<PollFeedHandlerDeps> {
  const dir = configDir(env);
  const [stages, feeds] = await Promise.all([loadStages(dir), loadFeedsConfig(dir)]);
  const fetcher = new HostLimitedFetcher(new HttpFetcher({ userAgent: userAgentFor(feeds.contact) }));
  const poll = buildPollDeps(stores(env), fetcher, stages, systemClock);
  return { poll, log: powertoolsLog('poll-feed'), metrics: powertoolsMetrics('poll-feed') };
}

export async function buildPlanPollsHandlerDeps(env: Env = readEnv()): Promise<PlanPollsHandlerDeps> {
  const sqs = new SQSClient({ region: env.AWS_REGION, endpoint: env.SQS_ENDPOINT });
  const queue = new SqsPollQueue(sqs, requireQueueUrl(env));
  return { plan: { feedStates: stores(env).feedStates, queue, clock: systemClock }, log: powertoolsLog('plan-polls') };
}

export async function buildRetagHandlerDeps(env: Env = readEnv()): Promise<RetagHandlerDeps> {
  const stages = await loadStages(configDir(env));
  const { entries, feedStates } = stores(env);
  return { retag: { entries, feedStates, tagEntry: stages.tagEntry, clock: systemClock }, log: powertoolsLog('retag'), defaultDays: env.RETAG_DAYS };
}

export async function buildSyncFeedsHandlerDeps(env: Env = readEnv()): Promise<SyncFeedsHandlerDeps> {
  const dir = configDir(env);
  return { sync: { feedStates: stores(env).feedStates, clock: systemClock }, loadConfig: () => loadFeedsConfig(dir), log: powertoolsLog('sync-feeds') };
}
