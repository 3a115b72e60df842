import type { TagEvidence } from '../model.js';
import { EVIDENCE_LIMIT, scoreToProbability } from './learned.js';
import type { FeatureSpec, LearnedField, LearnedScore, TopicModel } from './learned.js';
import type { StemEntry } from './compile.js';
import type { Tokens } from './tokenize.js';

// The tagger's path through the learned models, built for speed: every topic's weights in one table
// (feature -> row, rows × topics), so an item's features are looked up once for all topics; the words it
// reads come from the rules' tokenization; and evidence is built only for a verdict that needs it.
// It computes exactly what learnedFeatures + scoreLearned compute (tests/unit/tag/learned-model.test.ts).

export interface LearnedIndex {
  spec: FeatureSpec;
  /** Scratch per row (slot of the row in the item being read, else -1): reused, so reading allocates little. */
  slotOfRow: Int32Array;
  scratch: ItemFeatures;
  /** rows × topics, row-major; 0 where a topic has no weight for the feature. */
  weights: Float64Array;
  /** Per topic, in config order; null for a topic tagged by its rules alone. */
  models: Array<TopicModel | null>;
}

/**
 * Builds the weight table and writes each feature's row into the entry of its (first) stem, the entry the
 * rules look up anyway: a stem's own row, and its pairs' rows by second stem, so no pair string is built.
 */
export function buildLearnedIndex(models: Array<TopicModel | null>, spec: FeatureSpec, entryOf: (stem: string) => StemEntry): LearnedIndex | null {
  if (models.every((m) => m === null)) return null;
  const all = new Map<string, number>();
  for (const model of models) for (const key of model?.weights.keys() ?? []) if (!all.has(key)) all.set(key, all.size);
  const weights = new Float64Array(all.size * models.length);
  models.forEach((model, t) => {
    for (const [key, w] of model?.weights ?? []) weights[all.get(key)! * models.length + t] = w;
  });
  for (const [key, row] of all) {
    const space = key.indexOf(' ');
    if (space < 0) entryOf(key).row = row;
    else {
      const first = entryOf(key.slice(0, space));
      const second = key.slice(space + 1);
      (first.next ??= new Map()).set(second, row);
      entryOf(second).endsPair = true;
    }
  }
  const scratch: ItemFeatures = { count: 0, row: new Int32Array(256), value: new Float64Array(256), field: new Uint8Array(256), at: new Int32Array(256), pair: new Uint8Array(256), tokens: [] };
  return { spec, slotOfRow: new Int32Array(all.size).fill(-1), scratch, weights, models };
}

const FIELDS: LearnedField[] = ['title', 'summary'];

// Shared by every verdict that lists no words (most of them): never written to, only read and copied.
const NO_WORDS: TagEvidence[] = [];

/**
 * The features of one item that some model weighs, in first-seen order, each at its strongest field.
 * The arrays are the index's scratch buffers, valid until the next item is read: scoring is synchronous.
 */
export interface ItemFeatures {
  count: number;
  row: Int32Array;
  value: Float64Array;
  /** Index into FIELDS / `tokens`. */
  field: Uint8Array;
  /** Token index of the (last) word; `pair` says whether the word before it belongs to the feature. */
  at: Int32Array;
  pair: Uint8Array;
  tokens: Array<Tokens | null>;
}

/** A field's words and what the tagger knows of each (its stem entry, if any), as the rules looked them up. */
export interface LookedUp {
  tokens: Tokens;
  facts: Array<{ entry: StemEntry | undefined }>;
}

export function itemFeatures(index: LearnedIndex, title: LookedUp | null, summary: LookedUp | null): ItemFeatures {
  const features = index.scratch;
  features.count = 0;
  features.tokens = [title?.tokens ?? null, summary?.tokens ?? null];
  const { slotOfRow } = index;
  const fields = [title, summary];
  for (let f = 0; f < FIELDS.length; f++) {
    const field = fields[f];
    if (!field) continue;
    const value = index.spec[FIELDS[f]!];
    const { stem } = field.tokens;
    ensureCapacity(index, features.count + 2 * stem.length);
    let previous: StemEntry | undefined;
    for (let i = 0; i < stem.length; i++) {
      const { entry } = field.facts[i]!;
      // Function words have no row of their own (training never weighs them alone), only pairs.
      if (entry !== undefined && entry.row >= 0) note(index.scratch, slotOfRow, entry.row, value, f, i, 0);
      // Most words end no weighed pair: the flag spares them a look-up in a scattered table.
      const pair = entry?.endsPair ? previous?.next?.get(stem[i]!) : undefined;
      if (pair !== undefined) note(index.scratch, slotOfRow, pair, value, f, i, 1);
      previous = entry;
    }
  }
  for (let k = 0; k < features.count; k++) slotOfRow[features.row[k]!] = -1;
  return features;
}

