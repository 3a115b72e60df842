import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import type { FetchOutcome } from '../../../lambdas/core/fetch/outcome.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { closedLoopbackPort, startFixtureServer } from '../../support/http-fixture-server.js';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Gazette</title><item><title>First</title></item></channel></rss>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Tue, 01 Dec 2026 06:00:00 GMT';

let server: FixtureServer;
let fetcher: HttpFetcher;

function bodyText(outcome: FetchOutcome): string {
  if (outcome.kind !== 'ok' && outcome.kind !== 'moved-permanently') throw new Error(`expected a body, got ${outcome.kind}`);
  return Buffer.from(outcome.body).toString('utf8');
}

function redirect(status: number, to: string) {
  return (_req: unknown, res: ServerResponse) => void res.writeHead(status, { location: to }).end();
}

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed': (req, res) => {
      if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: ETAG,
        'last-modified': LAST_MODIFIED,
        'cache-control': 'max-age=900',
        expires: 'Tue, 01 Dec 2026 07:00:00 GMT',
        date: 'Tue, 01 Dec 2026 06:30:00 GMT',
      });
      res.end(FEED);
    },
    '/since': (req, res) => {
      const fresh = req.headers['if-modified-since'] === LAST_MODIFIED;
      res.writeHead(fresh ? 304 : 200, { 'last-modified': LAST_MODIFIED }).end(fresh ? undefined : FEED);
    },
    '/gzip': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED)),
    '/deflate': (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(FEED)),
    '/deflate-raw': (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(FEED)),
    '/br': (_req, res) => void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED)),
    '/corrupt-gzip': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all')),
    '/deflate-bytewise': async (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'deflate' });
      for (const byte of deflateSync(FEED)) {
        res.write(Buffer.of(byte));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    },
    '/truncated-gzip': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED).subarray(0, 40)),
    '/compress': (_req, res) => void res.writeHead(200, { 'content-encoding': 'compress' }).end('whatever'),
    '/identity': (_req, res) => void res.writeHead(200, { 'content-encoding': 'identity' }).end(FEED),
    '/p1': redirect(301, '/p2'),
    '/p2': redirect(308, '/feed'),
    '/mixed1': redirect(301, '/mixed2'),
    '/mixed2': redirect(302, '/feed'),
    '/temp': redirect(307, '/feed'),
    '/see-other': redirect(303, '/feed'),
    '/moved-304': redirect(301, '/feed'),
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(302, '/loop-a'),
    '/r1': redirect(302, '/r2'),
    '/r2': redirect(302, '/r3'),
    '/r3': redirect(302, '/r4'),
    '/r4': redirect(302, '/r5'),
    '/r5': redirect(302, '/r6'),
    '/r6': redirect(302, '/feed'),
    '/five': redirect(302, '/r3'),
    '/gone': (_req, res) => void res.writeHead(410).end('gone'),
    '/busy': (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end(),
    '/maintenance': (_req, res) => void res.writeHead(503, { 'retry-after': 'Tue, 01 Dec 2026 09:00:00 GMT' }).end(),
    '/broken': (_req, res) => void res.writeHead(503).end(),
    '/missing': (_req, res) => void res.writeHead(404).end(),
    '/to-ftp': redirect(302, 'ftp://example.org/feed.xml'),
    '/to-file': redirect(301, 'file:///etc/passwd'),
    '/no-location': (_req, res) => void res.writeHead(302).end(),
  });
  fetcher = new HttpFetcher({ allowedOrigins: [server.origin], deadlineMs: 3000, connectTimeoutMs: 1000 });
});

afterAll(async () => {
  await server.close();
});

