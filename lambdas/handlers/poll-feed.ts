import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { pollFeed } from '../use-cases/poll-feed.js';
import type { PollFeedDeps } from '../use-cases/poll-feed.js';
import { errorFields, noMetrics } from './observability.js';
import type { Log, PollMetrics } from './observability.js';
import { lazyHandler } from './lazy-handler.js';

export interface PollFeedHandlerDeps {
  poll: PollFeedDeps;
  log: Log;
  metrics?: PollMetrics;
  /** Feeds polled at once within one batch. */
  concurrency?: number;
}

const messageSchema = z.object({ feedId: z.string().min(1) });

/** SQS batch → one poll per message; only the failed messages are returned, so SQS retries (then DLQs) just those. */
export function createHandler(deps: PollFeedHandlerDeps) {
  const metrics = deps.metrics ?? noMetrics;
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchItemFailure[] = [];
    const pending = [...event.Records];
    const worker = async () => {
      for (let record = pending.shift(); record; record = pending.shift()) {
        if (!(await pollRecord(deps, metrics, record))) failures.push({ itemIdentifier: record.messageId });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));
    metrics.flush();
    return { batchItemFailures: failures };
  };
}

async function pollRecord(deps: PollFeedHandlerDeps, metrics: PollMetrics, record: SQSRecord): Promise<boolean> {
  const message = parseMessage(record.body);
  if (!message) {
    deps.log.error('poison message: body is not {"feedId": string}', { messageId: record.messageId, bodyLength: record.body.length });
    return false;
  }
  try {
    const summary = await pollFeed(deps.poll, message.feedId);
    deps.log.info('feed polled', { ...summary, messageId: record.messageId });
    metrics.recordPoll(summary);
    return true;
  } catch (error) {
    deps.log.error('feed poll failed', { feedId: message.feedId, messageId: record.messageId, ...errorFields(error) });
    return false;
  }
}

function parseMessage(body: string): z.output<typeof messageSchema> | null {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const handler = lazyHandler<SQSEvent, SQSBatchResponse>(() =>
  import('../wiring/aws-poll-feed.js').then((wiring) => wiring.buildPollFeedHandlerDeps()).then(createHandler),
);
