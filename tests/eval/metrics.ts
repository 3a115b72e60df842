// Precision / recall / F1 per topic and macro-F1 (the unweighted mean of per-topic F1).

export interface LabelledItem {
  id: string;
  part: number;
  title: string;
  summary: string;
  content?: string;
  topics: string[];
}

export interface TopicMetrics {
  topic: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface DatasetReport {
  perTopic: TopicMetrics[];
  macroF1: number;
  errors: Array<{ id: string; topic: string; kind: 'false-positive' | 'false-negative'; title: string }>;
}

export function scoreDataset(items: LabelledItem[], topics: string[], predict: (item: LabelledItem) => string[]): DatasetReport {
  const counts = new Map(topics.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const errors: DatasetReport['errors'] = [];
  for (const item of items) {
    const predicted = new Set(predict(item));
    for (const topic of topics) {
      const c = counts.get(topic)!;
      const expected = item.topics.includes(topic);
      const got = predicted.has(topic);
      if (expected && got) c.tp++;
      else if (got) {
        c.fp++;
        errors.push({ id: item.id, topic, kind: 'false-positive', title: item.title });
      } else if (expected) {
        c.fn++;
        errors.push({ id: item.id, topic, kind: 'false-negative', title: item.title });
      }
    }
  }
  const perTopic = topics.map((topic) => {
    const { tp, fp, fn } = counts.get(topic)!;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { topic, tp, fp, fn, precision, recall, f1 };
  });
  const macroF1 = perTopic.reduce((sum, t) => sum + t.f1, 0) / Math.max(1, perTopic.length);
  return { perTopic, macroF1, errors };
}
