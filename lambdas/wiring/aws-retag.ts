import { resolveConfigDir } from '../adapters/fs/config-files.js';
import type { RetagHandlerDeps } from '../handlers/retag.js';
import { awsStores, powertoolsLog } from './aws.js';
import { readEnv } from './env.js';
import type { Env } from './env.js';
import { systemClock } from './pipeline.js';
import { loadStages } from './stages.js';

export async function buildRetagHandlerDeps(env: Env = readEnv()): Promise<RetagHandlerDeps> {
  const stages = await loadStages(resolveConfigDir({ option: env.CONFIG_DIR, env: process.env }));
  const { entries, feedStates } = awsStores(env);
  return { retag: { entries, feedStates, tagEntry: stages.tagEntry, clock: systemClock }, log: powertoolsLog('retag'), defaultDays: env.RETAG_DAYS };
}
