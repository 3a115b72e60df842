import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Message } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import type { FauxqsServer } from 'fauxqs';
import { SqsPollQueue } from '../../../lambdas/adapters/queue/sqs-poll-queue.js';
import { createHandler as createPlanHandler } from '../../../lambdas/handlers/plan-polls.js';
import { createHandler as createPollHandler } from '../../../lambdas/handlers/poll-feed.js';
import { silentLog } from '../../../lambdas/handlers/observability.js';
import type { Harness } from './harness.js';
import { serveFile, sqsEvent, startHarness } from './harness.js';

// The AWS shape of a cycle against fauxqs (SQS API) and dynalite: plan-polls enqueues due feeds through the
// real SQS adapter, poll-feed drains them, and a poison message ends in the dead-letter queue.
describe('plan-polls → SQS → poll-feed', () => {
  let h: Harness;
  let sqs: FauxqsServer;
  let client: SQSClient;
  let queueUrl: string;
  let dlqUrl: string;
  const feedIds = Array.from({ length: 23 }, (_, i) => `tech-${i + 1}`);

  beforeAll(async () => {
    h = await startHarness({ '/tech.xml': serveFile('tech-rss.xml', 'application/rss+xml') });
    await h.sync(feedIds.map((id) => ({ id, url: h.server.url(`/tech.xml?copy=${id}`) })));
    sqs = await startFauxqs({ port: 0, logger: false });
    client = new SQSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${sqs.port}`, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    dlqUrl = (await client.send(new CreateQueueCommand({ QueueName: 'poll-dlq' }))).QueueUrl!;
    const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    queueUrl = (
      await client.send(
        new CreateQueueCommand({
          QueueName: 'poll',
          Attributes: { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '1' }) },
        }),
      )
    ).QueueUrl!;
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await sqs?.stop();
    await h?.close();
  });

  async function receiveAll(url: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const out = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (!out.Messages?.length) return all;
      all.push(...out.Messages);
    }
  }

  /** What the Lambda event source mapping does with a batch response: delete what succeeded. */
  async function deleteMessages(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle! })) }));
    }
  }

  it('enqueues every due feed once, polls them from the queue, and plans nothing more until they are due', async () => {
    const plan = createPlanHandler({ plan: { feedStates: h.stores.feedStates, queue: new SqsPollQueue(client, queueUrl), clock: h.clock }, log: silentLog });
    const poll = createPollHandler({ poll: h.deps(), log: silentLog });

    const planned = await plan();
    const messages = await receiveAll(queueUrl);
    const response = await poll(sqsEvent(messages.map((m) => ({ id: m.MessageId!, body: m.Body! }))));
    await deleteMessages(messages);
    const replanned = await plan();

    expect(planned).toEqual({ feeds: 23, enqueued: 23, inactive: 0 });
    expect(messages.map((m) => JSON.parse(m.Body!).feedId).sort()).toEqual([...feedIds].sort());
    expect(response.batchItemFailures).toEqual([]);
    expect(await h.stores.entries.existingIds('tech-23', ['tech-desk-0001', 'tech-desk-0002', 'tech-desk-0003'])).toHaveProperty('size', 3);
    expect(replanned.enqueued).toBe(0);
  });

  it('reports a poison message as a batch-item failure, so SQS moves it to the dead-letter queue', async () => {
    const poll = createPollHandler({ poll: h.deps(), log: silentLog });
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'this is not JSON' }));
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ feedId: 'tech-1' }) }));

    const received = await receiveAll(queueUrl);
    const response = await poll(sqsEvent(received.map((m) => ({ id: m.MessageId!, body: m.Body! }))));
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    const succeeded = received.filter((m) => !failed.has(m.MessageId!));
    await deleteMessages(succeeded);
    // Stands in for the visibility timeout running out, so the failed message is received again at once.
    for (const m of received.filter((r) => failed.has(r.MessageId!))) {
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
    }
    const redelivered = await receiveAll(queueUrl);
    const dead = await receiveAll(dlqUrl);

    expect(received.filter((m) => failed.has(m.MessageId!)).map((m) => m.Body)).toEqual(['this is not JSON']);
    expect(redelivered).toEqual([]);
    expect(dead.map((m) => m.Body)).toEqual(['this is not JSON']);
  });
});