function note(features: ItemFeatures, slotOfRow: Int32Array, row: number, value: number, field: number, at: number, pair: number): void {
  let slot = slotOfRow[row]!;
  if (slot < 0) {
    slot = features.count++;
    slotOfRow[row] = slot;
  } else if (features.value[slot]! >= value) return;
  features.row[slot] = row;
  features.value[slot] = value;
  features.field[slot] = field;
  features.at[slot] = at;
  features.pair[slot] = pair;
}

function ensureCapacity(index: LearnedIndex, needed: number): void {
  const old = index.scratch;
  if (old.row.length >= needed) return;
  const size = Math.max(needed, old.row.length * 2);
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const b = make(size);
    b.set(a);
    return b;
  };
  index.scratch = {
    count: old.count,
    row: grow(old.row, (n) => new Int32Array(n)),
    value: grow(old.value, (n) => new Float64Array(n)),
    field: grow(old.field, (n) => new Uint8Array(n)),
    at: grow(old.at, (n) => new Int32Array(n)),
    pair: grow(old.pair, (n) => new Uint8Array(n)),
    tokens: old.tokens,
  };
}

/**
 * Every topic's verdict in one pass over the item's features; the words for and against a topic are
 * listed only when `detail` asks or the model assigns it (all the tagger stores).
 */
export function scoreModels(index: LearnedIndex, topicIds: string[], features: ItemFeatures, detail: boolean): Array<LearnedScore | null> {
  const { models, weights } = index;
  const topics = models.length;
  const z = models.map((m) => m?.bias ?? 0);
  for (let k = 0; k < features.count; k++) {
    const base = features.row[k]! * topics;
    const value = features.value[k]!;
    for (let t = 0; t < topics; t++) z[t]! += weights[base + t]! * value;
  }
  return models.map((model, t) => {
    if (!model) return null;
    const probability = scoreToProbability(z[t]!);
    const assigned = probability >= model.threshold;
    if (!detail && !assigned) return { probability, threshold: model.threshold, assigned, evidence: NO_WORDS, against: NO_WORDS };
    return { probability, threshold: model.threshold, assigned, ...wordsForAndAgainst(index, t, topicIds[t]!, features, detail) };
  });
}

function wordsForAndAgainst(index: LearnedIndex, t: number, topicId: string, features: ItemFeatures, detail: boolean): Pick<LearnedScore, 'evidence' | 'against'> {
  const topics = index.models.length;
  const weightOf = (k: number) => index.weights[features.row[k]! * topics + t]! * features.value[k]!;
  const evidenceOf = (k: number): TagEvidence => {
    const { raw } = features.tokens[features.field[k]!]!;
    const at = features.at[k]!;
    const phrase = features.pair[k] ? `${raw[at - 1]} ${raw[at]}` : raw[at]!;
    return { rule: `${topicId}.model`, phrase, field: FIELDS[features.field[k]!]!, weight: Math.round(weightOf(k) * 100) / 100 };
  };
  // The strongest few by selection, not a sort of every feature: the tagger runs this for each assignment.
  const strongest = (sign: 1 | -1): number[] => {
    const top: number[] = [];
    for (let k = 0; k < features.count; k++) {
      const w = sign * weightOf(k);
      if (w <= 0) continue;
      let at = top.length;
      while (at > 0 && sign * weightOf(top[at - 1]!) < w) at--;
      if (at < EVIDENCE_LIMIT) {
        top.splice(at, 0, k);
        if (top.length > EVIDENCE_LIMIT) top.pop();
      }
    }
    return top;
  };
  return { evidence: strongest(1).map(evidenceOf), against: detail ? strongest(-1).map(evidenceOf) : [] };
}
