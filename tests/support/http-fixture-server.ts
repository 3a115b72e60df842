// A loopback node:http server for tests: routes by path, records what it received, and closes
// every open socket on close() so servers that trickle or hang never keep jest alive.
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FixtureHandler = (request: IncomingMessage, response: ServerResponse, server: FixtureServer) => void | Promise<void>;

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** `127.0.0.1:PORT`, as the fetcher's allowlist spells an origin. */
  origin: string;
  port: number;
  url(path: string): string;
  /** Adds or replaces the handler for an exact path (query included when the route has one). */
  route(path: string, handler: FixtureHandler): void;
  requests: ReceivedRequest[];
  /** Connections currently open, to prove per-host limits. */
  openConnections(): number;
  maxConcurrentRequests(): number;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, FixtureHandler> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const sockets = new Set<Socket>();
  const requests: ReceivedRequest[] = [];
  let active = 0;
  let maxActive = 0;
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    active += 1;
    maxActive = Math.max(maxActive, active);
    response.on('close', () => (active -= 1));
    const handler = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture\n');
      return;
    }
    Promise.resolve(handler(request, response, fixture)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // Requests only arrive after listen(), by when `fixture` below is initialised.
  const fixture: FixtureServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    origin: `127.0.0.1:${port}`,
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => void table.set(path, handler),
    requests,
    openConnections: () => sockets.size,
    maxConcurrentRequests: () => maxActive,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fixture;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