describe('HttpFetcher outcomes', () => {
  it('returns ok with body, validators and cache facts, sending an honest User-Agent and Accept', async () => {
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/feed') });
    // Assess
    expect(outcome).toMatchObject({
      kind: 'ok',
      status: 200,
      finalUrl: server.url('/feed'),
      contentType: 'application/rss+xml; charset=utf-8',
      movedTo: null,
      cache: { etag: ETAG, lastModified: LAST_MODIFIED, cacheControl: 'max-age=900', expires: 'Tue, 01 Dec 2026 07:00:00 GMT', date: 'Tue, 01 Dec 2026 06:30:00 GMT' },
    });
    expect(bodyText(outcome)).toBe(FEED);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    const sent = server.requests.at(-1)?.headers ?? {};
    expect(sent['user-agent']).toMatch(/^Topicwire\/\S+ \(\+https:\/\//);
    expect(sent.accept).toContain('application/rss+xml');
    expect(sent.accept).toContain('application/atom+xml');
    expect(sent.accept).toContain('application/feed+json');
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('sends If-None-Match and maps 304 to not-modified', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/feed'), etag: ETAG });
    expect(outcome).toMatchObject({ kind: 'not-modified', status: 304, movedTo: null, cache: { etag: ETAG } });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(ETAG);
  });

  it('sends If-Modified-Since from the stored Last-Modified', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/since'), lastModified: LAST_MODIFIED });
    expect(outcome.kind).toBe('not-modified');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s bodies', async (path) => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url(path) });
    expect(bodyText(outcome)).toBe(FEED);
  });

  it('decodes deflate arriving one byte at a time and an explicit identity encoding', async () => {
    const bytewise = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/deflate-bytewise') });
    const identity = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/identity') });
    expect(bodyText(bytewise)).toBe(FEED);
    expect(bodyText(identity)).toBe(FEED);
  });

  it.each(['/truncated-gzip', '/compress'])('reports %s as a decode failure naming the feed', async (path) => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url(path) });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('decode');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain(`feed gazette (${server.url(path)})`);
  });

  it('reports a body that does not match its Content-Encoding as a decode failure', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/corrupt-gzip') });
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('decode');
  });

  it('persists the target of an all-permanent 301/308 chain', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/p1') });
    expect(outcome).toMatchObject({ kind: 'moved-permanently', movedTo: server.url('/feed'), finalUrl: server.url('/feed'), requestedUrl: server.url('/p1') });
    expect(bodyText(outcome)).toBe(FEED);
  });

  it('reports the permanent target on a 304 too', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/moved-304'), etag: ETAG });
    expect(outcome).toMatchObject({ kind: 'not-modified', movedTo: server.url('/feed') });
  });

  it.each(['/temp', '/see-other', '/mixed1'])('follows %s without persisting it', async (path) => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url(path) });
    expect(outcome).toMatchObject({ kind: 'ok', movedTo: null, finalUrl: server.url('/feed') });
  });

  it('detects a redirect loop', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'loopy', url: server.url('/loop-a') });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('redirect-loop');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('feed loopy');
  });

  it('follows five redirects and refuses the sixth', async () => {
    const five = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/five') });
    const six = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/r1') });
    expect(five.kind).toBe('ok');
    expect(six.kind === 'failed' && six.error.kind).toBe('too-many-redirects');
  });

  it('maps 410 to gone', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/gone') });
    expect(outcome).toMatchObject({ kind: 'gone', status: 410 });
  });

  it('maps 429 and 503 with Retry-After to rate-limited, keeping the header', async () => {
    const busy = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/busy') });
    const maintenance = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/maintenance') });
    expect(busy).toMatchObject({ kind: 'rate-limited', status: 429, retryAfter: '120' });
    expect(maintenance).toMatchObject({ kind: 'rate-limited', status: 503, retryAfter: 'Tue, 01 Dec 2026 09:00:00 GMT' });
  });

  it.each([
    ['/broken', 503],
    ['/missing', 404],
  ])('maps %s to failed with the status, the feed id and the URL', async (path, status) => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url(path) });
    expect(outcome).toMatchObject({ kind: 'failed', status });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('http-status');
    expect(outcome.kind === 'failed' && outcome.error.message).toBe(`feed gazette (${server.url(path)}): HTTP ${status} ${status === 404 ? 'Not Found' : 'Service Unavailable'}`);
  });

  it('reports a refused connection as a network failure naming the URL', async () => {
    const port = await closedLoopbackPort();
    const closed = new HttpFetcher({ allowedOrigins: [`127.0.0.1:${port}`], deadlineMs: 3000 });
    const outcome = await closed.fetchFeed({ feedId: 'down', url: `http://127.0.0.1:${port}/feed` });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('network');
    expect(outcome.kind === 'failed' && outcome.error.message).toMatch(new RegExp(`^feed down \\(http://127\\.0\\.0\\.1:${port}/feed\\): .*ECONNREFUSED`));
  });

  it.each([
    ['/to-ftp', 'ftp://example.org/feed.xml'],
    ['/to-file', 'file:///etc/passwd'],
  ])('refuses a redirect from %s to a non-http scheme', async (path, target) => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url(path) });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('bad-url');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain(`redirected to ${target}`);
  });

  it('treats a redirect without Location as a failed status', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'gazette', url: server.url('/no-location') });
    expect(outcome).toMatchObject({ kind: 'failed', status: 302 });
  });

  it('reports an unparsable URL without throwing', async () => {
    const outcome = await fetcher.fetchFeed({ feedId: 'typo', url: 'http//missing-colon' });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('bad-url');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('feed typo (http//missing-colon)');
  });
});
