import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import { parseFeedsConfig } from '../../../lambdas/core/config/feeds.js';
import type { Entry, TopicTag } from '../../../lambdas/core/model.js';
import type { Clock } from '../../../lambdas/core/ports.js';
import type { PollFeedDeps } from '../../../lambdas/use-cases/poll-feed.js';
import { syncFeeds } from '../../../lambdas/use-cases/sync-feeds.js';
import { buildStores } from '../../../lambdas/wiring/pipeline.js';
import { createTestTable, selectedTargets, startDynamo } from '../../support/dynamo-server.js';
import type { DynamoTarget } from '../../support/dynamo-server.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';
import type { FixtureHandler, FixtureServer } from '../../support/http-fixture-server.js';

export const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'pipeline');

/** Serves a fixture file with an ETag and answers a matching If-None-Match with 304. */
export function serveFile(name: string, contentType: string, etag = `"${name}-v1"`): FixtureHandler {
  const body = readFileSync(join(FIXTURES, name));
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': contentType, etag }).end(body);
  };
}

/** Stands in for the rule tagger: a topic per keyword, with the evidence that fired. */
export function keywordTagger(entry: Entry): TopicTag[] {
  const rules: Array<[string, RegExp]> = [
    ['surveillance', /surveillance|face recognition|drones?/i],
    ['privacy', /privacy|encrypted/i],
  ];
  return rules.flatMap(([topic, pattern]) => {
    const match = pattern.exec(entry.title ?? '');
    return match ? [{ topic, score: 3, evidence: [{ rule: `${topic}-keywords`, phrase: match[0], field: 'title' as const, weight: 3 }] }] : [];
  });
}

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => now, set: (next) => (now = new Date(next)) };
}

export function feedsYaml(feeds: Array<{ id: string; url: string; enabled?: boolean; topics?: string[] }>): string {
  return `feeds:\n${feeds
    .map((f) => `  - id: ${f.id}\n    url: ${f.url}\n    title: Feed ${f.id}\n    enabled: ${f.enabled ?? true}\n    topics: [${(f.topics ?? []).join(', ')}]\n`)
    .join('')}`;
}

export interface Harness {
  target: DynamoTarget;
  server: FixtureServer;
  doc: DynamoDBDocumentClient;
  tableName: string;
  clock: ReturnType<typeof fixedClock>;
  stores: ReturnType<typeof buildStores>;
  deps(overrides?: Partial<PollFeedDeps>): PollFeedDeps;
  sync(feeds: Parameters<typeof feedsYaml>[0]): ReturnType<typeof syncFeeds>;
  close(): Promise<void>;
}

export async function startHarness(routes: Record<string, FixtureHandler>): Promise<Harness> {
  // dynalite by default; DYNAMODB_TARGET=local runs the pipeline suites on DynamoDB Local too.
  const target = await startDynamo(selectedTargets(['dynalite'])[0]!);
  const server = await startFixtureServer(routes);
  const { doc, tableName } = await createTestTable(target.endpoint);
  const clock = fixedClock('2026-12-01T10:00:00.000Z');
  const stores = buildStores({ doc, tableName, retentionDays: 90, clock });
  const fetcher = new HttpFetcher({ allowedOrigins: [server.origin], deadlineMs: 5_000 });
  return {
    target,
    server,
    doc,
    tableName,
    clock,
    stores,
    deps: (overrides = {}) => ({ ...stores, fetcher, tagEntry: keywordTagger, clock, ...overrides }),
    sync: (feeds) => syncFeeds({ feedStates: stores.feedStates, clock }, parseFeedsConfig('test-feeds.yaml', feedsYaml(feeds))),
    async close() {
      doc.destroy();
      await server.close();
      await target.stop();
    },
  };
}

export function sqsEvent(bodies: Array<{ id: string; body: string }>): SQSEvent {
  return {
    Records: bodies.map(({ id, body }) => ({
      messageId: id,
      receiptHandle: `receipt-${id}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:poll',
      awsRegion: 'us-east-1',
    })),
  };
}

export const pollMessage = (id: string, feedId: string) => ({ id, body: JSON.stringify({ feedId }) });
