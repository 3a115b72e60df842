import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../../../lambdas/core/tag/tokenize.js';
import { WordTable } from '../../../lambdas/core/tag/word-table.js';

// The tokenizer scans ASCII text by hand and falls back to the WORD regex for other text; both must cut
// words the same way, and the word cache must answer by slice exactly as a Map by string would.

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const byRegex = (text: string) =>
  [...text.matchAll(WORD)].map((m) => ({ raw: m[0].replace(/'[sS]$/, ''), start: m.index, end: m.index + m[0].length }));
const cut = (text: string) => {
  const t = tokenize(text);
  return t.raw.map((raw, i) => ({ raw, start: t.start[i], end: t.end[i] }));
};

describe('tokenize', () => {
  it.each([
    "ICE's agents don't rock'n'roll2 at 9am -- face-recognition, H-1B's; x'' 'quoted' a's",
    'Clearview AI fined €20 million; Zürich naïve café — “quotes”',
    "trailing apostrophe' and 'leading and O'Brien's O'BRIEN'S",
    '',
    '   ...   ',
  ])('cuts %j like the WORD pattern', (text) => {
    expect(cut(text)).toEqual(byRegex(text));
  });

  it('cuts random ASCII text like the WORD pattern', () => {
    const alphabet = "abcXYZ019 '-.,;_\t\n";
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(cut(text)).toEqual(byRegex(text));
    }
  });

  it('gives the stems the rules compare', () => {
    expect(tokenize('Deportations resumed').stem).toEqual(['deport', 'resum']);
  });
});

describe('WordTable', () => {
  it('describes each spelling once and finds it again by slice', () => {
    const described: string[] = [];
    const table = new WordTable((s) => {
      described.push(s);
      return { length: s.length };
    });

    expect(table.lookup('say hello', 4, 9)).toEqual({ length: 5 });
    expect(table.lookup('hello there', 0, 5)).toBe(table.lookup('xhellox', 1, 6));
    expect(table.lookup('help', 0, 4)).toEqual({ length: 4 });
    expect(described).toEqual(['hello', 'help']);
  });

  it('starts over when full, so a hostile vocabulary cannot grow it without bound', () => {
    const table = new WordTable((s) => s.toUpperCase(), 3);
    for (const word of ['a', 'b', 'c', 'd', 'e']) expect(table.lookup(word, 0, 1)).toBe(word.toUpperCase());
    expect((table as unknown as { keys: string[] }).keys.length).toBeLessThanOrEqual(3);
  });
});
