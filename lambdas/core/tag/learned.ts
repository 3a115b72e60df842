import type { TagEvidence } from '../model.js';
import { stemOf, tokenize } from './tokenize.js';

// The learned half of tagging: per topic, a weight for each word stem and each pair of adjacent stems,
// fitted by logistic regression on the labelled items (`topicwire topics train`). Hand rules know only the
// words an admin thought of; on news written by other people the learned weights found about half of the
// stories the rules missed (docs/topics.md, Quality). The model stays linear so every decision is a sum an
// editor can read: "title 'migrants' +1.9, summary 'asylum' +1.2".

/** The fields the model reads: headline and summary lead. Bodies are left to the rules (see tag-entry). */
export type LearnedField = 'title' | 'summary';

export interface FeatureSpec {
  /** Feature value of a stem seen in the headline, and in the summary. */
  title: number;
  summary: number;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { title: 1, summary: 0.6 };

/** One topic's fitted weights. */
export interface TopicModel {
  bias: number;
  weights: Map<string, number>;
  /** Probability at or above which the model assigns the topic on its own. */
  threshold: number;
}

export interface Feature {
  value: number;
  field: LearnedField;
  /** The words as they appeared, for evidence. */
  text: string;
}

// Words too common to say anything about a topic on their own; they still form pairs ("the border").
const STOP_STEMS = new Set(
  'the a an of to and in for on is was said with he as it its by at from his be has are have but were not this who they had which will their or one after new been also we would more than that'
    .split(' ')
    .map((word) => stemOf(word)),
);

export const isStopStem = (stem: string): boolean => STOP_STEMS.has(stem);

export const scoreToProbability = (z: number): number => 1 / (1 + Math.exp(-z));

/** Words for (and against) a verdict shown per topic: enough to explain it, few enough to store. */
export const EVIDENCE_LIMIT = 3;

/** Stems and adjacent stem pairs of each field, each with its strongest field value. */
export function learnedFeatures(fields: Array<[LearnedField, string]>, spec: FeatureSpec = DEFAULT_FEATURE_SPEC): Map<string, Feature> {
  const features = new Map<string, Feature>();
  const add = (key: string, value: number, field: LearnedField, text: string) => {
    const known = features.get(key);
    if (!known || known.value < value) features.set(key, { value, field, text });
  };
  for (const [field, text] of fields) {
    if (!text) continue;
    const value = spec[field];
    const { stem, raw } = tokenize(text);
    for (let i = 0; i < stem.length; i++) {
      if (!isStopStem(stem[i]!)) add(stem[i]!, value, field, raw[i]!);
      if (i > 0) add(`${stem[i - 1]} ${stem[i]}`, value, field, `${raw[i - 1]} ${raw[i]}`);
    }
  }
  return features;
}

export interface LearnedScore {
  probability: number;
  threshold: number;
  assigned: boolean;
  /** The features that pushed towards the topic, strongest first. */
  evidence: TagEvidence[];
  /** The features that pushed away from it, strongest first (for --explain). */
  against: TagEvidence[];
}

export function scoreLearned(topicId: string, model: TopicModel, features: Map<string, Feature>): LearnedScore {
  let z = model.bias;
  const contributions: TagEvidence[] = [];
  for (const [key, feature] of features) {
    const weight = model.weights.get(key);
    if (weight === undefined) continue;
    const contribution = weight * feature.value;
    z += contribution;
    contributions.push({ rule: `${topicId}.model`, phrase: feature.text, field: feature.field, weight: contribution });
  }
  contributions.sort((a, b) => b.weight - a.weight);
  const rounded = (e: TagEvidence) => ({ ...e, weight: Math.round(e.weight * 100) / 100 });
  const evidence = contributions.filter((e) => e.weight > 0).slice(0, EVIDENCE_LIMIT).map(rounded);
  const against = contributions
    .filter((e) => e.weight < 0)
    .sort((a, b) => a.weight - b.weight)
    .slice(0, EVIDENCE_LIMIT)
    .map(rounded);
  const probability = scoreToProbability(z);
  return { probability, threshold: model.threshold, assigned: probability >= model.threshold, evidence, against };
}
