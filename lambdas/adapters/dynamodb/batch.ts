import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { TopicwireError } from '../../core/errors.js';

/** DynamoDB kept refusing part of a batch after every retry; nothing is dropped silently. */
export class StorageError extends TopicwireError {}

type WriteRequest = NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string][number];
type Key = Record<string, unknown>;

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 25, maxDelayMs: 2_000 };

/** Counts consumed write/read units, as reported with ReturnConsumedCapacity, for the bench and metrics. */
export class CapacityMeter {
  writeUnits = 0;
  readUnits = 0;
  addWrite(consumed: ConsumedCapacity[] | ConsumedCapacity | undefined): void {
    for (const c of [consumed ?? []].flat()) this.writeUnits += c.CapacityUnits ?? c.WriteCapacityUnits ?? 0;
  }
  addRead(consumed: ConsumedCapacity[] | ConsumedCapacity | undefined): void {
    for (const c of [consumed ?? []].flat()) this.readUnits += c.CapacityUnits ?? c.ReadCapacityUnits ?? 0;
  }
}

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return cap / 2 + Math.random() * (cap / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Sends one batch and re-sends whatever DynamoDB reports back as unprocessed, with jittered exponential
 * backoff; after `policy.attempts` a StorageError says how much is left, so nothing is dropped silently.
 */
async function untilProcessed<T>(
  batch: T[],
  table: string,
  noun: string,
  policy: RetryPolicy,
  send: (pending: T[]) => Promise<T[]>,
): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= policy.attempts) {
      throw new StorageError(`table ${table}: ${pending.length} of ${batch.length} ${noun} still unprocessed after ${attempt} attempts`);
    }
    if (attempt > 0) await sleep(backoffDelay(attempt, policy));
    pending = await send(pending);
  }
}

/** BatchWriteItem in chunks of 25, re-sending UnprocessedItems. */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
  meter: CapacityMeter,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  for (const batch of chunk(requests, 25)) {
    await untilProcessed(batch, table, 'batch writes', policy, async (pending) => {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending }, ReturnConsumedCapacity: 'TOTAL' }));
      meter.addWrite(out.ConsumedCapacity);
      return (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    });
  }
}

/** BatchGetItem in chunks of 100, re-requesting UnprocessedKeys; returns every found item. */
export async function batchGetAll(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Key[],
  meter: CapacityMeter,
  projection?: string[],
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const names = projection ? Object.fromEntries(projection.map((p, i) => [`#p${i}`, p])) : undefined;
  const projectionParams = names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {};
  for (const batch of chunk(keys, 100)) {
    await untilProcessed(batch, table, 'batch reads', policy, async (pending) => {
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...projectionParams } }, ReturnConsumedCapacity: 'TOTAL' }),
      );
      meter.addRead(out.ConsumedCapacity);
      found.push(...(out.Responses?.[table] ?? []));
      return (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    });
  }
  return found;
}
