import { loadFeedsConfig, resolveConfigDir } from '../adapters/fs/config-files.js';
import type { SyncFeedsHandlerDeps } from '../handlers/sync-feeds.js';
import { awsStores, powertoolsLog } from './aws.js';
import { readEnv } from './env.js';
import type { Env } from './env.js';
import { systemClock } from './pipeline.js';

export async function buildSyncFeedsHandlerDeps(env: Env = readEnv()): Promise<SyncFeedsHandlerDeps> {
  const dir = resolveConfigDir({ option: env.CONFIG_DIR, env: process.env });
  return { sync: { feedStates: awsStores(env).feedStates, clock: systemClock }, loadConfig: () => loadFeedsConfig(dir), log: powertoolsLog('sync-feeds') };
}
