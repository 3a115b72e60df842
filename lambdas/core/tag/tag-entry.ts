import { MAX_EVIDENCE_PER_TAG } from '../model.js';
import type { TagEvidence, TopicTag } from '../model.js';
import type { TagField } from '../config/topics.js';
import { cleanText } from './clean-text.js';
import type { CompiledTopic, CompiledTopics, Matcher } from './compile.js';
import { itemFeatures, scoreModels } from './learned-index.js';
import type { LookedUp } from './learned-index.js';
import { learnedFeatures } from './learned.js';
import type { Feature, FeatureSpec, LearnedScore } from './learned.js';
import { tokenizeWith } from './tokenize.js';
import type { Tokens } from './tokenize.js';

// Scoring: each distinct (rule, phrase, field) hit adds rule weight × field weight, so a story that
// repeats "deportation" ten times in its body does not outrank one that says it once in its headline.
// A hit counts only if no exclusion of its topic covers it and its rule's requires / unless contexts hold.

export interface TagInput {
  title?: string | null;
  summary?: string | null;
  content?: string | null;
  categories?: string[] | null;
}

export interface SuppressedHit {
  rule: string;
  phrase: string;
  field: TagField;
  reason: string;
}

export interface TopicScore {
  topic: string;
  label: string;
  threshold: number;
  /** Points from the rules. */
  score: number;
  /** The learned model's verdict, when the topic has one. */
  learned: LearnedScore | null;
  /** Rules score reached the threshold, or the model's probability reached its own. */
  assigned: boolean;
  hits: TagEvidence[];
  suppressed: SuppressedHit[];
}

interface RawHit {
  matcher: Matcher | { kind: 'rule'; topic: number; target: number; phrase: string; key: string };
  field: TagField;
  start: number;
  end: number;
  text: string;
}

// Bodies beyond this are mostly furniture the cleaner missed; the lede carries the topic anyway.
const MAX_FIELD_CHARS = 50_000;

export function tagEntry(compiled: CompiledTopics, input: TagInput): TopicTag[] {
  return scoreEntry(compiled, input, false)
    .filter((s) => s.assigned)
    .map((s) => {
      const all = s.learned?.assigned ? [...s.hits, ...s.learned.evidence] : s.hits;
      const evidence = all.sort((a, b) => b.weight - a.weight).slice(0, MAX_EVIDENCE_PER_TAG);
      return s.learned ? { topic: s.topic, score: s.score, evidence, probability: Math.round(s.learned.probability * 1000) / 1000 } : { topic: s.topic, score: s.score, evidence };
    });
}

/**
 * Every topic's score with the hits that counted and the ones that did not (and why), and the model's
 * words for and against: for --explain. With `detail` false the model's words are listed only for the
 * topics it assigns, which is all the tagger stores.
 */
export function scoreEntry(compiled: CompiledTopics, input: TagInput, detail = true): TopicScore[] {
  const hits: RawHit[] = [];
  const fields = fieldTexts(compiled, input);
  const lookedUp = fields.map(([field, text]) => (text ? collectHits(compiled, field, text, hits) : null));
  const byTopic: RawHit[][] = [];
  for (let t = 0; t < compiled.topics.length; t++) byTopic.push([]);
  for (const hit of hits) byTopic[hit.matcher.topic]!.push(hit);
  const { learned } = compiled;
  // The model reads headline and summary lead only: a body's passing mentions are for the rules' limits.
  const verdicts = learned ? scoreModels(learned, compiled.topicIds, itemFeatures(learned, lookedUp[0]!, lookedUp[1]!), detail) : null;
  return compiled.topics.map((topic, t) => scoreTopic(compiled, topic, byTopic[t]!, verdicts?.[t] ?? null));
}

/** What the learned models see of an item (headline and summary lead); training reads items through this. */
export function learnedFeaturesOf(compiled: Pick<CompiledTopics, 'contentLimits'>, input: TagInput, spec: FeatureSpec): Map<string, Feature> {
  const fields = fieldTexts(compiled, input);
  return learnedFeatures([['title', fields[0]![1]], ['summary', fields[1]![1]]], spec);
}

