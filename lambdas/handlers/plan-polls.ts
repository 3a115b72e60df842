import type { ScheduledEvent } from 'aws-lambda';
import { planPolls } from '../use-cases/plan-polls.js';
import type { PlanPollsDeps, PlanSummary } from '../use-cases/plan-polls.js';
import type { Log } from './observability.js';
import { lazyHandler } from './lazy-handler.js';

export interface PlanPollsHandlerDeps {
  plan: PlanPollsDeps;
  log: Log;
}

export interface PlanPollsResult {
  feeds: number;
  enqueued: number;
  inactive: number;
}

/** EventBridge Scheduler → enqueue every due feed. Errors propagate so the scheduler's retry policy applies. */
export function createHandler(deps: PlanPollsHandlerDeps) {
  return async (_event?: ScheduledEvent | Record<string, unknown>): Promise<PlanPollsResult> => {
    const summary: PlanSummary = await planPolls(deps.plan);
    const result = { feeds: summary.feeds, enqueued: summary.due.length, inactive: summary.inactive };
    deps.log.info('polls planned', result);
    return result;
  };
}

export const handler = lazyHandler<ScheduledEvent | Record<string, unknown> | undefined, PlanPollsResult>(() =>
  import('../wiring/aws-plan-polls.js').then((wiring) => wiring.buildPlanPollsHandlerDeps()).then(createHandler),
);
