// The SSRF guard with a recording resolver and connect step: every refusal must happen before any
// connect, so these tests cannot send a packet anywhere even if the guard were broken.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import { connectToVetted } from '../../../lambdas/adapters/http/connect.js';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import type { ResolvedAddress, Resolver, VettedTarget } from '../../../lambdas/adapters/http/guard.js';
import type { FetchOutcome } from '../../../lambdas/core/fetch/outcome.js';
import type { FixtureServer } from '../../support/http-fixture-server.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';

interface Recording {
  resolved: string[];
  connected: VettedTarget[];
}

function recordingFetcher(answers: Record<string, ResolvedAddress[][]>, allowedOrigins: string[] = []) {
  const recording: Recording = { resolved: [], connected: [] };
  const calls = new Map<string, number>();
  const resolve: Resolver = async (hostname) => {
    recording.resolved.push(hostname);
    const n = calls.get(hostname) ?? 0;
    calls.set(hostname, n + 1);
    const series = answers[hostname];
    if (!series) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return series[Math.min(n, series.length - 1)] ?? [];
  };
  const connect = async (target: VettedTarget): Promise<Socket> => {
    recording.connected.push(target);
    throw Object.assign(new Error(`connect ECONNREFUSED ${target.addresses[0]?.address}`), { code: 'ECONNREFUSED' });
  };
  return { fetcher: new HttpFetcher({ deadlineMs: 2000, allowedOrigins }, { resolve, connect }), recording };
}

function failure(outcome: FetchOutcome): { kind: string; message: string } {
  if (outcome.kind !== 'failed') throw new Error(`expected failed, got ${outcome.kind}`);
  return { kind: outcome.error.kind, message: outcome.error.message };
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

describe('SSRF guard before connect', () => {
  it.each([
    ['http://127.0.0.1/feed', 'loopback'],
    ['http://2130706433/feed', 'loopback'],
    ['http://0x7f000001/feed', 'loopback'],
    ['http://0177.0.0.1/feed', 'loopback'],
    ['http://127.1/feed', 'loopback'],
    ['http://0/feed', 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.1/feed', 'private'],
    ['http://192.168.0.1:8080/feed', 'private'],
    ['http://100.100.100.200/feed', 'carrier-grade NAT'],
    ['http://[::1]/feed', 'loopback'],
    ['http://[::ffff:127.0.0.1]/feed', 'IPv4-mapped loopback'],
    ['http://[::ffff:a9fe:a9fe]/feed', 'IPv4-mapped link-local'],
    ['http://[64:ff9b::a00:1]/feed', 'NAT64 private'],
    ['http://[fe80::1]/feed', 'link-local'],
    ['http://[fd00::1]/feed', 'unique-local'],
    ['http://224.0.0.1/feed', 'multicast'],
    ['http://255.255.255.255/feed', 'broadcast'],
  ])('refuses the literal %s (%s) without resolving or connecting', async (url, reason) => {
    // Prepare
    const { fetcher, recording } = recordingFetcher({});
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'evil', url });
    // Assess
    const { kind, message } = failure(outcome);
    expect(kind).toBe('blocked-address');
    expect(message).toContain(`feed evil (${url}`);
    expect(message).toContain(reason);
    expect(recording.resolved).toEqual([]);
    expect(recording.connected).toEqual([]);
  });

  it.each([
    ['a name resolving to a private address', [v4('10.1.2.3')]],
    ['a name resolving to loopback', [v4('127.0.0.1')]],
    ['a name with one public and one private answer', [v4('93.184.215.14'), v4('192.168.1.10')]],
    ['a name resolving to IPv6 unique-local', [v6('fd12::5')]],
    ['a name resolving to the metadata address', [v4('169.254.169.254')]],
  ])('refuses %s before connecting', async (_label, answer) => {
    const { fetcher, recording } = recordingFetcher({ 'feeds.example': [answer] });
    const outcome = await fetcher.fetchFeed({ feedId: 'sneaky', url: 'https://feeds.example/rss' });
    expect(failure(outcome).kind).toBe('blocked-address');
    expect(failure(outcome).message).toContain('feed sneaky (https://feeds.example/rss)');
    expect(recording.connected).toEqual([]);
  });

  it('resolves once per hop and hands the connect step exactly the vetted addresses (DNS rebinding)', async () => {
    // Prepare: the first answer is public, any later one would be loopback
    const { fetcher, recording } = recordingFetcher({ 'rebind.example': [[v4('93.184.215.14')], [v4('127.0.0.1')]] });
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'rebind', url: 'http://rebind.example/feed' });
    // Assess
    expect(failure(outcome).kind).toBe('network');
    expect(failure(outcome).message).toContain('ECONNREFUSED');
    expect(recording.resolved).toEqual(['rebind.example']);
    expect(recording.connected.map((t) => t.addresses)).toEqual([[v4('93.184.215.14')]]);
  });

  it.each(['ftp://feeds.example/rss', 'file:///etc/passwd', 'gopher://feeds.example/', 'javascript:alert(1)', 'data:text/xml,<rss/>'])(
    'refuses the scheme of %s without resolving',
    async (url) => {
      const { fetcher, recording } = recordingFetcher({ 'feeds.example': [[v4('93.184.215.14')]] });
      const outcome = await fetcher.fetchFeed({ feedId: 'scheme', url });
      expect(failure(outcome).kind).toBe('bad-url');
      expect(recording.resolved).toEqual([]);
      expect(recording.connected).toEqual([]);
    },
  );

  it('reports a name that does not resolve', async () => {
    const { fetcher, recording } = recordingFetcher({});
    const outcome = await fetcher.fetchFeed({ feedId: 'typo', url: 'http://no-such-host.example/feed' });
    expect(failure(outcome)).toEqual({ kind: 'network', message: 'feed typo (http://no-such-host.example/feed): cannot resolve no-such-host.example: ENOTFOUND' });
    expect(recording.connected).toEqual([]);
  });

  it('exempts only the exact allowlisted host:port', async () => {
    const { fetcher, recording } = recordingFetcher({}, ['127.0.0.1:8080']);
    await fetcher.fetchFeed({ feedId: 'allowed', url: 'http://127.0.0.1:8080/feed' });
    const other = await fetcher.fetchFeed({ feedId: 'other-port', url: 'http://127.0.0.1:8081/feed' });
    expect(recording.connected.map((t) => `${t.hostname}:${t.port}`)).toEqual(['127.0.0.1:8080']);
    expect(failure(other).kind).toBe('blocked-address');
  });
});

