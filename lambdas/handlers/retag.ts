import * as z from 'zod';
import { ConfigError } from '../core/errors.js';
import { retagEntries } from '../use-cases/retag-entries.js';
import type { RetagDeps, RetagSummary } from '../use-cases/retag-entries.js';
import type { Log } from './observability.js';
import { lazyHandler } from './lazy-handler.js';

export interface RetagHandlerDeps {
  retag: RetagDeps;
  log: Log;
  /** Window used when the event does not name one (RETAG_DAYS). */
  defaultDays: number;
}

const eventSchema = z.object({ days: z.coerce.number().int().positive().max(3650).optional() }).loose();

/** Manual or scheduled invocation `{ "days": 30 }` → re-tag entries first seen in that window. */
export function createHandler(deps: RetagHandlerDeps) {
  return async (event?: unknown): Promise<RetagSummary> => {
    const parsed = eventSchema.safeParse(event ?? {});
    if (!parsed.success) throw new ConfigError(`retag event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const summary = await retagEntries(deps.retag, parsed.data.days ?? deps.defaultDays);
    deps.log.info('entries retagged', { ...summary });
    return summary;
  };
}

export const handler = lazyHandler<unknown, RetagSummary>(() =>
  import('../wiring/aws-retag.js').then((wiring) => wiring.buildRetagHandlerDeps()).then(createHandler),
);