/** Cleaned text per field. Some feeds put the whole article in the summary: past its lead, it is body. */
function fieldTexts(compiled: Pick<CompiledTopics, 'contentLimits'>, input: TagInput): Array<[TagField, string]> {
  const clean = (raw: string | null | undefined) => cleanText(raw).slice(0, MAX_FIELD_CHARS);
  const summary = clean(input.summary);
  const lead = compiled.contentLimits.summaryLeadChars;
  let cut = summary.length;
  if (summary.length > lead) {
    const sentenceEnd = summary.slice(0, lead).search(/[.!?]\s[^.!?]*$/);
    cut = sentenceEnd > 0 ? sentenceEnd + 1 : lead;
  }
  return [
    ['title', clean(input.title)],
    ['summary', summary.slice(0, cut)],
    ['content', [summary.slice(cut), clean(input.content)].filter(Boolean).join('\n')],
    ['categories', clean((input.categories ?? []).join('\n'))],
  ];
}

/** Rule hits of one field into `out`; returns the field's words with their stem entries, for the models. */
function collectHits(compiled: CompiledTopics, field: TagField, text: string, out: RawHit[]): LookedUp {
  const { tokens, facts } = tokenizeWith(text, compiled.words);
  const { stem, start, end } = tokens;
  for (let i = 0; i < stem.length; i++) {
    const { entry, acronyms } = facts[i]!;
    if (entry) {
      for (const m of entry.single) if (matchesAt(m, tokens, i)) out.push({ matcher: m, field, start: start[i]!, end: end[i]!, text: text.slice(start[i], end[i]) });
      const longer = entry.byNext && i + 1 < stem.length ? entry.byNext.get(stem[i + 1]!) : undefined;
      if (longer) {
        for (const m of longer) {
          const last = i + m.rest.length;
          if (last < stem.length && matchesAt(m, tokens, i)) out.push({ matcher: m, field, start: start[i]!, end: end[last]!, text: text.slice(start[i], end[last]) });
        }
      }
    }
    if (acronyms) for (const m of acronyms) out.push({ matcher: m, field, start: start[i]!, end: end[i]!, text: tokens.raw[i]! });
  }
  collectPatternHits(compiled, field, text, out);
  return { tokens, facts };
}

function collectPatternHits(compiled: CompiledTopics, field: TagField, text: string, out: RawHit[]): void {
  if (compiled.anyPattern && !compiled.anyPattern.test(text)) return;
  for (let t = 0; t < compiled.topics.length; t++) {
    const { rules } = compiled.topics[t]!;
    for (let r = 0; r < rules.length; r++) {
      for (const re of rules[r]!.patterns) {
        // exec on the compiled pattern rather than matchAll, which clones the regex on every call.
        re.lastIndex = 0;
        for (let match = re.exec(text); match !== null; match = re.exec(text)) {
          if (match[0] === '') {
            re.lastIndex = nextCodePoint(text, re.lastIndex);
            continue;
          }
          out.push({ matcher: { kind: 'rule', topic: t, target: r, phrase: re.source, key: re.source }, field, start: match.index, end: match.index + match[0].length, text: match[0] });
        }
        re.lastIndex = 0;
      }
    }
  }
}

/** The index after the code point at `at`: how a unicode regex steps past an empty match. */
function nextCodePoint(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  return at + (pair ? 2 : 1);
}

/** Whether the phrase of `m`, whose first stem is the word at `i`, continues there with the right words. */
function matchesAt(m: Matcher, { stem, raw }: Tokens, i: number): boolean {
  for (let k = 0; k < m.rest.length; k++) if (stem[i + 1 + k] !== m.rest[k]) return false;
  for (let k = 0; k < m.minLength.length; k++) if (raw[i + k]!.length < m.minLength[k]!) return false;
  for (let k = 0; k < m.prefix.length; k++) if (m.prefix[k] !== '' && !raw[i + k]!.toLowerCase().startsWith(m.prefix[k]!)) return false;
  return true;
}

interface Candidate {
  hit: RawHit;
  ruleWeight: number;
  evidence: TagEvidence;
}

function scoreTopic(compiled: CompiledTopics, topic: CompiledTopic, hits: RawHit[], learned: LearnedScore | null): TopicScore {
  const result: TopicScore = { topic: topic.id, label: topic.label, threshold: topic.threshold, score: 0, learned, assigned: false, hits: [], suppressed: [] };
  const candidates = admitHits(compiled, topic, hits, result.suppressed);
  countHits(compiled, candidates, result);
  result.score = Math.round(result.hits.reduce((sum, h) => sum + h.weight, 0) * 100) / 100;
  result.assigned = result.score >= topic.threshold || (learned?.assigned ?? false);
  return result;
}

