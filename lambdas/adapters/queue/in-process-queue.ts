import type { PollQueue } from '../../core/ports.js';

export interface QueueResult<R> {
  feedId: string;
  result?: R;
  error?: Error;
}

/**
 * The one-machine stand-in for SQS: enqueue runs the worker for every feed with bounded concurrency and
 * resolves when all are done. A failing feed is reported, never allowed to stop the others.
 */
export class InProcessPollQueue<R> implements PollQueue {
  constructor(
    private readonly work: (feedId: string) => Promise<R>,
    private readonly options: { concurrency: number; onEnqueued?: (feedIds: string[]) => void; onResult?: (result: QueueResult<R>) => void },
  ) {}

  readonly results: QueueResult<R>[] = [];

  async enqueue(feedIds: string[]): Promise<void> {
    this.options.onEnqueued?.(feedIds);
    let next = 0;
    const worker = async () => {
      while (next < feedIds.length) {
        const feedId = feedIds[next++]!;
        const outcome: QueueResult<R> = { feedId };
        try {
          outcome.result = await this.work(feedId);
        } catch (error) {
          outcome.error = error instanceof Error ? error : new Error(String(error));
        }
        this.results.push(outcome);
        this.options.onResult?.(outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, feedIds.length)) }, worker));
  }

  /** Results collected since the last drain, for the cycle summary. */
  drain(): QueueResult<R>[] {
    return this.results.splice(0, this.results.length);
  }
}
