// A gzip bomb served without ever holding its expansion: one gzip member of 16 MiB of zeros,
// compressed once from a stream of small chunks, then repeated. Concatenated gzip members are one
// valid gzip stream, so 64 repeats decode to 1 GiB while about 1 MiB crosses the wire.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

const MEMBER_DECODED_BYTES = 16 * 1024 * 1024;

export async function compressZeros(bytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(64 * 1024);
  const source = Readable.from(
    (function* chunks() {
      for (let sent = 0; sent < bytes; sent += zeros.length) yield zeros;
    })(),
  );
  const parts: Buffer[] = [];
  for await (const part of source.pipe(createGzip({ level: 9 }))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export interface BombStats {
  /** Compressed bytes the server handed to the socket before the client hung up. */
  bytesWritten: number;
  decodedBytesOffered: number;
}

/** Serves `decodedBytes` of zeros as gzip; resolves its stats once the client goes away or it ends. */
export async function serveGzipBomb(response: ServerResponse, decodedBytes: number, stats: BombStats): Promise<void> {
  const member = await compressZeros(MEMBER_DECODED_BYTES);
  response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
  let closed = false;
  response.on('close', () => (closed = true));
  for (let offered = 0; offered < decodedBytes && !closed; offered += MEMBER_DECODED_BYTES) {
    stats.bytesWritten += member.length;
    stats.decodedBytesOffered += MEMBER_DECODED_BYTES;
    if (!response.write(member)) await drainedOrClosed(response);
  }
  if (!response.destroyed) response.end();
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