/** Rule hits that no exclusion covers and whose contexts hold; the others are explained in `suppressed`. */
function admitHits(compiled: CompiledTopics, topic: CompiledTopic, hits: RawHit[], suppressed: SuppressedHit[]): Candidate[] {
  const excluded = hits.filter((h) => h.matcher.kind === 'exclude');
  const exclusionOf = (h: RawHit) => excluded.find((x) => overlaps(x, h));
  const contextHits = hits.filter((h) => h.matcher.kind === 'context' && !exclusionOf(h));
  let allContexts: Set<string> | undefined;
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    if (hit.matcher.kind !== 'rule') continue;
    const rule = topic.rules[hit.matcher.target as number]!;
    const ruleName = `${topic.id}.${rule.id}`;
    const exclusion = exclusionOf(hit);
    // A term never vouches for itself: "ICE" in the enforcement context does not satisfy the ICE rule.
    const contexts = contextHits.some((c) => overlaps(c, hit)) ? contextNames(contextHits.filter((c) => !overlaps(c, hit))) : (allContexts ??= contextNames(contextHits));
    const reason = exclusion ? `inside exclusion "${exclusion.text}"` : whyContextFails(rule.requires, rule.unless, contexts);
    if (reason) suppressed.push({ rule: ruleName, phrase: hit.text, field: hit.field, reason });
    else candidates.push({ hit, ruleWeight: rule.weight, evidence: { rule: ruleName, phrase: hit.text, field: hit.field, weight: rule.weight * compiled.fieldWeights[hit.field] } });
  }
  return candidates;
}

function contextNames(contextHits: RawHit[]): Set<string> {
  return new Set(contextHits.map((c) => String(c.matcher.target)));
}

function countHits(compiled: CompiledTopics, candidates: Candidate[], result: TopicScore): void {
  // Strongest first; a word already counted for this topic does not count again through a weaker or
  // shorter rule ("face" inside "facial recognition"), and a repeated phrase counts once per field.
  candidates.sort((a, b) => b.evidence.weight - a.evidence.weight || b.hit.end - b.hit.start - (a.hit.end - a.hit.start));
  const accepted: RawHit[] = [];
  const seen = new Set<string>();
  const { decisiveWeight, supportingMax } = compiled.contentLimits;
  let supportingFromContent = 0;
  for (const { hit, ruleWeight, evidence } of candidates) {
    const key = `${evidence.rule}\u0000${hit.matcher.key}\u0000${hit.field}`;
    if (evidence.weight <= 0 || seen.has(key) || accepted.some((a) => overlaps(a, hit))) continue;
    seen.add(key);
    accepted.push(hit);
    // A long body mentions many words in passing: supporting rules add only a little from it in total.
    if (hit.field === 'content' && ruleWeight < decisiveWeight) {
      const weight = Math.min(evidence.weight, supportingMax - supportingFromContent);
      if (weight <= 0) {
        result.suppressed.push({ rule: evidence.rule, phrase: evidence.phrase, field: 'content', reason: `content limit of ${supportingMax} for supporting rules reached` });
        continue;
      }
      supportingFromContent += weight;
      evidence.weight = weight;
    }
    result.hits.push(evidence);
  }
}

function overlaps(a: RawHit, b: RawHit): boolean {
  return a.field === b.field && a.start < b.end && b.start < a.end;
}

function whyContextFails(requires: string[], unless: string[], present: Set<string>): string | null {
  const missing = requires.filter((name) => !present.has(name));
  if (missing.length > 0) return `needs context ${missing.join(', ')}`;
  const blocking = unless.filter((name) => present.has(name));
  return blocking.length > 0 ? `blocked by context ${blocking.join(', ')}` : null;
}

/** The pipeline's tagging stage. Feed topic hints are not scored: every tag must be explained by the text. */
export type Tagger = (entry: TagInput, topicHints?: string[]) => TopicTag[];

export function createTagger(compiled: CompiledTopics): Tagger {
  return (entry) => tagEntry(compiled, entry);
}
