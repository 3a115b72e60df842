import type { LabelledItem } from '../core/config/labelled-items.js';
import type { TopicsConfig } from '../core/config/topics.js';
import { DEFAULT_FEATURE_SPEC, DEFAULT_TRAIN_OPTIONS, learnedFeaturesOf, trainTopicModel } from '../core/tag/index.js';
import type { FeatureSpec, TopicModel, TrainOptions } from '../core/tag/index.js';

// `topicwire topics train`: one model per topic of topics.yaml, learned from the labelled items. A topic
// with too few labelled examples gets no model and keeps tagging by its rules alone.

/** Below this many positives (or negatives) a model would learn the examples' words, not the topic's. */
export const MIN_EXAMPLES_PER_CLASS = 20;

export interface TrainedTopics {
  models: Map<string, TopicModel>;
  /** Per topic: positives in the data, or why no model was trained. */
  report: Array<{ topic: string; positives: number; features: number | null; skipped: string | null }>;
}

export function trainTopicModels(
  config: Pick<TopicsConfig, 'topics' | 'contentLimits'>,
  items: LabelledItem[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
): TrainedTopics {
  const features = items.map((item) => learnedFeaturesOf(config, item, spec));
  const models = new Map<string, TopicModel>();
  const report: TrainedTopics['report'] = [];
  for (const topic of config.topics) {
    const positives = items.filter((item) => item.topics.includes(topic.id)).length;
    const negatives = items.length - positives;
    if (Math.min(positives, negatives) < MIN_EXAMPLES_PER_CLASS) {
      report.push({ topic: topic.id, positives, features: null, skipped: `needs at least ${MIN_EXAMPLES_PER_CLASS} labelled items with and without the topic (has ${positives} with, ${negatives} without); tagged by rules alone` });
      continue;
    }
    const model = trainTopicModel(
      items.map((item, i) => ({ features: features[i]!, positive: item.topics.includes(topic.id) })),
      options,
    );
    models.set(topic.id, model);
    report.push({ topic: topic.id, positives, features: model.weights.size, skipped: null });
  }
  return { models, report };
}
