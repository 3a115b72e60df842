import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry, TopicTag } from '../../../lambdas/core/model.js';
import { startLocal } from '../../../lambdas/wiring/local.js';
import type { LocalRuntime } from '../../../lambdas/wiring/local.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { feedsYaml, fixedClock, keywordTagger, serveFile } from './harness.js';

// The one-machine wiring: embedded dynalite persisted on disk, config sync, in-process queue, restart.
describe('local runtime', () => {
  let server: FixtureServer;
  let dir: string;
  const clock = fixedClock('2026-12-01T10:00:00.000Z');
  const running: LocalRuntime[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({
      '/tech.xml': serveFile('tech-rss.xml', 'application/rss+xml'),
      '/rights.xml': serveFile('rights-atom.xml', 'application/atom+xml'),
      '/briefs.json': serveFile('briefs.json', 'application/feed+json'),
    });
    dir = mkdtempSync(join(tmpdir(), 'topicwire-local-'));
    writeConfig(['tech', 'rights', 'briefs']);
  });

  afterAll(async () => {
    for (const runtime of running) await runtime.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const urls: Record<string, string> = { tech: '/tech.xml', rights: '/rights.xml', briefs: '/briefs.json' };

  function writeConfig(ids: string[]): void {
    writeFileSync(join(dir, 'feeds.yaml'), feedsYaml(ids.map((id) => ({ id, url: server.url(urls[id]!) }))));
  }

  async function start(tagEntry: (entry: Entry) => TopicTag[] = keywordTagger): Promise<LocalRuntime> {
    const runtime = await startLocal({ configDir: dir, dataDir: join(dir, 'data'), allowOrigins: [server.origin], clock, stages: { tagEntry } });
    running.push(runtime);
    return runtime;
  }

  async function stop(runtime: LocalRuntime): Promise<void> {
    running.splice(running.indexOf(runtime), 1);
    await runtime.close();
  }

  it('syncs config, polls every feed once, and a restart on the same data adds nothing', async () => {
    const first = await start();
    const synced = await first.syncFeeds();
    const cycle = await first.runPollCycle({ all: true });
    await stop(first);

    const second = await start();
    const resynced = await second.syncFeeds();
    const again = await second.runPollCycle({ all: true });
    const due = await second.runPollCycle();
    const surveillance = await second.stores.entries.listByTopic('surveillance', '2026-12-01T00:00:00.000Z', 50);
    await stop(second);

    expect(synced.added.sort()).toEqual(['briefs', 'rights', 'tech']);
    expect(cycle.failed).toEqual([]);
    expect(cycle.polled.reduce((n, s) => n + s.newEntries, 0)).toBe(7);
    expect(resynced).toMatchObject({ added: [], updated: [], removed: [], unchanged: 3 });
    expect(again.polled.map((s) => s.kind)).toEqual(['not-modified', 'not-modified', 'not-modified']);
    expect(due.plan.due).toEqual([]);
    expect(surveillance).toHaveLength(2);
  });

  it('disables a feed removed from config without deleting its entries, and re-enables it when it returns', async () => {
    const runtime = await start();
    writeConfig(['tech', 'briefs']);
    const removed = await runtime.syncFeeds();
    const cycle = await runtime.runPollCycle({ all: true });
    const rights = await runtime.stores.feedStates.get('rights');
    const kept = await runtime.stores.entries.existingIds('rights', ['urn:topicwire:test:rights-watch:101']);
    writeConfig(['tech', 'rights', 'briefs']);
    const restored = await runtime.syncFeeds();
    const reEnabled = await runtime.stores.feedStates.get('rights');
    await stop(runtime);

    expect(removed.removed).toEqual(['rights']);
    expect(rights?.disabledReason).toMatch(/^removed from config\/feeds.yaml on 2026-12-01$/);
    expect(cycle.plan.due.sort()).toEqual(['briefs', 'tech']);
    expect(kept.size).toBe(1);
    expect(restored.updated).toEqual(['rights']);
    expect(reEnabled?.disabledReason).toBeNull();
  });

  it('refuses a second runtime on a data folder that is in use, with a message naming the folder', async () => {
    const runtime = await start();

    await expect(start()).rejects.toThrow(`data folder ${join(dir, 'data')} is in use by process ${process.pid}`);
    await stop(runtime);
  });

  it('retags stored entries with new rules: entries move between topics idempotently', async () => {
    const everythingIsNews = (): TopicTag[] => [{ topic: 'news', score: 1, evidence: [] }];
    const runtime = await start(everythingIsNews);

    const first = await runtime.retag(7);
    const second = await runtime.retag(7);
    const news = await runtime.stores.entries.listByTopic('news', '2026-12-01T00:00:00.000Z', 50);
    const surveillance = await runtime.stores.entries.listByTopic('surveillance', '2026-12-01T00:00:00.000Z', 50);

    expect(first).toMatchObject({ scanned: 7, changed: 7, added: { news: 7 }, removed: { surveillance: 2 } });
    expect(second).toMatchObject({ scanned: 7, changed: 0 });
    expect(news).toHaveLength(7);
    expect(surveillance).toEqual([]);
    await stop(runtime);
  });

  it('tags with the shipped config/topics.yaml when no tagger is injected', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'topicwire-config-'));
    copyFileSync(join(process.cwd(), 'config', 'topics.yaml'), join(configDir, 'topics.yaml'));
    writeFileSync(join(configDir, 'feeds.yaml'), feedsYaml([{ id: 'tech', url: server.url('/tech.xml') }]));
    const runtime = await startLocal({ configDir, allowOrigins: [server.origin], clock });
    running.push(runtime);

    await runtime.syncFeeds();
    const cycle = await runtime.runPollCycle();
    const face = await runtime.stores.entries.listByTopic('facial-recognition', '2026-12-01T00:00:00.000Z', 10);
    await stop(runtime);
    rmSync(configDir, { recursive: true, force: true });

    expect(cycle.polled.map((s) => [s.feedId, s.newEntries])).toEqual([['tech', 3]]);
    expect(face.map((e) => e.id)).toEqual(['tech-desk-0001']);
    expect(face[0]?.topics[0]?.evidence.length).toBeGreaterThan(0);
  });
});
