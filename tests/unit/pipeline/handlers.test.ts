import { describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { createHandler as createPlanHandler } from '../../../lambdas/handlers/plan-polls.js';
import { createHandler as createPollHandler } from '../../../lambdas/handlers/poll-feed.js';
import { createHandler as createRetagHandler } from '../../../lambdas/handlers/retag.js';
import type { Log, LogFields, PollMetrics } from '../../../lambdas/handlers/observability.js';
import type { PollSummary } from '../../../lambdas/use-cases/poll-feed.js';
import { feedState, MemoryEntries, MemoryFeedStates, outcomes, rss, ScriptedFetcher } from './doubles.js';

const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };

function capturingLog(): Log & { lines: Array<{ level: string; message: string; fields: LogFields }> } {
  const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
  const at = (level: string) => (message: string, fields: LogFields = {}) => void lines.push({ level, message, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

function event(records: Array<[string, string]>): SQSEvent {
  return { Records: records.map(([messageId, body]) => ({ messageId, body }) as SQSEvent['Records'][number]) };
}

describe('poll-feed handler', () => {
  it('logs each poll with the feed id and message id, records metrics, and never logs a poison body', async () => {
    const feedStates = new MemoryFeedStates();
    await feedStates.put(feedState());
    const log = capturingLog();
    const recorded: PollSummary[] = [];
    let flushes = 0;
    const metrics: PollMetrics = { recordPoll: (s) => void recorded.push(s), flush: () => void flushes++ };
    const fetcher = new ScriptedFetcher([outcomes.ok(rss([{ guid: 'a', title: 'Privacy' }]))]);
    const handler = createPollHandler({ poll: { feedStates, entries: new MemoryEntries(), fetcher, clock, tagEntry: () => [] }, log, metrics });

    const response = await handler(event([['m1', JSON.stringify({ feedId: 'f1' })], ['m2', 'secret-token=abc{']]));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
    expect(log.lines.find((l) => l.message === 'feed polled')?.fields).toMatchObject({ feedId: 'f1', messageId: 'm1', newEntries: 1 });
    expect(log.lines.find((l) => l.level === 'error')?.fields).toEqual({ messageId: 'm2', bodyLength: 17 });
    expect(JSON.stringify(log.lines)).not.toContain('secret-token');
    expect(recorded.map((s) => s.feedId)).toEqual(['f1']);
    expect(flushes).toBe(1);
  });
});

describe('plan-polls handler', () => {
  it('returns and logs the counts, and lets a queue failure propagate so the scheduler retries', async () => {
    const feedStates = new MemoryFeedStates();
    await feedStates.put(feedState());
    const log = capturingLog();
    const ok = createPlanHandler({ plan: { feedStates, clock, queue: { enqueue: async () => {} } }, log });
    const broken = createPlanHandler({ plan: { feedStates, clock, queue: { enqueue: () => Promise.reject(new Error('queue down')) } }, log });

    const result = await ok();

    expect(result).toEqual({ feeds: 1, enqueued: 1, inactive: 0 });
    expect(log.lines[0]).toMatchObject({ message: 'polls planned', fields: result });
    await expect(broken()).rejects.toThrow('queue down');
  });
});

describe('retag handler', () => {
  it('uses the configured default window and rejects a malformed event', async () => {
    const handler = createRetagHandler({
      retag: { entries: new MemoryEntries(), feedStates: new MemoryFeedStates(), tagEntry: () => [], clock },
      log: capturingLog(),
      defaultDays: 30,
    });

    const summary = await handler({});

    expect(summary.since).toBe('2026-11-01T10:00:00.000Z');
    await expect(handler({ days: 'many' })).rejects.toThrow(/retag event: days/);
  });
});
