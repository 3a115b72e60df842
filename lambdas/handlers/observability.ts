// What handlers report to: Powertools Logger/Metrics on AWS, a console or silent logger locally and in tests.
import type { PollSummary } from '../use-cases/poll-feed.js';

export type LogFields = Record<string, unknown>;

export interface Log {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface PollMetrics {
  /** One poll's outcome: fetched / not-modified / failed counts and new entries per topic. */
  recordPoll(summary: PollSummary): void;
  /** Sends what was recorded (Powertools Metrics writes one EMF line per invocation). */
  flush(): void;
}

export const silentLog: Log = { info() {}, warn() {}, error() {} };

export const noMetrics: PollMetrics = { recordPoll() {}, flush() {} };

export function errorFields(error: unknown): LogFields {
  const e = error instanceof Error ? error : new Error(String(error));
  return { errorName: e.name, errorMessage: e.message };
}
