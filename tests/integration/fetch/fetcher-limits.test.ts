import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import type { BodyStats } from '../../../lambdas/adapters/http/body.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';
import type { BombStats } from './gzip-bomb.js';
import { serveGzipBomb } from './gzip-bomb.js';

const MiB = 1024 * 1024;
const bomb: BombStats = { bytesWritten: 0, decodedBytesOffered: 0 };
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    },
    '/silent': () => undefined,
    '/big-declared': (_req, res) => void res.writeHead(200, { 'content-length': String(2 * MiB) }).end(Buffer.alloc(2 * MiB, 0x20)),
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      for (let i = 0; i < 32; i += 1) res.write(Buffer.alloc(64 * 1024, 0x20));
      res.end();
    },
    '/inflated': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(2 * MiB, 0x20))),
    '/bomb': (_req, res) => serveGzipBomb(res, 1024 * MiB, bomb),
    '/small': (_req, res) => void res.writeHead(200).end(Buffer.alloc(MiB, 0x20)),
  });
});

afterAll(async () => {
  await server.close();
});

function limited(overrides: ConstructorParameters<typeof HttpFetcher>[0] = {}): HttpFetcher {
  return new HttpFetcher({ allowedOrigins: [server.origin], deadlineMs: 400, maxBodyBytes: MiB, ...overrides });
}

describe('HttpFetcher limits', () => {
  it('ends a fetch whose body trickles past the overall deadline', async () => {
    const outcome = await limited().fetchFeed({ feedId: 'slow', url: server.url('/trickle') });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('timeout');
    expect(outcome.kind === 'failed' && outcome.error.message).toBe(`feed slow (${server.url('/trickle')}): no complete response within 400 ms`);
  });

  it('ends a fetch whose server never answers', async () => {
    const outcome = await limited().fetchFeed({ feedId: 'silent', url: server.url('/silent') });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('timeout');
  });

  it('applies the connect timeout to a connect step that never completes', async () => {
    // Prepare: a connect step that hangs until it is told to stop
    const hanging = (_target: unknown, signal: AbortSignal) =>
      new Promise<Socket>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const fetcher = new HttpFetcher({ allowedOrigins: [server.origin], connectTimeoutMs: 50, deadlineMs: 2000 }, { connect: hanging });
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'hang', url: server.url('/small') });
    // Assess
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('timeout');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('connect to 127.0.0.1');
  });

  it.each(['/big-declared', '/big-chunked', '/inflated'])('refuses %s beyond the size cap', async (path) => {
    const outcome = await limited({ deadlineMs: 3000 }).fetchFeed({ feedId: 'big', url: server.url(path) });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('too-large');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain(`${MiB}-byte limit`);
  });

  it('accepts a body exactly at the cap', async () => {
    const outcome = await limited({ deadlineMs: 3000 }).fetchFeed({ feedId: 'fits', url: server.url('/small') });
    expect(outcome.kind === 'ok' && outcome.body.length).toBe(MiB);
  });

  it('stops a 1 GiB gzip bomb at the decoded cap after reading a fraction of its bytes', async () => {
    // Prepare
    const seen: BodyStats[] = [];
    const fetcher = new HttpFetcher(
      { allowedOrigins: [server.origin], deadlineMs: 10_000, maxBodyBytes: MiB },
      { onBody: (_feedId, stats) => seen.push({ ...stats }) },
    );
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'bomb', url: server.url('/bomb') });
    // Assess
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('too-large');
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('decoded gzip body');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.decodedBytes).toBeGreaterThan(MiB);
    expect(seen[0]?.decodedBytes).toBeLessThan(MiB + 256 * 1024);
    expect(seen[0]?.wireBytes).toBeLessThan(bomb.bytesWritten);
  });
});
