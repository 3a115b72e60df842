// HTTPS through the vetted connect step: SNI and certificate checks use the URL's host name even
// though the socket goes to the address the guard vetted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createVettedConnector } from '../../../lambdas/adapters/http/connect.js';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import type { Resolver } from '../../../lambdas/adapters/http/guard.js';

// A self-signed certificate for feeds.test, valid until 2126, made for these tests only.
const cert = readFileSync(new URL('./tls/feeds-test.crt', import.meta.url), 'utf8');
const key = readFileSync(new URL('./tls/feeds-test.key', import.meta.url), 'utf8');

let server: Server;
let port: number;
const sniSeen: Array<string | false | null> = [];

// feeds.test exists only for this resolver, which points it at loopback.
const resolve: Resolver = async (hostname) => (hostname === 'feeds.test' ? [{ address: '127.0.0.1', family: 4 }] : []);

beforeAll(async () => {
  server = createServer({ cert, key }, (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end('<feed/>'));
  server.on('secureConnection', (socket) => sniSeen.push(socket.servername));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

describe('HttpFetcher over TLS', () => {
  it('fetches from a server whose certificate matches the host name, sending SNI', async () => {
    // Prepare
    const fetcher = new HttpFetcher({ allowedOrigins: [`feeds.test:${port}`], deadlineMs: 3000 }, { resolve, connect: createVettedConnector({ ca: cert }) });
    // Act
    const outcome = await fetcher.fetchFeed({ feedId: 'tls', url: `https://feeds.test:${port}/atom` });
    // Assess
    expect(outcome.kind).toBe('ok');
    expect(outcome.kind === 'ok' && Buffer.from(outcome.body).toString()).toBe('<feed/>');
    expect(sniSeen.at(-1)).toBe('feeds.test');
  });

  it('refuses a certificate it cannot verify', async () => {
    const fetcher = new HttpFetcher({ allowedOrigins: [`feeds.test:${port}`], deadlineMs: 3000 }, { resolve });
    const outcome = await fetcher.fetchFeed({ feedId: 'tls', url: `https://feeds.test:${port}/atom` });
    expect(outcome.kind === 'failed' && outcome.error.kind).toBe('network');
    expect(outcome.kind === 'failed' && outcome.error.message).toMatch(/self[- ]signed/i);
  });

  it('refuses a certificate for another name', async () => {
    const fetcher = new HttpFetcher({ allowedOrigins: [`127.0.0.1:${port}`], deadlineMs: 3000 }, { connect: createVettedConnector({ ca: cert }) });
    const outcome = await fetcher.fetchFeed({ feedId: 'tls', url: `https://127.0.0.1:${port}/atom` });
    expect(outcome.kind === 'failed' && outcome.error.message).toContain("IP: 127.0.0.1 is not in the cert's list");
  });
});
