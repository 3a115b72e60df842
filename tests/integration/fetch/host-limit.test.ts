import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import { HostLimitedFetcher } from '../../../lambdas/adapters/http/host-limit.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';

let busy: FixtureServer;
let other: FixtureServer;

// Answers after a short pause, so overlapping requests are visible to the server's counter.
const slowFeed = (_req: unknown, res: ServerResponse): void => {
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>'), 30);
};

beforeAll(async () => {
  busy = await startFixtureServer({ '/feed': slowFeed });
  other = await startFixtureServer({ '/feed': slowFeed });
});

afterAll(async () => {
  await Promise.all([busy.close(), other.close()]);
});

describe('HostLimitedFetcher', () => {
  it('keeps at most two fetches open per host while still finishing all of them', async () => {
    // Prepare: 127.0.0.1 and localhost are different hosts to the limiter
    const fetcher = new HostLimitedFetcher(new HttpFetcher({ allowedOrigins: [busy.origin, `localhost:${other.port}`], deadlineMs: 5000 }), 2);
    const requests = Array.from({ length: 8 }, (_, i) => ({ feedId: `section-${i}`, url: busy.url(`/feed?section=${i}`) }));
    const elsewhere = { feedId: 'elsewhere', url: `http://localhost:${other.port}/feed` };
    // Act
    const outcomes = await Promise.all([...requests, elsewhere].map((r) => fetcher.fetchFeed(r)));
    // Assess
    expect(outcomes.map((o) => o.kind)).toEqual(Array(9).fill('ok'));
    expect(busy.requests).toHaveLength(8);
    expect(busy.maxConcurrentRequests()).toBe(2);
    expect(other.requests).toHaveLength(1);
  });

  it('refuses a limit below one', () => {
    expect(() => new HostLimitedFetcher(new HttpFetcher(), 0)).toThrow(RangeError);
  });
});
