import type { LearnedModels } from '../config/topic-model.js';
import type { TagField, TopicsConfig } from '../config/topics.js';
import { buildLearnedIndex } from './learned-index.js';
import type { LearnedIndex } from './learned-index.js';
import type { TopicModel } from './learned.js';
import { stemOf, stemOfSpelling, tokenize } from './tokenize.js';
import type { WordFacts } from './tokenize.js';
import { WordTable } from './word-table.js';

const WORD_CACHE_LIMIT = 50_000;

// Rules are compiled once into two lookup tables shared by all topics (first stem of a phrase, exact
// acronym), so tagging is one pass over the words of each field, whatever the number of rules.

export type MatcherKind = 'rule' | 'context' | 'exclude';

export interface Matcher {
  kind: MatcherKind;
  topic: number;
  /** Rule index for 'rule', context name for 'context', unused for 'exclude'. */
  target: number | string;
  /** Stems after the first (phrases), or empty for a one-word phrase or an acronym. */
  rest: string[];
  /** Shortest accepted length per word, so a stem collision ("accounts" vs "accountability") is no hit. */
  minLength: number[];
  /** Per word, a lowercase prefix the text word must start with when the stemmer cut a long suffix, else ''. */
  prefix: string[];
  /** The phrase's stems joined: one hit per rule, field and key however many spellings are configured. */
  key: string;
  /** The configured phrase, for evidence keys. */
  phrase: string;
}

export interface CompiledRule {
  id: string;
  weight: number;
  requires: string[];
  unless: string[];
  patterns: RegExp[];
}

export interface CompiledTopic {
  id: string;
  label: string;
  description: string | null;
  threshold: number;
  rules: CompiledRule[];
  /** Learned weights from config/topics.model.json; null when the topic is tagged by its rules alone. */
  model: TopicModel | null;
}

/** Everything a word's stem can start: rule phrases, and the learned models' features (one look-up serves both). */
export interface StemEntry {
  /** One-word phrases starting (and ending) here. */
  single: Matcher[];
  /** Longer phrases starting here, by their second stem: a common first word ("AI") starts a hundred. */
  byNext: Map<string, Matcher[]> | null;
  /** The learned-model row of the stem on its own, or -1. */
  row: number;
  /** Learned-model rows of the stem pairs it starts, by second stem. */
  next: Map<string, number> | null;
  /** Whether some weighed pair ends with this stem. */
  endsPair: boolean;
}

/** What the tagger knows about one spelling: its stem, the stem's entry and the exact-word (acronym) rules. */
export interface WordEntry extends WordFacts {
  entry: StemEntry | undefined;
  acronyms: Matcher[] | undefined;
}

export interface CompiledTopics {
  topics: CompiledTopic[];
  topicIds: string[];
  fieldWeights: Record<TagField, number>;
  contentLimits: { decisiveWeight: number; supportingMax: number; summaryLeadChars: number };
  byStem: Map<string, StemEntry>;
  byAcronym: Map<string, Matcher[]>;
  /** All topics' learned weights in one table; null when no topic has a model. */
  learned: LearnedIndex | null;
  /**
   * Every rule pattern in one alternation, tested once per field: most fields match none, and one scan
   * is about three times cheaper than one per pattern. Null when there is none to join.
   */
  anyPattern: RegExp | null;
  /** Per spelling seen, its WordEntry: one look-up per word instead of three (stem, phrases, acronyms). */
  words: WordTable<WordEntry>;
}

// Porter stems conflate some unrelated words (accountable -> account, explainability -> explain): a word
// much shorter than the configured one is another word, and when the stemmer cut a long derivational
// suffix (-able, -ative) the text word must keep two letters after the stem ("accountab…", not "accounts";
// "generat…", not "general").
const MAX_SHORTER_BY = 3;
const LONG_SUFFIX = 3;