describe('SSRF guard across redirects on loopback', () => {
  let allowed: FixtureServer;
  let bystander: FixtureServer;

  beforeAll(async () => {
    bystander = await startFixtureServer({ '/secret': (_req, res) => void res.writeHead(200).end('secret') });
    allowed = await startFixtureServer({
      '/to-bystander': (_req, res) => void res.writeHead(302, { location: bystander.url('/secret') }).end(),
      '/to-metadata': (_req, res) => void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-decimal': (_req, res) => void res.writeHead(302, { location: `http://2130706433:${bystander.port}/secret` }).end(),
    });
  });

  afterAll(async () => {
    await Promise.all([allowed.close(), bystander.close()]);
  });

  it.each([
    ['/to-bystander', () => bystander.url('/secret')],
    ['/to-decimal', () => bystander.url('/secret')],
    ['/to-metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('checks the next hop after an allowlisted origin redirects (%s)', async (path, target) => {
    // Prepare: real connect step, but refuse (and record) anything that is not the allowed server
    const attempts: string[] = [];
    const connect = (t: VettedTarget, signal: AbortSignal): Promise<Socket> => {
      attempts.push(`${t.hostname}:${t.port}`);
      if (t.port !== allowed.port) return Promise.reject(new Error('test connect step refuses everything else'));
      return connectToVetted(t, signal);
    };
    const fetcher = new HttpFetcher({ allowedOrigins: [allowed.origin], deadlineMs: 2000 }, { connect });
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'hop', url: allowed.url(path) });
    // Assess
    expect(failure(outcome).kind).toBe('blocked-address');
    expect(failure(outcome).message).toContain(`redirected to ${target()}`);
    expect(attempts).toEqual([allowed.origin]);
    expect(bystander.requests).toEqual([]);
  });

  it('connects to the vetted address even when the name itself would not resolve', async () => {
    // Prepare: a name DNS cannot answer; only the vetted loopback address can make this work
    const controller = new AbortController();
    const target: VettedTarget = {
      url: new URL(`http://never-resolved.invalid:${bystander.port}/secret`),
      hostname: 'never-resolved.invalid',
      port: bystander.port,
      addresses: [v4('127.0.0.1')],
    };
    // Act
    const socket = await connectToVetted(target, controller.signal);
    // Assess
    expect(socket.remoteAddress).toBe('127.0.0.1');
    expect(socket.remotePort).toBe(bystander.port);
    socket.destroy();
  });
});
