import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

// Serves the demo's sample feeds on loopback the way a well-behaved publisher would (ETag, Last-Modified,
// 304 on a conditional GET), so `npm run demo` exercises the real fetcher without the internet.

export interface DemoFeed {
  id: string;
  file: string;
  url: string;
}

export interface DemoFeedServer {
  origin: string;
  feeds: DemoFeed[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.xml': 'application/xml',
  '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml',
  '.json': 'application/feed+json',
};

export async function startDemoFeedServer(dir: string, lastModified: Date): Promise<DemoFeedServer> {
  const files = (await readdir(dir)).filter((f) => extname(f) in contentTypes).sort();
  const bodies = new Map<string, Buffer>();
  for (const file of files) bodies.set(`/${file}`, await readFile(join(dir, file)));
  const modified = lastModified.toUTCString();

  const server = createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (!body || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === modified) {
      res.writeHead(304, { etag, 'last-modified': modified }).end();
      return;
    }
    const type = contentTypes[extname(req.url ?? '')] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': modified, 'cache-control': 'max-age=300' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `127.0.0.1:${port}`;
  return {
    origin,
    feeds: files.map((file) => ({ id: file.replace(/\.[a-z]+$/, ''), file, url: `http://${origin}/${file}` })),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
