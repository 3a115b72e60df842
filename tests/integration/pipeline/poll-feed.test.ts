import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEntryStore } from '../../../lambdas/adapters/dynamodb/entry-store.js';
import { createHandler } from '../../../lambdas/handlers/poll-feed.js';
import { silentLog } from '../../../lambdas/handlers/observability.js';
import { pollFeed } from '../../../lambdas/use-cases/poll-feed.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './harness.js';
import { FIXTURES, pollMessage, serveFile, sqsEvent, startHarness } from './harness.js';

// Handlers and use cases against dynalite and loopback fixture servers: exactly once, partial batch failures,
// and a crash between two writes that heals on re-run.
describe('poll-feed pipeline', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      '/tech.xml': serveFile('tech-rss.xml', 'application/rss+xml'),
      '/rights.xml': serveFile('rights-atom.xml', 'application/atom+xml'),
      '/briefs.json': serveFile('briefs.json', 'application/feed+json'),
      '/always-200.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(readFixture('tech-rss.xml')),
      '/broken.xml': (_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded'),
      '/not-a-feed.html': serveFile('not-a-feed.html', 'text/html'),
      '/gone.xml': (_req, res) => void res.writeHead(410).end(),
      '/old-home.xml': (_req, res) => void res.writeHead(301, { location: '/rights.xml' }).end(),
      '/briefs.json?redelivered': (_req, res) => void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(readFixture('briefs.json')),
      '/briefs.json?crashy': (_req, res) => void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(readFixture('briefs.json')),
    });
    await h.sync([
      { id: 'tech', url: h.server.url('/tech.xml') },
      { id: 'rights', url: h.server.url('/rights.xml') },
      { id: 'briefs', url: h.server.url('/briefs.json') },
      { id: 'always-200', url: h.server.url('/always-200.xml') },
      { id: 'broken', url: h.server.url('/broken.xml') },
      { id: 'not-a-feed', url: h.server.url('/not-a-feed.html') },
      { id: 'gone', url: h.server.url('/gone.xml') },
      { id: 'moved', url: h.server.url('/old-home.xml') },
      { id: 'crashy', url: h.server.url('/briefs.json?crashy') },
      { id: 'redelivered', url: h.server.url('/briefs.json?redelivered') },
    ]);
  }, 60_000);

  afterAll(async () => h?.close());

  const handler = () => createHandler({ poll: h.deps(), log: silentLog });

  it('polls several feeds end to end, stores every entry once with its topics, and records validators', async () => {
    const event = sqsEvent([pollMessage('m1', 'tech'), pollMessage('m2', 'rights'), pollMessage('m3', 'briefs')]);

    const response = await handler()(event);
    const surveillance = await h.stores.entries.listByTopic('surveillance', '2026-12-01T00:00:00.000Z', 50);
    const tech = await h.stores.feedStates.get('tech');

    expect(response.batchItemFailures).toEqual([]);
    expect(await h.stores.entries.existingIds('tech', ['tech-desk-0001', 'tech-desk-0002', 'tech-desk-0003'])).toHaveProperty('size', 3);
    expect(surveillance.map((e) => e.title).sort()).toEqual([
      'City council weighs a ban on face recognition cameras',
      'Court limits police use of surveillance drones',
    ]);
    expect(surveillance[0]?.topics[0]?.evidence[0]?.phrase).toBeTruthy();
    expect(tech).toMatchObject({ etag: '"tech-rss.xml-v1"', httpStatus: 200, consecutiveFailures: 0, lastSuccessAt: '2026-12-01T10:00:00.000Z' });
    expect(tech?.nextPollAt).toBe('2026-12-01T11:00:00.000Z');
  });

  it('adds nothing on a second poll, whether the server answers 304 or the full feed again', async () => {
    const first = await pollFeed(h.deps(), 'always-200');

    const notModified = await pollFeed(h.deps(), 'tech');
    const again = await pollFeed(h.deps(), 'always-200');

    expect(first.newEntries).toBe(3);
    expect(notModified).toMatchObject({ kind: 'not-modified', newEntries: 0 });
    expect(again).toMatchObject({ kind: 'ok', items: 3, newEntries: 0, perTopic: {} });
  });

  it('records a failing feed with its URL and backs off, while the other feeds in the batch succeed', async () => {
    const response = await handler()(sqsEvent([pollMessage('b1', 'broken'), pollMessage('b2', 'not-a-feed'), pollMessage('b3', 'tech')]));
    const broken = await h.stores.feedStates.get('broken');
    const notFeed = await h.stores.feedStates.get('not-a-feed');

    expect(response.batchItemFailures).toEqual([]);
    expect(broken).toMatchObject({ httpStatus: 500, consecutiveFailures: 1, errorClass: 'http-status' });
    expect(broken?.errorMessage).toContain(h.server.url('/broken.xml'));
    expect(notFeed).toMatchObject({ consecutiveFailures: 1, errorClass: 'ParseError', etag: null });
    expect(Date.parse(broken!.nextPollAt!)).toBeGreaterThan(Date.parse('2026-12-01T10:00:00.000Z'));
  });

  it('stores nothing twice when SQS redelivers the same message, even concurrently', async () => {
    const deps = h.deps();
    const event = sqsEvent([pollMessage('same-id', 'redelivered')]);

    const runs = await Promise.all([pollFeed(deps, 'redelivered'), pollFeed(deps, 'redelivered'), handler()(event)]);
    const afterwards = await handler()(event);
    const privacy = await h.stores.entries.listByTopic('privacy', '2026-12-01T00:00:00.000Z', 100);

    expect(runs[0].newEntries + runs[1].newEntries).toBeLessThanOrEqual(2);
    expect(afterwards.batchItemFailures).toEqual([]);
    expect(privacy.filter((e) => e.feedId === 'redelivered').map((e) => e.id)).toEqual(['brief-7']);
    expect(await h.stores.entries.existingIds('redelivered', ['brief-7', 'brief-8'])).toEqual(new Set(['brief-7', 'brief-8']));
  });

  it('reports only the poison messages of a batch as failed', async () => {
    const event = sqsEvent([
      pollMessage('good', 'rights'),
      { id: 'not-json', body: '{feedId: tech' },
      { id: 'wrong-shape', body: JSON.stringify({ feed: 'tech' }) },
      pollMessage('unknown-feed', 'no-such-feed'),
    ]);

    const response = await handler()(event);

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['not-json', 'unknown-feed', 'wrong-shape']);
  });

  it('persists a permanent redirect and marks a 410 feed gone, so it is not polled again', async () => {
    const moved = await pollFeed(h.deps(), 'moved');
    const gone = await pollFeed(h.deps(), 'gone');
    const skipped = await pollFeed(h.deps(), 'gone');

    expect(moved.kind).toBe('moved-permanently');
    expect((await h.stores.feedStates.get('moved'))?.movedTo).toBe(h.server.url('/rights.xml'));
    expect((await pollFeed(h.deps(), 'moved')).url).toBe(h.server.url('/rights.xml'));
    expect(gone.kind).toBe('gone');
    expect((await h.stores.feedStates.get('gone'))).toMatchObject({ nextPollAt: null, goneReason: expect.stringContaining('410') });
    expect(skipped.kind).toBe('inactive');
  });

  it('heals after a crash between two writes: no missing topic-index row and no duplicate', async () => {
    const crashing = new DynamoDbEntryStore(crashOnEntryRow(h.doc, 'brief-7'), h.tableName, { retentionDays: 90, clock: h.clock });
    const crashed = await createHandler({ poll: h.deps({ entries: crashing }), log: silentLog })(sqsEvent([pollMessage('c1', 'crashy')]));
    const afterCrash = await h.stores.entries.existingIds('crashy', ['brief-7', 'brief-8']);
    const indexRowsAfterCrash = await topicIndexRows(h, 'privacy', 'crashy');

    h.clock.set('2026-12-01T10:05:00.000Z');
    const rerun = await pollFeed(h.deps(), 'crashy');
    const privacy = (await h.stores.entries.listByTopic('privacy', '2026-12-01T00:00:00.000Z', 100)).filter((e) => e.feedId === 'crashy');

    expect(crashed.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['c1']);
    expect(afterCrash).toEqual(new Set(['brief-8']));
    expect(indexRowsAfterCrash).toBe(1);
    expect(rerun.newEntries).toBe(1);
    expect(await h.stores.entries.existingIds('crashy', ['brief-7', 'brief-8'])).toEqual(new Set(['brief-7', 'brief-8']));
    expect(privacy.map((e) => [e.id, e.firstSeenAt])).toEqual([['brief-7', '2026-12-01T10:05:00.000Z']]);
  });
});

function readFixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** A client that dies writing one entry's row, after its topic-index rows were written: the crash window. */
function crashOnEntryRow(doc: DynamoDBDocumentClient, entryId: string): DynamoDBDocumentClient {
  const send = (command: { constructor: { name: string }; input?: { Item?: Record<string, unknown> } }) => {
    if (command.constructor.name === 'PutCommand' && command.input?.Item?.entryId === entryId) return Promise.reject(new Error('injected crash'));
    return doc.send(command as never);
  };
  return new Proxy(doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
}

/** Raw topic-index rows of one feed in today's partition, orphans included. */
async function topicIndexRows(h: Harness, topic: string, feedId: string): Promise<number> {
  const out = await h.doc.send(
    new QueryCommand({ TableName: h.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TOPIC#${topic}#2026-12-01` } }),
  );
  return (out.Items ?? []).filter((i) => i.feedId === feedId).length;
}
