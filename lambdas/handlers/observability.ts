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

// Backoff from a 60-minute interval reaches 24 hours of failures by the fifth attempt (1+2+4+8+16 h).
const FAILURES_IN_A_DAY = 5;

/** A feed that polled unsuccessfully and has not been read for 24 hours (or, never read, failed 5 times). */
export function isFailingForADay(summary: PollSummary, now: Date): boolean {
  if (summary.kind === 'ok' || summary.kind === 'not-modified' || summary.kind === 'moved-permanently' || summary.kind === 'inactive') return false;
  if (summary.lastSuccessAt) return now.getTime() - Date.parse(summary.lastSuccessAt) >= 86_400_000;
  return (summary.consecutiveFailures ?? 0) >= FAILURES_IN_A_DAY;
}
