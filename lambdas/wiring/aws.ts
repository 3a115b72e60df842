import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import type { Log } from '../handlers/observability.js';
import type { Env } from './env.js';
import { buildStores, systemClock } from './pipeline.js';

// What every Lambda's wiring shares. Each handler has its own aws-<handler>.ts so a bundle carries only
// what that function uses (plan-polls needs no parser, tagger or config files).

export function awsStores(env: Env) {
  const doc = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  return buildStores({ doc, tableName: env.TABLE_NAME, retentionDays: env.RETENTION_DAYS, clock: systemClock });
}

export function powertoolsLog(serviceName: string): Log {
  const logger = new Logger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}
