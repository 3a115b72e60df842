import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedHealthRow, TopicInfo, TopicSection } from '../../core/render/web-pages.js';
import { renderFeedHealthPage, renderTopicPage, renderTopicsPage } from '../../core/render/web-pages.js';

// The local web app behind `topicwire start`: read-only pages over the store, bound to loopback only.

export interface WebData {
  topics(): TopicInfo[];
  sections(limitPerTopic: number): Promise<TopicSection[]>;
  feedTitles(): Promise<ReadonlyMap<string, string>>;
  feedHealth(): Promise<FeedHealthRow[]>;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

type Page = { status: number; body: string; type?: string };

async function route(data: WebData, path: string): Promise<Page> {
  if (path === '/healthz') return { status: 200, body: 'ok\n', type: 'text/plain; charset=utf-8' };
  if (path === '/') return { status: 200, body: renderTopicsPage(await data.sections(10), await data.feedTitles()) };
  if (path === '/feeds') return { status: 200, body: renderFeedHealthPage(await data.feedHealth(), data.topics()) };
  const topicMatch = /^\/topics\/([a-z0-9-]+)$/.exec(path);
  if (topicMatch) {
    const section = (await data.sections(50)).find((s) => s.topic.id === topicMatch[1]);
    if (section) return { status: 200, body: renderTopicPage(section, data.topics(), await data.feedTitles()) };
  }
  return { status: 404, body: 'Not found\n', type: 'text/plain; charset=utf-8' };
}

function handle(data: WebData, onError: (error: unknown) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    route(data, path).then(
      (page) => {
        res.writeHead(page.status, {
          'content-type': page.type ?? 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
          'x-content-type-options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : page.body);
      },
      (error: unknown) => {
        onError(error);
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error\n');
      },
    );
  };
}

export async function startWebServer(options: { data: WebData; port: number; host?: string; onError?: (error: unknown) => void }): Promise<WebServer> {
  const server: Server = createServer(handle(options.data, options.onError ?? (() => {})));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
