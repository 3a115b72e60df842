import type { Feature, TopicModel } from './learned.js';

// Fits one topic's weights: L2-regularized logistic regression, classes weighted to equal mass (a topic
// has far fewer positives than negatives), optimized with Adam over full batches. Deterministic: the same
// items give the same weights, so a retrained config/topics.model.json diffs only where the data changed.

export interface TrainOptions {
  /** Features seen in fewer items are dropped: a word met once is that item's, not the topic's. */
  minCount: number;
  l2: number;
  epochs: number;
  learningRate: number;
  threshold: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { minCount: 2, l2: 1e-4, epochs: 300, learningRate: 0.05, threshold: 0.6 };

export interface TrainingExample {
  features: Map<string, Feature>;
  positive: boolean;
}

export function trainTopicModel(examples: TrainingExample[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TopicModel {
  const { index, rows } = sparseRows(examples, options.minCount);
  const n = rows.length;
  const positives = examples.filter((e) => e.positive).length;
  if (positives === 0 || positives === n) throw new Error(`needs both positive and negative examples (has ${positives} of ${n} positive)`);
  const classWeight = [n / (2 * (n - positives)), n / (2 * positives)];
  const weights = new Float64Array(index.size + 1); // the last one is the bias
  const bias = index.size;
  const m1 = new Float64Array(weights.length);
  const m2 = new Float64Array(weights.length);
  const gradient = new Float64Array(weights.length);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    gradient.fill(0);
    rows.forEach(({ keys, values }, i) => {
      let z = weights[bias]!;
      for (let k = 0; k < keys.length; k++) z += weights[keys[k]!]! * values[k]!;
      const label = examples[i]!.positive ? 1 : 0;
      const error = (1 / (1 + Math.exp(-z)) - label) * classWeight[label]!;
      for (let k = 0; k < keys.length; k++) gradient[keys[k]!]! += error * values[k]!;
      gradient[bias]! += error;
    });
    for (let j = 0; j < weights.length; j++) {
      const g = gradient[j]! / n + (j === bias ? 0 : options.l2 * weights[j]!);
      m1[j] = 0.9 * m1[j]! + 0.1 * g;
      m2[j] = 0.999 * m2[j]! + 0.001 * g * g;
      weights[j]! -= (options.learningRate * (m1[j]! / (1 - 0.9 ** epoch))) / (Math.sqrt(m2[j]! / (1 - 0.999 ** epoch)) + 1e-8);
    }
  }
  const fitted = new Map<string, number>();
  for (const [key, j] of index) fitted.set(key, weights[j]!);
  return { bias: weights[bias]!, weights: fitted, threshold: options.threshold };
}

function sparseRows(examples: TrainingExample[], minCount: number) {
  const counts = new Map<string, number>();
  for (const { features } of examples) for (const key of features.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [key, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (count >= minCount) index.set(key, index.size);
  const rows = examples.map(({ features }) => {
    const keys: number[] = [];
    const values: number[] = [];
    for (const [key, feature] of features) {
      const j = index.get(key);
      if (j !== undefined) {
        keys.push(j);
        values.push(feature.value);
      }
    }
    return { keys, values };
  });
  return { index, rows };
}
