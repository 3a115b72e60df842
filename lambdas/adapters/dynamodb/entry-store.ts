import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredEntry, TopicTag } from '../../core/model.js';
import type { Clock, EntryStore, PutOutcome } from '../../core/ports.js';
import { batchGetAll, batchWriteAll, CapacityMeter } from './batch.js';
import type { RetryPolicy } from './batch.js';
import { fromEntryItem, toEntryItem, toTopicIndexItem } from './entry-item.js';
import { dayOf, entryKey, topicDayPartition, topicIndexKey } from './keys.js';
import { queryPages, scanPages } from './paginate.js';

export interface EntryStoreOptions {
  retentionDays: number;
  clock: Clock;
  /** Parallel conditional puts per putEntries call. */
  concurrency?: number;
  retry?: RetryPolicy;
}

// Write order makes a crash heal on re-run: topic-index rows first (idempotent puts), the entry row last
// with attribute_not_exists as the commit marker. existingIds looks at entry rows only, so an entry whose
// index rows were written but whose entry row was not is simply written again. Readers join index rows to
// entry rows and keep a row only if the entry exists with the same first-seen time and topic, so an index
// row orphaned by a crash or by a lost race is never shown (and expires with its TTL).
export class DynamoDbEntryStore implements EntryStore {
  readonly meter = new CapacityMeter();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly options: EntryStoreOptions,
  ) {}

  async existingIds(feedId: string, entryIds: string[]): Promise<Set<string>> {
    const bySk = new Map(entryIds.map((id) => [entryKey(feedId, id).sk, id]));
    const keys = [...bySk.keys()].map((sk) => ({ pk: `FEED#${feedId}`, sk }));
    const found = await batchGetAll(this.doc, this.table, keys, this.meter, ['sk'], this.options.retry);
    return new Set(found.map((item) => bySk.get(item.sk as string)).filter((id): id is string => id !== undefined));
  }

  async putEntries(entries: StoredEntry[]): Promise<Map<string, PutOutcome>> {
    const { retentionDays } = this.options;
    const indexRows = entries.flatMap((e) => e.topics.map((t) => ({ PutRequest: { Item: toTopicIndexItem(e, t, retentionDays) } })));
    await batchWriteAll(this.doc, this.table, indexRows, this.meter, this.options.retry);
    const outcomes = new Map<string, PutOutcome>();
    await forEachLimited(entries, this.options.concurrency ?? 8, async (entry) => {
      outcomes.set(entry.id, await this.putEntryRow(entry));
    });
    return outcomes;
  }

  private async putEntryRow(entry: StoredEntry): Promise<PutOutcome> {
    try {
      const out = await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: toEntryItem(entry, this.options.retentionDays),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.meter.addWrite(out.ConsumedCapacity);
      return 'created';
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      await this.removeLosingIndexRows(entry);
      return 'duplicate';
    }
  }

  /** Another writer stored the entry first; index rows we wrote under a different first-seen time are orphans. */
  private async removeLosingIndexRows(entry: StoredEntry): Promise<void> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: entryKey(entry.feedId, entry.id), ConsistentRead: true }));
    if (!out.Item || out.Item.firstSeenAt === entry.firstSeenAt) return;
    const deletes = entry.topics.map((t) => ({ DeleteRequest: { Key: topicIndexKey(t.topic, entry.firstSeenAt, entry.feedId, entry.id) } }));
    await batchWriteAll(this.doc, this.table, deletes, this.meter, this.options.retry);
  }

  async listByTopic(topic: string, sinceIso: string, limit: number): Promise<StoredEntry[]> {
    const result: StoredEntry[] = [];
    for (const day of daysDescending(sinceIso, this.options.clock.now())) {
      const dayPages = queryPages(this.doc, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: { ':pk': topicDayPartition(topic, day), ':since': sinceIso },
        ScanIndexForward: false,
        Limit: Math.max(limit - result.length, 10),
      });
      for await (const rows of dayPages) {
        result.push(...(await this.joinIndexRows(topic, rows)));
        if (result.length >= limit) return result.slice(0, limit);
      }
    }
    return result;
  }

  /** Fetches the entry rows behind index rows, keeping index order and dropping orphans. */
  private async joinIndexRows(topic: string, rows: Record<string, unknown>[]): Promise<StoredEntry[]> {
    if (rows.length === 0) return [];
    const keys = rows.map((r) => ({ pk: `FEED#${r.feedId as string}`, sk: `ENTRY#${r.idHash as string}` }));
    const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    const items = await batchGetAll(this.doc, this.table, unique, this.meter, undefined, this.options.retry);
    const byKey = new Map(items.map((i) => [`${i.pk as string}|${i.sk as string}`, fromEntryItem(i)]));
    return rows.flatMap((row, i) => {
      const entry = byKey.get(`${keys[i]!.pk}|${keys[i]!.sk}`);
      const live = entry && entry.firstSeenAt === row.firstSeenAt && entry.topics.some((t) => t.topic === topic);
      return live ? [entry] : [];
    });
  }

  // A Scan: retagging and dry runs are rare admin jobs over a TTL-bounded table, and an index by day would
  // cost every entry an extra write unit.
  async *listSince(sinceIso: string): AsyncIterable<StoredEntry> {
    for await (const items of scanPages(this.doc, this.entriesSince(sinceIso))) {
      for (const item of items) yield fromEntryItem(item);
    }
  }

  /** Entries first seen since `sinceIso`, per feed (feed-health page): the same scan, but only `feedId` comes back. */
  async countByFeedSince(sinceIso: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for await (const items of scanPages(this.doc, { ...this.entriesSince(sinceIso), ProjectionExpression: 'feedId' })) {
      for (const item of items) counts.set(item.feedId as string, (counts.get(item.feedId as string) ?? 0) + 1);
    }
    return counts;
  }

  private entriesSince(sinceIso: string) {
    return {
      TableName: this.table,
      FilterExpression: '#type = :entry AND firstSeenAt >= :since',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':entry': 'entry', ':since': sinceIso },
    };
  }

  /** New index rows first, then the entry row, then stale index rows: every prefix of this heals on re-run. */
  async updateTopics(entry: StoredEntry, topics: TopicTag[]): Promise<void> {
    const { retentionDays } = this.options;
    const keep = new Set(topics.map((t) => t.topic));
    const puts = topics.map((t) => ({ PutRequest: { Item: toTopicIndexItem(entry, t, retentionDays) } }));
    await batchWriteAll(this.doc, this.table, puts, this.meter, this.options.retry);
    const compact = (toEntryItem({ ...entry, topics }, retentionDays).topics ?? []) as TopicTag[];
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: entryKey(entry.feedId, entry.id),
        UpdateExpression: 'SET topics = :topics',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':topics': compact },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.meter.addWrite(out.ConsumedCapacity);
    const stale = entry.topics.filter((t) => !keep.has(t.topic));
    const deletes = stale.map((t) => ({ DeleteRequest: { Key: topicIndexKey(t.topic, entry.firstSeenAt, entry.feedId, entry.id) } }));
    await batchWriteAll(this.doc, this.table, deletes, this.meter, this.options.retry);
  }
}

function isConditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException';
}

/** UTC days from today (plus one for clock skew between writers) back to the day of `sinceIso`. */
export function daysDescending(sinceIso: string, now: Date): string[] {
  const days: string[] = [];
  const first = Date.parse(`${dayOf(sinceIso)}T00:00:00.000Z`);
  for (let t = Date.parse(`${dayOf(now.toISOString())}T00:00:00.000Z`) + 86_400_000; t >= first; t -= 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
