import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEntryStore } from '../../../lambdas/adapters/dynamodb/entry-store.js';
import { DynamoDbFeedStateStore } from '../../../lambdas/adapters/dynamodb/feed-state-store.js';
import { ENTRY_ROW_BUDGET, itemSize } from '../../../lambdas/adapters/dynamodb/entry-item.js';
import { entryKey } from '../../../lambdas/adapters/dynamodb/keys.js';
import type { FeedState } from '../../../lambdas/core/ports.js';
import { createTestTable, selectedTargets, startDynamo } from '../../support/dynamo-server.js';
import type { DynamoTarget } from '../../support/dynamo-server.js';
import { flakyBatches } from './flaky-batches.js';
import { startThrottlingProxy } from './throttling-proxy.js';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/client.js';
import { fixedClock, storedEntry, tag } from './entries.js';

// The storage contract, run against dynalite and Amazon's DynamoDB Local (DYNAMODB_TARGET narrows it).
describe.each(selectedTargets(['dynalite', 'local']))('DynamoDB storage on %s', (kind) => {
  let target: DynamoTarget;
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  const clock = fixedClock('2026-12-03T12:00:00.000Z');

  beforeAll(async () => {
    target = await startDynamo(kind);
    ({ doc, tableName } = await createTestTable(target.endpoint));
  }, 120_000);

  afterAll(async () => {
    doc?.destroy();
    await target?.stop();
  }, 30_000);

  const newStore = (client: DynamoDBDocumentClient = doc) => new DynamoDbEntryStore(client, tableName, { retentionDays: 90, clock });

  it('stores a new entry once and reports the second write as a duplicate', async () => {
    const store = newStore();
    const entry = storedEntry({ id: 'urn:dup:1', feedId: 'dup-feed', topics: [tag('privacy')] });

    const first = await store.putEntries([entry]);
    const second = await store.putEntries([{ ...entry, firstSeenAt: '2026-12-02T10:00:00.000Z' }]);

    expect(first.get('urn:dup:1')).toBe('created');
    expect(second.get('urn:dup:1')).toBe('duplicate');
    expect(await store.existingIds('dup-feed', ['urn:dup:1', 'urn:dup:2'])).toEqual(new Set(['urn:dup:1']));
  });

  it('keeps the first-seen time of the first write and lists the entry once under its topic', async () => {
    const store = newStore();
    const entry = storedEntry({ id: 'urn:seen:1', feedId: 'seen-feed', topics: [tag('surveillance')] });

    await store.putEntries([entry]);
    await store.putEntries([{ ...entry, firstSeenAt: '2026-12-02T10:00:00.000Z', title: 'changed' }]);
    const listed = await store.listByTopic('surveillance', '2026-11-01T00:00:00.000Z', 10);

    expect(listed.filter((e) => e.id === 'urn:seen:1')).toEqual([
      expect.objectContaining({ firstSeenAt: entry.firstSeenAt, title: entry.title }),
    ]);
  });

  it('writes the TTL attribute from the retention setting and keeps the row within 2 KB', async () => {
    const store = newStore();
    const body = `<p>${'Long article text with many words. '.repeat(400)}</p>`;
    const entry = storedEntry({ id: 'urn:big:1', feedId: 'big-feed', summary: body, content: body, topics: [tag('ai')] });

    await store.putEntries([entry]);
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: entryKey('big-feed', 'urn:big:1') }));

    expect(Item?.expiresAt).toBe(Date.parse(entry.firstSeenAt) / 1000 + 90 * 86_400);
    expect(itemSize(Item!)).toBeLessThanOrEqual(ENTRY_ROW_BUDGET);
    expect(Item?.content).toBeUndefined();
    expect(String(Item?.summary)).toMatch(/^Long article text with many words\..*…$/);
  });

  it('bounds hostile field sizes so one absurd item cannot fail the write', async () => {
    const store = newStore();
    const entry = storedEntry({ id: 'urn:huge:1', feedId: 'huge-feed', title: 'T'.repeat(300_000), link: `https://x.example/${'a'.repeat(5_000)}`, categories: Array(500).fill('c'.repeat(1_000)) });

    const outcome = await store.putEntries([entry]);
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: entryKey('huge-feed', 'urn:huge:1') }));

    expect(outcome.get('urn:huge:1')).toBe('created');
    expect(String(Item?.title).length).toBeLessThanOrEqual(500);
    expect(Item?.link).toBeNull();
    expect(itemSize(Item!)).toBeLessThanOrEqual(ENTRY_ROW_BUDGET);
  });

  it('retries unprocessed batch items and keys until everything is written and read', async () => {
    const store = newStore(flakyBatches(doc, 3));
    const entries = Array.from({ length: 30 }, (_, i) =>
      storedEntry({ id: `urn:batch:${i}`, feedId: 'batch-feed', topics: [tag('security'), tag('policy')] }),
    );

    const outcomes = await store.putEntries(entries);
    const existing = await store.existingIds('batch-feed', entries.map((e) => e.id));
    const listed = await newStore().listByTopic('policy', '2026-12-01T00:00:00.000Z', 100);

    expect([...outcomes.values()].every((o) => o === 'created')).toBe(true);
    expect(existing.size).toBe(30);
    expect(listed.filter((e) => e.feedId === 'batch-feed')).toHaveLength(30);
  });

  it('retries throttled conditional puts with backoff until they go through', async () => {
    const proxy = await startThrottlingProxy(target.endpoint, 'PutItem', 3);
    const throttledDoc = createDocumentClient({ endpoint: proxy.endpoint });
    const entries = [1, 2].map((i) => storedEntry({ id: `urn:throttle:${i}`, feedId: 'throttle-feed', topics: [tag('throttle-topic')] }));

    const outcomes = await newStore(throttledDoc).putEntries(entries);
    throttledDoc.destroy();
    await proxy.close();

    expect(proxy.throttled).toBe(3);
    expect([...outcomes.values()]).toEqual(['created', 'created']);
    expect(await newStore().existingIds('throttle-feed', entries.map((e) => e.id))).toHaveProperty('size', 2);
  });

  it('lists a topic newest first across days, honouring since and limit', async () => {
    const store = newStore();
    const seen = ['2026-11-28T08:00:00.000Z', '2026-12-03T07:00:00.000Z', '2026-12-01T23:59:00.000Z', '2026-12-03T11:00:00.000Z'];
    await store.putEntries(seen.map((firstSeenAt, i) => storedEntry({ id: `urn:order:${i}`, feedId: 'order-feed', firstSeenAt, topics: [tag('order-topic')] })));

    const all = await store.listByTopic('order-topic', '2026-11-29T00:00:00.000Z', 10);
    const two = await store.listByTopic('order-topic', '2026-11-01T00:00:00.000Z', 2);

    expect(all.map((e) => e.firstSeenAt)).toEqual(['2026-12-03T11:00:00.000Z', '2026-12-03T07:00:00.000Z', '2026-12-01T23:59:00.000Z']);
    expect(two.map((e) => e.id)).toEqual(['urn:order:3', 'urn:order:1']);
  });

  it('updates topics idempotently: moves the entry between topic lists and repeats harmlessly', async () => {
    const store = newStore();
    const entry = storedEntry({ id: 'urn:retag:1', feedId: 'retag-feed', topics: [tag('old-topic'), tag('kept-topic')] });
    await store.putEntries([entry]);
    const next = [tag('kept-topic', 5), tag('new-topic')];

    await store.updateTopics(entry, next);
    await store.updateTopics(entry, next);
    const ids = async (topic: string) => (await store.listByTopic(topic, '2026-12-01T00:00:00.000Z', 50)).map((e) => e.id);

    expect(await ids('old-topic')).not.toContain('urn:retag:1');
    expect(await ids('new-topic')).toEqual(['urn:retag:1']);
    expect((await store.listByTopic('kept-topic', '2026-12-01T00:00:00.000Z', 50))[0]?.topics.map((t) => [t.topic, t.score])).toEqual([
      ['kept-topic', 5],
      ['new-topic', 2],
    ]);
  });

  it('hides topic-index rows whose entry row was never written, and heals when the entry is stored', async () => {
    const store = newStore();
    const entry = storedEntry({ id: 'urn:orphan:1', feedId: 'orphan-feed', topics: [tag('orphan-topic')] });
    const crashing = newStore(failOnPut(doc));

    await expect(crashing.putEntries([entry])).rejects.toThrow('injected crash');
    const before = await store.listByTopic('orphan-topic', '2026-12-01T00:00:00.000Z', 10);
    await store.putEntries([{ ...entry, firstSeenAt: '2026-12-01T09:30:00.000Z' }]);
    const after = await store.listByTopic('orphan-topic', '2026-12-01T00:00:00.000Z', 10);

    expect(before).toEqual([]);
    expect(after.map((e) => [e.id, e.firstSeenAt])).toEqual([['urn:orphan:1', '2026-12-01T09:30:00.000Z']]);
  });

  it('lists entries first seen since a time, for retagging', async () => {
    const store = newStore();
    await store.putEntries([
      storedEntry({ id: 'urn:since:old', feedId: 'since-feed', firstSeenAt: '2026-10-01T00:00:00.000Z' }),
      storedEntry({ id: 'urn:since:new', feedId: 'since-feed', firstSeenAt: '2026-12-03T00:00:00.000Z' }),
    ]);

    const ids: string[] = [];
    for await (const e of store.listSince('2026-12-02T00:00:00.000Z')) if (e.feedId === 'since-feed') ids.push(e.id);

    expect(ids).toEqual(['urn:since:new']);
    expect((await store.countByFeedSince('2026-12-02T00:00:00.000Z')).get('since-feed')).toBe(1);
  });

  it('reports consumed write capacity within 2 units per entry plus 1 per topic-index row', async () => {
    const store = newStore();
    const entries = Array.from({ length: 10 }, (_, i) => storedEntry({ id: `urn:wcu:${i}`, feedId: 'wcu-feed', topics: [tag('a'), tag('b')] }));

    await store.putEntries(entries);

    expect(store.meter.writeUnits).toBeGreaterThan(0);
    expect(store.meter.writeUnits).toBeLessThanOrEqual(10 * (2 + 2));
  });

  it('round-trips feed states and lists them all', async () => {
    const states = new DynamoDbFeedStateStore(doc, tableName);
    const base: FeedState = {
      feedId: 'state-a', url: 'https://a.example/feed', title: 'A', enabled: true, pollIntervalMinutes: 30, topicHints: ['privacy'],
      etag: '"v1"', lastModified: null, lastFetchAt: null, lastSuccessAt: null, httpStatus: 200, consecutiveFailures: 0,
      errorClass: null, errorMessage: null, nextPollAt: '2026-12-03T12:30:00.000Z', movedTo: null, goneReason: null, disabledReason: null,
    };

    await states.put(base);
    await states.put({ ...base, feedId: 'state-b', consecutiveFailures: 2, errorClass: 'timeout' });
    const listed = await states.list();

    expect(await states.get('state-a')).toEqual(base);
    expect(await states.get('missing')).toBeNull();
    expect(listed.map((s) => s.feedId).sort()).toEqual(['state-a', 'state-b']);
  });
});

/** A client whose conditional entry-row puts fail, as if the process died after the topic-index rows were written. */
function failOnPut(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'PutCommand') return Promise.reject(new Error('injected crash'));
        return target.send(command as never);
      };
    },
  });
}
