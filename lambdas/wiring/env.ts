import * as z from 'zod';
import { ConfigError } from '../core/errors.js';

// Environment read once, strictly, with a description per key; resource names never default silently.
const optionalUrl = z.string().url().optional();

export const envSchema = z.object({
  TABLE_NAME: z.string().min(1).describe('DynamoDB table holding entries, topic index, feed state, digests, subscribers'),
  QUEUE_URL: optionalUrl.describe('SQS queue that plan-polls feeds and poll-feed drains (required by plan-polls)'),
  DYNAMODB_ENDPOINT: optionalUrl.describe('DynamoDB endpoint override (dynalite, DynamoDB Local); unset on AWS'),
  SQS_ENDPOINT: optionalUrl.describe('SQS endpoint override (fauxqs); unset on AWS'),
  AWS_REGION: z.string().min(1).default('us-east-1').describe('AWS region; set by the Lambda runtime'),
  RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(90).describe('Days before stored entries expire (TTL)'),
  RETAG_DAYS: z.coerce.number().int().positive().max(3650).default(30).describe('Default window of the retag job, in days'),
  CONFIG_DIR: z.string().min(1).optional().describe('Folder holding feeds.yaml and topics.yaml; default: config/ beside the bundle'),
  FETCH_ALLOW: z
    .string()
    .optional()
    .describe('Comma-separated host:port origins the SSRF guard lets through (tests and demo only; never on AWS)'),
});

export type Env = z.output<typeof envSchema>;

const known = new Set(Object.keys(envSchema.shape));

/** Validates the Topicwire variables in `source`; other variables (PATH, AWS_*) are ignored, not rejected. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const picked = Object.fromEntries(Object.entries(source).filter(([key, value]) => known.has(key) && value !== ''));
  const result = envSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (${describe(String(i.path[0]))})`);
  throw new ConfigError(`environment: ${lines.join('; ')}`);
}

function describe(key: string): string {
  return envSchema.shape[key as keyof typeof envSchema.shape]?.description ?? 'unknown key';
}

let cached: Env | undefined;

/** process.env, parsed on first use and then reused for the life of the process (one Lambda container). */
export function readEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function requireQueueUrl(env: Env): string {
  if (!env.QUEUE_URL) throw new ConfigError(`environment: QUEUE_URL is required (${describe('QUEUE_URL')})`);
  return env.QUEUE_URL;
}
