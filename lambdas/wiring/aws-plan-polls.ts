import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsPollQueue } from '../adapters/queue/sqs-poll-queue.js';
import type { PlanPollsHandlerDeps } from '../handlers/plan-polls.js';
import { awsStores, powertoolsLog } from './aws.js';
import { readEnv, requireQueueUrl } from './env.js';
import type { Env } from './env.js';
import { systemClock } from './pipeline.js';

export async function buildPlanPollsHandlerDeps(env: Env = readEnv()): Promise<PlanPollsHandlerDeps> {
  const sqs = new SQSClient({ region: env.AWS_REGION, endpoint: env.SQS_ENDPOINT });
  const queue = new SqsPollQueue(sqs, requireQueueUrl(env));
  return { plan: { feedStates: awsStores(env).feedStates, queue, clock: systemClock }, log: powertoolsLog('plan-polls') };
}
