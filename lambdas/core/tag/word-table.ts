// A cache from spelling to what a caller knows about it, looked up by a slice of the text without cutting
// the slice out: the tokenizer hashes the characters in place and compares them against the stored
// spelling, so a word seen before costs no string allocation and no Map hashing of a fresh string. That
// is where a third of tagging time went (one cache look-up per word of every item).

const EMPTY = -1;

export class WordTable<T> {
  private keys: string[] = [];
  private values: T[] = [];
  private hashes: Int32Array;
  private slots: Int32Array;
  private readonly mask: number;

  /**
   * @param describe what to keep for a spelling not seen before
   * @param limit entries kept before the table starts over, which bounds memory on hostile vocabularies
   */
  constructor(
    private readonly describe: (spelling: string) => T,
    private readonly limit = 50_000,
  ) {
    let size = 1;
    while (size < limit * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(size);
  }

  /** What is known of `text.slice(start, end)`. */
  lookup(text: string, start: number, end: number): T {
    return this.lookupHashed(text, start, end, hashRange(text, start, end));
  }

  /** The same, for a caller that computed `hashRange(text, start, end)` while scanning. */
  lookupHashed(text: string, start: number, end: number, hash: number): T {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot]!;
      if (index === EMPTY) return this.insert(slot, hash, text.slice(start, end));
      if (this.hashes[slot] === hash) {
        const key = this.keys[index]!;
        if (key.length === length && sameRange(key, text, start)) return this.values[index]!;
      }
    }
  }

  private insert(slot: number, hash: number, spelling: string): T {
    const value = this.describe(spelling);
    if (this.keys.length >= this.limit) {
      this.keys = [];
      this.values = [];
      this.slots.fill(EMPTY);
      slot = hash & this.mask;
    }
    this.slots[slot] = this.keys.length;
    this.hashes[slot] = hash;
    this.keys.push(spelling);
    this.values.push(value);
    return value;
  }
}

/** FNV-1a over UTF-16 code units, one step at a time (a scanner hashes as it reads). */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);

export function hashRange(text: string, start: number, end: number): number {
  let hash = HASH_START;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

function sameRange(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
