import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadFeedsConfig, resolveConfigDir } from '../adapters/fs/config-files.js';
import { HttpFetcher, userAgentFor } from '../adapters/http/fetcher.js';
import { HostLimitedFetcher } from '../adapters/http/host-limit.js';
import { isFailingForADay } from '../handlers/observability.js';
import type { PollMetrics } from '../handlers/observability.js';
import type { PollFeedHandlerDeps } from '../handlers/poll-feed.js';
import type { PollSummary } from '../use-cases/poll-feed.js';
import { awsStores, powertoolsLog } from './aws.js';
import { readEnv } from './env.js';
import type { Env } from './env.js';
import { buildPollDeps, systemClock } from './pipeline.js';
import { loadStages } from './stages.js';

// The production fetcher gets no allowlist: every address check applies.
export async function buildPollFeedHandlerDeps(env: Env = readEnv()): Promise<PollFeedHandlerDeps> {
  const dir = resolveConfigDir({ option: env.CONFIG_DIR, env: process.env });
  const [stages, feeds] = await Promise.all([loadStages(dir), loadFeedsConfig(dir)]);
  const fetcher = new HostLimitedFetcher(new HttpFetcher({ userAgent: userAgentFor(feeds.contact) }));
  const poll = buildPollDeps(awsStores(env), fetcher, stages, systemClock);
  return { poll, log: powertoolsLog('poll-feed'), metrics: powertoolsMetrics('poll-feed') };
}

function outcomeMetric(summary: PollSummary): string {
  if (summary.kind === 'ok' || summary.kind === 'moved-permanently') return 'Fetched';
  if (summary.kind === 'not-modified') return 'NotModified';
  return summary.kind === 'inactive' ? 'Inactive' : 'Failed';
}

function powertoolsMetrics(serviceName: string): PollMetrics {
  const metrics = new Metrics({ namespace: 'Topicwire', serviceName });
  let recorded = false;
  return {
    recordPoll(summary: PollSummary) {
      recorded = true;
      metrics.addMetric(outcomeMetric(summary), MetricUnit.Count, 1);
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
