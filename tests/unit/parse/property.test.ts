import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ParseError } from '../../../lambdas/core/errors.js';
import { parseFeed } from '../../../lambdas/core/parse/index.js';
import { FIXTURES } from './fixture.js';

const corpus = ['rss', 'atom', 'rdf', 'json', 'entities', 'damaged', 'edge', 'realistic', 'encoding'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir)).filter((name) => /\.(xml|json)$/.test(name)).map((name) => readFileSync(join(FIXTURES, dir, name))),
);

/** Runs the parser and reports how it ended; anything but a result or a ParseError is a bug. */
function outcome(bytes: Uint8Array): 'ok' | 'parse-error' {
  try {
    const feed = parseFeed(bytes);
    expect(Array.isArray(feed.items)).toBe(true);
    return 'ok';
  } catch (error) {
    if (error instanceof ParseError) return 'parse-error';
    throw error;
  }
}

const SNIPPETS = ['<', '>', '&', '&amp;', '<![CDATA[', ']]>', '</item>', '<item>', '<entry>', '"', '<!DOCTYPE x [<!ENTITY a "&a;">]>', '\u0000', '\ufeff', '&#xD800;', '&#99999999;', 'xmlns:a="', '<a:b>'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(source);
  for (const m of mutations) {
    const at = bytes.length ? m.at % bytes.length : 0;
    if (m.kind === 'flip') bytes[at] = m.byte;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
    else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
  }
  return bytes;
}

describe('parseFeed on hostile input', () => {
  it('throws nothing but ParseError for arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void outcome(bytes)), { numRuns: 300 });
  });

  it('throws nothing but ParseError for arbitrary strings that look a little like XML', () => {
    const xmlish = fc.array(fc.oneof(fc.constantFrom(...SNIPPETS, '<rss>', '<channel>', '<title>', '</title>', '<feed>'), fc.string({ maxLength: 8 })), { maxLength: 60 });
    fc.assert(fc.property(xmlish, (parts) => void outcome(Buffer.from(parts.join('')))), { numRuns: 300 });
  });

  it('throws nothing but ParseError for mutated fixture feeds', () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }));
    fc.assert(fc.property(arb, ([index, mutations]) => void outcome(mutate(corpus[index]!, mutations))), { numRuns: 400 });
  });
});
