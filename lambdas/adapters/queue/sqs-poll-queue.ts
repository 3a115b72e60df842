import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { TopicwireError } from '../../core/errors.js';
import type { PollQueue } from '../../core/ports.js';

/** SQS kept refusing some poll messages after every retry. */
export class QueueError extends TopicwireError {}

export interface PollMessage {
  feedId: string;
}

export function encodePollMessage(feedId: string): string {
  return JSON.stringify({ feedId } satisfies PollMessage);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one message per feed in batches of 10, re-sending the entries SQS reports as failed. */
export class SqsPollQueue implements PollQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly attempts = 6,
  ) {}

  async enqueue(feedIds: string[]): Promise<void> {
    for (let i = 0; i < feedIds.length; i += 10) await this.sendBatch(feedIds.slice(i, i + 10));
  }

  private async sendBatch(feedIds: string[]): Promise<void> {
    let pending = feedIds.map((feedId, i) => ({ Id: `m${i}`, MessageBody: encodePollMessage(feedId) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= this.attempts) {
        const ids = pending.map((p) => JSON.parse(p.MessageBody).feedId).join(', ');
        throw new QueueError(`queue ${this.queueUrl}: could not enqueue feeds ${ids} after ${attempt} attempts`);
      }
      if (attempt > 0) await sleep(50 * 2 ** attempt);
      const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = new Set((out.Failed ?? []).map((f) => f.Id));
      pending = pending.filter((p) => failed.has(p.Id));
    }
  }
}
