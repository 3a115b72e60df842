import type { StoredEntry, TopicTag } from '../../lambdas/core/model.js';
import type { EntryStore, PutOutcome } from '../../lambdas/core/ports.js';

/** EntryStore in a Map, for use-case tests; counts topic writes so idempotency can be asserted. */
export class MemoryEntryStore implements EntryStore {
  readonly entries = new Map<string, StoredEntry>();
  topicWrites = 0;

  constructor(initial: StoredEntry[] = []) {
    for (const entry of initial) this.entries.set(keyOf(entry), structuredClone(entry));
  }

  async existingIds(feedId: string, entryIds: string[]): Promise<Set<string>> {
    return new Set(entryIds.filter((id) => this.entries.has(`${feedId}\u0000${id}`)));
  }

  async putEntries(entries: StoredEntry[]): Promise<Map<string, PutOutcome>> {
    const outcomes = new Map<string, PutOutcome>();
    for (const entry of entries) {
      const exists = this.entries.has(keyOf(entry));
      if (!exists) this.entries.set(keyOf(entry), structuredClone(entry));
      outcomes.set(entry.id, exists ? 'duplicate' : 'created');
    }
    return outcomes;
  }

  async listByTopic(topic: string, sinceIso: string, limit: number): Promise<StoredEntry[]> {
    return this.newestFirst()
      .filter((e) => e.firstSeenAt >= sinceIso && e.topics.some((t) => t.topic === topic))
      .slice(0, limit);
  }

  async *listSince(sinceIso: string): AsyncIterable<StoredEntry> {
    for (const entry of this.newestFirst()) if (entry.firstSeenAt >= sinceIso) yield structuredClone(entry);
  }

  async updateTopics(entry: StoredEntry, topics: TopicTag[]): Promise<void> {
    const stored = this.entries.get(keyOf(entry));
    if (!stored) throw new Error(`no stored entry ${entry.feedId}/${entry.id}`);
    stored.topics = structuredClone(topics);
    this.topicWrites++;
  }

  private newestFirst(): StoredEntry[] {
    return [...this.entries.values()].sort((a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt));
  }
}

function keyOf(entry: Pick<StoredEntry, 'feedId' | 'id'>): string {
  return `${entry.feedId}\u0000${entry.id}`;
}
