import { stemmer } from 'stemmer';
import { memoize } from '../memoize.js';
import { HASH_START, hashStep, WordTable } from './word-table.js';

// Words are compared by Porter stem, so a rule written once ("deport") matches its inflections
// (deported, deportation, deportations). Hyphens and punctuation separate words, so "face-recognition"
// reads like "face recognition". The raw spelling is kept for case-sensitive acronyms.

export interface Tokens {
  raw: string[];
  stem: string[];
  start: number[];
  end: number[];
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const STEM_CACHE_LIMIT = 50_000;

export function tokenize(text: string): Tokens {
  return tokenizeWith(text, stemTable).tokens;
}

/** What a caller keeps about a spelling: at least the spelling and its stem. */
export interface WordFacts {
  spelling: string;
  stem: string;
}

/**
 * Tokenizes and looks each word up once in `table` (a caller's cache by spelling), so a caller that needs
 * more than the stem (the tagger: its rule and model entries) pays one look-up per word. Words are runs
 * of letters and digits, with apostrophe-letter tails ("don't", "rock'n'roll"); a possessive 's is dropped.
 */
export function tokenizeWith<T extends WordFacts>(text: string, table: WordTable<T>): { tokens: Tokens; facts: T[] } {
  const tokens: Tokens = { raw: [], stem: [], start: [], end: [] };
  const facts: T[] = [];
  const add = (start: number, end: number, hashes?: WordHashes) => {
    // Possessives read as the noun: "Clearview's" is "Clearview".
    const possessive = end - start > 2 && text.charCodeAt(end - 2) === APOSTROPHE && (text.charCodeAt(end - 1) | 0x20) === S_LOWER;
    const wordEnd = possessive ? end - 2 : end;
    const known = hashes ? table.lookupHashed(text, start, wordEnd, possessive ? hashes.beforeLastTwo : hashes.whole) : table.lookup(text, start, wordEnd);
    facts.push(known);
    tokens.raw.push(known.spelling);
    tokens.stem.push(known.stem);
    tokens.start.push(start);
    tokens.end.push(end);
  };
  if (NON_ASCII.test(text)) {
    const words = new RegExp(WORD);
    for (let match = words.exec(text); match !== null; match = words.exec(text)) add(match.index, match.index + match[0].length);
  } else scanAscii(text, add);
  return { tokens, facts };
}

const APOSTROPHE = 0x27;
const S_LOWER = 0x73;

interface WordHashes {
  whole: number;
  /** The hash without the last two characters, for a possessive 's. */
  beforeLastTwo: number;
}

// The WORD pattern by hand for ASCII text (most feeds), where a regex match object per word is the cost;
// each word's hash is computed on the way, so the word table never reads its characters a second time.
function scanAscii(text: string, add: (start: number, end: number, hashes: WordHashes) => void): void {
  const n = text.length;
  const hashes: WordHashes = { whole: HASH_START, beforeLastTwo: HASH_START };
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    if (!isAlnum(code)) {
      i++;
      continue;
    }
    const start = i;
    let hash = HASH_START;
    let previous = HASH_START;
    let beforePrevious = HASH_START;
    // Letters and digits, then apostrophe-letter tails; `letters` is the class the current run allows.
    let letters = false;
    for (;;) {
      if (letters ? !isLetter(code) : !isAlnum(code)) {
        if (code !== APOSTROPHE || i + 1 >= n || !isLetter(text.charCodeAt(i + 1))) break;
        letters = true;
      }
      beforePrevious = previous;
      previous = hash;
      hash = hashStep(hash, code);
      i++;
      code = i < n ? text.charCodeAt(i) : -1;
    }
    hashes.whole = hash;
    hashes.beforeLastTwo = beforePrevious;
    add(start, i, hashes);
  }
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isAlnum(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39);
}

export const stemOf = memoize((lower) => stemmer(lower), STEM_CACHE_LIMIT);

// Keyed by the spelling as written, so a word seen before costs one lookup and no lowercasing.
export const stemOfSpelling = memoize((word) => stemOf(word.toLowerCase()), STEM_CACHE_LIMIT);
const stemTable = new WordTable<WordFacts>((spelling) => ({ spelling, stem: stemOfSpelling(spelling) }), STEM_CACHE_LIMIT);
