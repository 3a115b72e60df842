import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHandler as createPollHandler } from '../../../lambdas/handlers/poll-feed.js';
import { createHandler as createRetagHandler } from '../../../lambdas/handlers/retag.js';
import { createHandler as createSyncHandler } from '../../../lambdas/handlers/sync-feeds.js';
import { parseEnv } from '../../../lambdas/wiring/env.js';
import { buildPlanPollsHandlerDeps } from '../../../lambdas/wiring/aws-plan-polls.js';
import { buildPollFeedHandlerDeps } from '../../../lambdas/wiring/aws-poll-feed.js';
import { buildRetagHandlerDeps } from '../../../lambdas/wiring/aws-retag.js';
import { buildSyncFeedsHandlerDeps } from '../../../lambdas/wiring/aws-sync-feeds.js';
import { createTestTable, startDynamo } from '../../support/dynamo-server.js';
import type { DynamoTarget } from '../../support/dynamo-server.js';
import { pollMessage, sqsEvent } from './harness.js';

// The AWS wiring builds real deps from the environment (here pointed at dynalite) with the shipped config.
describe('AWS wiring', () => {
  let target: DynamoTarget;
  let tableName: string;

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    target = await startDynamo('dynalite');
    const table = await createTestTable(target.endpoint);
    tableName = table.tableName;
    table.doc.destroy();
  }, 30_000);

  afterAll(async () => target?.stop());

  const env = () => parseEnv({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: target.endpoint, CONFIG_DIR: 'config', AWS_REGION: 'eu-west-1' });

  it('builds a sync-feeds handler that loads the bundled feeds.yaml into feed states, then finds nothing to change', async () => {
    const handler = createSyncHandler(await buildSyncFeedsHandlerDeps(env()));

    const first = await handler();
    const second = await handler();

    expect(first.added.length).toBeGreaterThan(10);
    expect(second).toMatchObject({ added: [], updated: [], removed: [], unchanged: first.added.length });
  });

  it('fails a sync from a config folder without feeds.yaml, naming the file', async () => {
    const handler = createSyncHandler(await buildSyncFeedsHandlerDeps({ ...env(), CONFIG_DIR: 'tests/fixtures/pipeline' }));

    await expect(handler()).rejects.toThrow(/feeds\.yaml: not found/);
  });

  it('builds a poll-feed handler that reports unknown feeds and poison messages as batch-item failures', async () => {
    const handler = createPollHandler(await buildPollFeedHandlerDeps(env()));

    const response = await handler(sqsEvent([pollMessage('unknown', 'not-configured'), { id: 'poison', body: '[]' }]));

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['poison', 'unknown']);
  });

  it('builds a retag handler with the shipped topics and validates its event', async () => {
    const handler = createRetagHandler(await buildRetagHandlerDeps(env()));

    const summary = await handler({ days: 3 });

    expect(summary).toMatchObject({ scanned: 0, changed: 0 });
    await expect(handler({ days: -1 })).rejects.toThrow(/retag event: days/);
  });

  it('refuses to build plan-polls without a queue URL, naming the variable', async () => {
    await expect(buildPlanPollsHandlerDeps(env())).rejects.toThrow(/QUEUE_URL is required/);
  });
});
