// `topicwire feeds check` end to end against a loopback fixture server: in-process through main()
// with captured streams, plus one run of the real bin. Redirects to non-loopback addresses are
// tested only in guard-injected and guard-namespace, where no packet can leave the machine.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CheckReport } from '../../../lambdas/cli/commands/feeds-check.js';
import { main } from '../../../lambdas/cli/main.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { runCli } from '../../support/cli.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';

const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Notes</title><link>https://harbour.example/</link><ttl>180</ttl>
<item><title>Tide tables revised</title><guid>harbour-1</guid></item>
<item><title>New ferry timetable</title><guid>harbour-2</guid></item>
<item><title>Lighthouse open day</title><guid>harbour-3</guid></item>
</channel></rss>`;

let server: FixtureServer;
let configDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...args: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(['feeds', 'check', ...args], { stdin: new PassThrough(), stdout, stderr, cwd: configDir, env: {} });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

async function report(...args: string[]): Promise<{ code: number; report: CheckReport }> {
  const result = await run(...args, '--json', '--config', configDir);
  return { code: result.code, report: JSON.parse(result.stdout) as CheckReport };
}

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"harbour-v3"') return void res.writeHead(304, { etag: '"harbour-v3"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"harbour-v3"', 'last-modified': 'Mon, 30 Nov 2026 18:00:00 GMT' }).end(FEED);
    },
    '/old-feed': (_req, res) => void res.writeHead(301, { location: '/feed.xml' }).end(),
    '/page.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><p>Welcome</p></body></html>'),
    '/gone': (_req, res) => void res.writeHead(410).end(),
  });
  configDir = mkdtempSync(join(tmpdir(), 'topicwire-feeds-check-'));
  writeFileSync(
    join(configDir, 'feeds.yaml'),
    `contact: mailto:ops@harbour.example\nfeeds:\n  - id: harbour\n    title: Harbour Notes\n    url: ${server.url('/feed.xml')}\n    pollIntervalMinutes: 240\n`,
  );
});

afterAll(async () => {
  await server.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('topicwire feeds check', () => {
  it('fetches and parses a URL, reporting validators, items and the next poll', async () => {
    // Act
    const before = Date.now();
    const { code, report: r } = await report(server.url('/feed.xml'), '--allow', server.origin);
    // Assess
    expect(code).toBe(0);
    expect(r).toMatchObject({ outcome: 'ok', status: 200, read: true, items: 3, title: 'Harbour Notes', format: 'rss', etag: '"harbour-v3"', lastModified: 'Mon, 30 Nov 2026 18:00:00 GMT', error: null });
    // The URL belongs to the configured feed, so its 240-minute interval beats the 180-minute ttl.
    expect(r.feedId).toBe('harbour');
    const minutes = (Date.parse(r.nextPollAt ?? '') - before) / 60_000;
    expect(Math.round(minutes)).toBe(240);
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('Topicwire/0.1 (+mailto:ops@harbour.example)');
  });

  it('looks a feed id up in feeds.yaml', async () => {
    const { code, report: r } = await report('harbour', '--allow', server.origin);
    expect(code).toBe(0);
    expect(r).toMatchObject({ feedId: 'harbour', url: server.url('/feed.xml'), items: 3 });
  });

  it('sends a stored ETag and reports not-modified as read', async () => {
    const { code, report: r } = await report('harbour', '--allow', server.origin, '--etag', '"harbour-v3"');
    expect(code).toBe(0);
    expect(r).toMatchObject({ outcome: 'not-modified', status: 304, read: true, items: null });
  });

  it('reports a permanent redirect as the URL to store', async () => {
    const { code, report: r } = await report(server.url('/old-feed'), '--allow', server.origin);
    expect(code).toBe(0);
    expect(r).toMatchObject({ outcome: 'moved-permanently', movedTo: server.url('/feed.xml'), items: 3 });
  });

  it('exits 1 for a page that is not a feed, naming the URL', async () => {
    const { code, report: r } = await report(server.url('/page.html'), '--allow', server.origin);
    expect(code).toBe(1);
    expect(r).toMatchObject({ outcome: 'ok', read: false, errorKind: 'parse' });
    expect(r.error).toContain(`feed cli-check (${server.url('/page.html')}): not a readable feed`);
  });

  it('exits 1 when the guard refuses a loopback URL that was not allowed', async () => {
    const { code, report: r } = await report(server.url('/feed.xml'));
    expect(code).toBe(1);
    expect(r).toMatchObject({ outcome: 'failed', errorKind: 'blocked-address' });
  });

  it('exits 1 for a gone feed and schedules no further poll', async () => {
    const { code, report: r } = await report(server.url('/gone'), '--allow', server.origin);
    expect(code).toBe(1);
    expect(r).toMatchObject({ outcome: 'gone', status: 410, nextPollAt: null });
  });

  it('exits 1 with one line on stderr for an unknown feed id', async () => {
    const result = await run('no-such-feed', '--config', configDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('topicwire feeds check: no feed with id "no-such-feed" in feeds.yaml (give an http(s) URL, or one of: harbour)\n');
  });

  it('refuses a malformed --allow', async () => {
    const result = await run(server.url('/feed.xml'), '--allow', 'http://127.0.0.1');
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('expected HOST:PORT');
  });

  it('prints a readable report from the installed command', async () => {
    // Act
    const result = await runCli(['feeds', 'check', server.url('/feed.xml'), '--allow', server.origin, '--config', configDir], { cwd: process.cwd() });
    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^outcome: +ok \(HTTP 200\)$/m);
    expect(result.stdout).toMatch(/^items: +3$/m);
    expect(result.stdout).toMatch(/^etag: +"harbour-v3"$/m);
    expect(result.stdout).toMatch(/^next poll: +\d{4}-\d{2}-\d{2}T/m);
    expect(result.stdout).toMatch(/^duration: +\d+ ms$/m);
  });
});
