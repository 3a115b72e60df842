import type { Clock, FeedState, FeedStateStore, PollQueue } from '../core/ports.js';

export interface PlanPollsDeps {
  feedStates: FeedStateStore;
  queue: PollQueue;
  clock: Clock;
}

export interface PlanSummary {
  feeds: number;
  due: string[];
  /** Feeds not polled at all: disabled in config, gone (410) or disabled by an admin. */
  inactive: number;
}

/** A feed is due when it is active and its next poll time has passed (never-polled feeds are due at once). */
export function isDue(state: FeedState, now: Date): boolean {
  if (!isActive(state)) return false;
  if (state.nextPollAt === null) return true;
  const next = Date.parse(state.nextPollAt);
  return Number.isNaN(next) || next <= now.getTime();
}

export function isActive(state: FeedState): boolean {
  return state.enabled && state.goneReason === null && state.disabledReason === null;
}

/** Reads every feed state and enqueues the due feeds (or, with `all`, every active feed), one message per feed. */
export async function planPolls(deps: PlanPollsDeps, options: { all?: boolean } = {}): Promise<PlanSummary> {
  const now = deps.clock.now();
  const states = await deps.feedStates.list();
  const due = states.filter((s) => (options.all ? isActive(s) : isDue(s, now))).map((s) => s.feedId);
  if (due.length > 0) await deps.queue.enqueue(due);
  return { feeds: states.length, due, inactive: states.filter((s) => !isActive(s)).length };
}