export function compileTopics(config: TopicsConfig, learned: LearnedModels | null = null): CompiledTopics {
  const compiled: CompiledTopics = {
    topics: [],
    topicIds: config.topics.map((t) => t.id),
    fieldWeights: { ...config.fieldWeights },
    contentLimits: { ...config.contentLimits },
    byStem: new Map(),
    byAcronym: new Map(),
    learned: null,
    anyPattern: null,
    // Looked up only once compiling is done, so every entry it reads is final. Bounded like the stem
    // cache, against hostile vocabularies.
    words: new WordTable((spelling) => {
      const stem = stemOfSpelling(spelling);
      return { spelling, stem, entry: compiled.byStem.get(stem), acronyms: compiled.byAcronym.get(spelling) };
    }, WORD_CACHE_LIMIT),
  };
  config.topics.forEach((topic, t) => {
    compiled.topics.push({
      id: topic.id,
      label: topic.label,
      description: topic.description ?? null,
      threshold: topic.threshold,
      rules: topic.rules.map((rule) => ({
        id: rule.id,
        weight: rule.weight,
        requires: rule.requires,
        unless: rule.unless,
        patterns: rule.patterns.map((source) => new RegExp(source, 'gu')),
      })),
      model: learned?.byTopic.get(topic.id) ?? null,
    });
    topic.rules.forEach((rule, r) => {
      for (const phrase of rule.phrases) addPhrase(compiled, { kind: 'rule', topic: t, target: r, phrase });
      for (const acronym of rule.acronyms) addAcronym(compiled, { kind: 'rule', topic: t, target: r, phrase: acronym });
    });
    for (const [name, context] of Object.entries(topic.contexts)) {
      for (const phrase of context.phrases) addPhrase(compiled, { kind: 'context', topic: t, target: name, phrase });
      for (const acronym of context.acronyms) addAcronym(compiled, { kind: 'context', topic: t, target: name, phrase: acronym });
    }
    for (const phrase of topic.exclude) addPhrase(compiled, { kind: 'exclude', topic: t, target: -1, phrase });
  });
  compiled.anyPattern = joinPatterns(compiled.topics);
  if (learned) compiled.learned = buildLearnedIndex(compiled.topics.map((t) => t.model), learned.spec, (stem) => stemEntry(compiled, stem));
  return compiled;
}

/**
 * Every rule pattern as one alternation. Each pattern passed the safety check on its own and alternation
 * adds no nesting; two patterns with the same group name cannot be joined, and then (null) every pattern
 * simply runs on every field.
 */
function joinPatterns(topics: CompiledTopic[]): RegExp | null {
  const patterns = topics.flatMap((t) => t.rules.flatMap((r) => r.patterns.map((re) => `(?:${re.source})`)));
  if (patterns.length === 0) return null;
  try {
    return new RegExp(patterns.join('|'), 'u');
  } catch {
    return null;
  }
}

type MatcherSpec = Pick<Matcher, 'kind' | 'topic' | 'target' | 'phrase'>;

function addPhrase(compiled: CompiledTopics, spec: MatcherSpec): void {
  const { raw, stem } = tokenize(spec.phrase);
  const [first, ...rest] = stem;
  if (first === undefined) return;
  const minLength = raw.map((word) => Math.min(word.length, Math.max(stemOf(word.toLowerCase()).length, word.length - MAX_SHORTER_BY)));
  const prefix = raw.map((word) => {
    const stemLength = stemOf(word.toLowerCase()).length;
    return word.length - stemLength > LONG_SUFFIX ? word.toLowerCase().slice(0, stemLength + 2) : '';
  });
  const entry = stemEntry(compiled, first);
  const matcher = { ...spec, rest, minLength, prefix, key: stem.join(' ') };
  if (rest.length === 0) pushMatcher(entry.single, matcher);
  else {
    entry.byNext ??= new Map();
    const list = entry.byNext.get(rest[0]!) ?? [];
    entry.byNext.set(rest[0]!, list);
    pushMatcher(list, matcher);
  }
}

function stemEntry(compiled: CompiledTopics, stem: string): StemEntry {
  let entry = compiled.byStem.get(stem);
  if (!entry) compiled.byStem.set(stem, (entry = { single: [], byNext: null, row: -1, next: null, endsPair: false }));
  return entry;
}

function addAcronym(compiled: CompiledTopics, spec: MatcherSpec): void {
  const list = compiled.byAcronym.get(spec.phrase) ?? [];
  compiled.byAcronym.set(spec.phrase, list);
  pushMatcher(list, { ...spec, rest: [], minLength: [0], prefix: [''], key: spec.phrase });
}

function pushMatcher(list: Matcher[], matcher: Matcher): void {
  // Two spellings of one phrase in one rule ("face-recognition", "face recognition") are one matcher;
  // "immigration" and "immigrant" share a stem but not their length limits, so both stay.
  const same = (m: Matcher) =>
    m.kind === matcher.kind && m.topic === matcher.topic && m.target === matcher.target && m.key === matcher.key && String(m.prefix) === String(matcher.prefix) && String(m.minLength) === String(matcher.minLength);
  if (!list.some(same)) list.push(matcher);
}
