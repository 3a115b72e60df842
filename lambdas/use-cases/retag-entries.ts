import type { Entry, StoredEntry, TopicTag } from '../core/model.js';
import type { Clock, EntryStore, FeedStateStore } from '../core/ports.js';

export interface RetagDeps {
  entries: EntryStore;
  feedStates: FeedStateStore;
  tagEntry: (entry: Entry, topicHints: string[]) => TopicTag[];
  clock: Clock;
}

export interface RetagSummary {
  since: string;
  scanned: number;
  changed: number;
  added: Record<string, number>;
  removed: Record<string, number>;
}

/** Re-tags every entry first seen in the last `days` days and rewrites only those whose topics changed. */
export async function retagEntries(deps: RetagDeps, days: number): Promise<RetagSummary> {
  const since = new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString();
  const summary: RetagSummary = { since, scanned: 0, changed: 0, added: {}, removed: {} };
  const hints = new Map((await deps.feedStates.list()).map((s) => [s.feedId, s.topicHints]));
  for await (const entry of deps.entries.listSince(since)) {
    summary.scanned++;
    const topics = deps.tagEntry(entry, hints.get(entry.feedId) ?? []);
    const before = topicNames(entry.topics);
    const after = topicNames(topics);
    if (sameTopics(entry.topics, topics)) continue;
    await deps.entries.updateTopics(entry, topics);
    summary.changed++;
    for (const t of after) if (!before.has(t)) summary.added[t] = (summary.added[t] ?? 0) + 1;
    for (const t of before) if (!after.has(t)) summary.removed[t] = (summary.removed[t] ?? 0) + 1;
  }
  return summary;
}

function topicNames(tags: TopicTag[]): Set<string> {
  return new Set(tags.map((t) => t.topic));
}

/** Scores and evidence count too: a rule change that only alters the evidence still rewrites the entry. */
function sameTopics(a: StoredEntry['topics'], b: TopicTag[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
