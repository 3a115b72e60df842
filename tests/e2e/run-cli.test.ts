import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDemoFeedServer } from '../../lambdas/adapters/demo/feed-server.js';
import type { DemoFeedServer } from '../../lambdas/adapters/demo/feed-server.js';
import { demoFeedsYaml } from '../../lambdas/cli/commands/demo.js';
import { runCli } from '../support/cli.js';

const DEMO_FEEDS = fileURLToPath(new URL('../../demo/feeds', import.meta.url));
const TOPICS = fileURLToPath(new URL('../../config/topics.yaml', import.meta.url));

let work: string;
let server: DemoFeedServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'topicwire-run-'));
  server = await startDemoFeedServer(DEMO_FEEDS, new Date('2026-11-30T18:00:00Z'));
  mkdirSync(join(work, 'config'));
  const broken = { id: 'broken', file: '', url: `http://${server.origin}/missing.xml` };
  writeFileSync(join(work, 'config', 'feeds.yaml'), demoFeedsYaml([...server.feeds, broken]));
  copyFileSync(TOPICS, join(work, 'config', 'topics.yaml'));
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('topicwire run --once (spawned, embedded dynalite persisted in a temp dir)', () => {
  const args = () => ['run', '--once', '--config', 'config', '--data', 'data', '--allow', server.origin];

  it('polls every feed, stores new entries with topics, and reports the failing feed by name', async () => {
    const run = await runCli(args(), { cwd: work });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Feeds: 5 added/);
    expect(run.stdout).toMatch(/Poll cycle: 5 feeds in [\d.]+ s — 4 fetched, 0 not modified \(304\), 1 failed/);
    const newEntries = Number(/New entries: (\d+)/.exec(run.stdout)?.[1]);
    expect(newEntries).toBe(16);
    expect(run.stdout).toMatch(/immigration [1-9]/);
    expect(run.stdout).toMatch(/facial-recognition [1-9]/);
    expect(run.stdout).toMatch(/failed: feed broken \(http:\/\/127\.0\.0\.1:\d+\/missing\.xml\).*404/);
  }, 60_000);

  it('a second start reuses the stored data: nothing new, nothing duplicated', async () => {
    const run = await runCli([...args(), '--all'], { cwd: work });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Feeds: 0 added, 0 updated, 0 disabled \(removed from config\), 5 unchanged/);
    expect(run.stdout).toMatch(/New entries: 0\b/);
    expect(run.stdout).toMatch(/4 not modified \(304\)/);
  }, 60_000);

  it('stops with file:line when the config is bad, before polling anything', async () => {
    writeFileSync(join(work, 'config', 'feeds.yaml'), 'feeds:\n  - id: ok\n    title: OK\n    url: ftp://example.org/feed\n');
    const run = await runCli(args(), { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/config\/feeds\.yaml:4: feeds\[0\]\.url: /);
    expect(run.stdout).not.toMatch(/Poll cycle/);
  }, 60_000);
});

describe('topicwire demo --once', () => {
  it('runs offline on the sample feeds and tags them', async () => {
    const run = await runCli(['demo', '--once'], { cwd: work });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Demo: 4 sample feeds served on http:\/\/127\.0\.0\.1:\d+\//);
    expect(run.stdout).toMatch(/4 fetched, 0 not modified \(304\), 0 failed/);
    expect(run.stdout).toMatch(/New entries: 16 — .*ai-ethics [1-9]/);
  }, 60_000);
});
