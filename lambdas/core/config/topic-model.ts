import * as z from 'zod';
import { ConfigError } from '../errors.js';
import type { FeatureSpec, TopicModel } from '../tag/learned.js';

// config/topics.model.json: the learned weights, written by `topicwire topics train` from the labelled
// items and read beside topics.yaml. Generated, never edited by hand; it is JSON rather than YAML because
// it holds thousands of numbers. A topic it does not mention is tagged by its rules alone.

// Tens of thousands of weights: checked with one loop, since a per-entry schema costs ~100 ms at cold start.
const weightsSchema = z.custom<Record<string, number>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((w) => typeof w === 'number' && Number.isFinite(w)),
  'must be an object of finite numbers (feature -> weight)',
);

const topicModelSchema = z.strictObject({
  threshold: z.number().gt(0).lt(1).describe('Probability at or above which the model assigns the topic.'),
  bias: z.number().finite(),
  weights: weightsSchema,
});

export const topicModelFileSchema = z.strictObject({
  about: z.string().optional(),
  trainedOn: z.strictObject({ file: z.string(), items: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  features: z.strictObject({ title: z.number().min(0), summary: z.number().min(0) }),
  options: z.record(z.string(), z.number()).optional(),
  topics: z.record(z.string(), topicModelSchema),
});

export type TopicModelFile = z.output<typeof topicModelFileSchema>;

export interface LearnedModels {
  spec: FeatureSpec;
  byTopic: Map<string, TopicModel>;
}

/** Validates the model file against the topics it must belong to; throws ConfigError naming file and key. */
export function parseTopicModelFile(file: string, text: string, topicIds: string[]): LearnedModels {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message} (regenerate it with \`topicwire topics train\`)`);
  }
  const parsed = topicModelFileSchema.safeParse(json);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (parsed.success) {
    for (const id of Object.keys(parsed.data.topics)) {
      if (!topicIds.includes(id)) problems.push(`${file}: topics.${id}: not a topic in topics.yaml (retrain with \`topicwire topics train\`, or remove it)`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems.join('\n'));
  const byTopic = new Map<string, TopicModel>();
  for (const [id, model] of Object.entries(parsed.data.topics)) {
    byTopic.set(id, { bias: model.bias, threshold: model.threshold, weights: new Map(Object.entries(model.weights)) });
  }
  return { spec: parsed.data.features, byTopic };
}

// Weights under 0.1 change no verdict out of sample (eval:topics reads models through this file: the
// later-author view scores 0.937 with and without them) and are over half the entries; leaving them out
// makes the file 0.3 MB instead of 0.9 and the tagger's tables small enough to stay in cache.
const NEGLIGIBLE_WEIGHT = 0.1;

/** The file's text: keys sorted and weights rounded, so retraining on the same data writes the same bytes. */
export function serializeTopicModelFile(file: Omit<TopicModelFile, 'topics'>, models: Map<string, TopicModel>): string {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const topics: TopicModelFile['topics'] = {};
  for (const [id, model] of models) {
    const weights: Record<string, number> = {};
    for (const key of [...model.weights.keys()].sort()) {
      const w = model.weights.get(key)!;
      if (Math.abs(w) >= NEGLIGIBLE_WEIGHT) weights[key] = round(w);
    }
    topics[id] = { threshold: model.threshold, bias: round(model.bias), weights };
  }
  return `${JSON.stringify({ ...file, topics }, null, 1)}\n`;
}
