// Reads a response body under a hard byte cap that applies twice: to the bytes on the wire and to
// the decoded bytes, so a gzip bomb stops at the cap with only about `maxBytes` held in memory.
import type { IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { HopError } from './hop-error.js';

export interface BodyLimits {
  maxBytes: number;
}

export interface BodyStats {
  wireBytes: number;
  decodedBytes: number;
}

class Collector {
  private readonly chunks: Buffer[] = [];
  total = 0;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Buffer, what: string): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) throw tooLarge(what, this.maxBytes);
    this.chunks.push(chunk);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks, this.total));
  }
}

function tooLarge(what: string, maxBytes: number): HopError {
  return new HopError('too-large', `${what} exceeds the ${maxBytes}-byte limit`);
}

// "deflate" is specified as zlib-wrapped, but many servers send raw deflate; the zlib header's
// check bits tell them apart.
function looksZlibWrapped(head: Buffer): boolean {
  const [cmf = 0, flg = 0] = head;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

function createDecoder(encoding: string, head: Buffer): Transform {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'br') return createBrotliDecompress();
  return looksZlibWrapped(head) ? createInflate() : createInflateRaw();
}

export function contentEncoding(response: IncomingMessage): string {
  const value = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  return value === 'identity' ? '' : value;
}

export function checkEncodingSupported(encoding: string): void {
  if (!['', 'gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
    throw new HopError('decode', `unsupported Content-Encoding "${encoding}"`);
  }
}

/** Reads the whole body; throws HopError('too-large' | 'decode'). The caller aborts on its deadline. */
export async function readBody(response: IncomingMessage, limits: BodyLimits, stats: BodyStats): Promise<Uint8Array> {
  const encoding = contentEncoding(response);
  checkEncodingSupported(encoding);
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > limits.maxBytes) throw tooLarge(`declared Content-Length ${declared}`, limits.maxBytes);
  const decoded = new Collector(limits.maxBytes);
  if (encoding === '') {
    for await (const chunk of response) decoded.add(chunk as Buffer, 'body');
    stats.wireBytes = stats.decodedBytes = decoded.total;
    return decoded.bytes();
  }
  try {
    await decodeInto(response, encoding, limits.maxBytes, decoded, stats);
  } finally {
    stats.decodedBytes = decoded.total;
  }
  return decoded.bytes();
}

async function decodeInto(
  response: IncomingMessage,
  encoding: string,
  maxBytes: number,
  decoded: Collector,
  stats: BodyStats,
): Promise<void> {
  let decoder: Transform | null = null;
  let failure: Error | null = null;
  let head = Buffer.alloc(0);
  const start = (first: Buffer): Transform => {
    const created = createDecoder(encoding, first);
    // A decoder error (bad data, or the cap below) ends the wire read too.
    created.on('error', (error) => {
      failure ??= error;
      response.destroy();
    });
    created.on('data', (chunk: Buffer) => {
      try {
        decoded.add(chunk, `decoded ${encoding} body`);
      } catch (error) {
        created.destroy(error as Error);
      }
    });
    return created;
  };
  const feed = async (target: Transform, chunk: Buffer): Promise<void> => {
    if (failure) throw failure;
    if (!target.write(chunk)) await once(target, 'drain');
  };
  try {
    for await (const chunk of response) {
      stats.wireBytes += (chunk as Buffer).length;
      if (stats.wireBytes > maxBytes) throw tooLarge(`${encoding} body`, maxBytes);
      if (decoder === null) {
        head = Buffer.concat([head, chunk as Buffer]);
        if (head.length < 2) continue;
        decoder = start(head);
        await feed(decoder, head);
      } else {
        await feed(decoder, chunk as Buffer);
      }
    }
    decoder ??= start(head);
    if (failure) throw failure;
    decoder.end();
    await once(decoder, 'end');
  } catch (error) {
    decoder?.destroy();
    response.destroy();
    throw asHopError(failure ?? error, encoding);
  }
}

function asHopError(error: unknown, encoding: string): unknown {
  if (error instanceof HopError) return error;
  // zlib errors carry an errno and a Z_* code; anything else is the connection failing.
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (!code.startsWith('Z_') && !code.startsWith('ERR__')) return error;
  return new HopError('decode', `cannot decode ${encoding} body: ${(error as Error).message}`, { cause: error });
}
