import { stemmer } from 'stemmer';
import { memoize } from '../memoize.js';

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
const STEM_CACHE_LIMIT = 50_000;

export function tokenize(text: string): Tokens {
  return tokenizeWith(text, factsOfSpelling).tokens;
}

/** What a caller keeps about a spelling; at least its stem. */
export interface WordFacts {
  stem: string;
}

/**
 * Tokenizes and looks each word up once in `factsOf` (a caller's cache keyed by spelling), so a caller
 * that needs more than the stem (the tagger: its rule and model entries) pays one look-up per word.
 */
export function tokenizeWith<T extends WordFacts>(text: string, factsOf: (word: string) => T): { tokens: Tokens; facts: T[] } {
  const tokens: Tokens = { raw: [], stem: [], start: [], end: [] };
  const facts: T[] = [];
  const words = new RegExp(WORD);
  for (let match = words.exec(text); match !== null; match = words.exec(text)) {
    let word = match[0];
    // Possessives read as the noun: "Clearview's" is "Clearview".
    if (word.endsWith("'s") || word.endsWith("'S")) word = word.slice(0, -2);
    const known = factsOf(word);
    facts.push(known);
    tokens.raw.push(word);
    tokens.stem.push(known.stem);
    tokens.start.push(match.index);
    tokens.end.push(match.index + match[0].length);
  }
  return { tokens, facts };
}

export const stemOf = memoize((lower) => stemmer(lower), STEM_CACHE_LIMIT);

// Keyed by the spelling as written, so a word seen before costs one lookup and no lowercasing.
export const stemOfSpelling = memoize((word) => stemOf(word.toLowerCase()), STEM_CACHE_LIMIT);
const factsOfSpelling = memoize((word) => ({ stem: stemOfSpelling(word) }), STEM_CACHE_LIMIT);
