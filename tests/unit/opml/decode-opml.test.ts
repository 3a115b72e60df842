import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { decodeOpml } from '../../../lambdas/core/opml/decode-opml.js';
import { parseOpml } from '../../../lambdas/core/opml/parse-opml.js';

const OPML = '<?xml version="1.0"?><opml version="2.0"><body><outline text="Zürich “Daily”" xmlUrl="https://z.example/feed"/></body></opml>';

describe('decodeOpml', () => {
  it('honours the declared legacy encoding, reading Latin-1 as windows-1252', () => {
    const bytes = readFileSync(new URL('../../fixtures/opml/latin1.opml', import.meta.url));

    const opml = parseOpml('latin1.opml', decodeOpml(bytes));

    expect(opml.title).toBe('Café list');
    expect(opml.feeds[0]?.title).toBe('Le Café’s feed');
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 with a BOM', () => {
    const utf8 = Buffer.from(OPML, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OPML, 'utf16le')]);

    expect([decodeOpml(utf8), decodeOpml(bom), decodeOpml(utf16)]).toEqual([OPML, OPML, OPML]);
  });

  it('falls back to UTF-8 for an unknown declared encoding', () => {
    const text = OPML.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="x-martian"?>');

    expect(decodeOpml(Buffer.from(text, 'utf8'))).toBe(text);
  });
});
