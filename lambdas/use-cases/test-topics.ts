import { describeEvidence } from '../core/render/evidence-text.js';
import type { StoredEntry, TopicTag } from '../core/model.js';
import type { Clock, EntryStore } from '../core/ports.js';
import type { Tagger } from '../core/tag/index.js';

// topics test: the dry run an admin runs before a retag. Re-tags stored entries in memory with the
// current rules and reports, per topic, which entries would gain or lose it, with a few examples.
// It never writes.

export interface TopicTestDeps {
  entries: EntryStore;
  tagEntry: Tagger;
  clock: Clock;
}

export interface ChangeExample {
  feedId: string;
  entryId: string;
  title: string;
  /** Evidence of the new tag (added) or of the old one (removed), as an editor reads it. */
  evidence: string;
}

export interface TopicChanges {
  topic: string;
  before: number;
  after: number;
  added: number;
  removed: number;
  addedExamples: ChangeExample[];
  removedExamples: ChangeExample[];
}

export interface TopicTestReport {
  since: string;
  scanned: number;
  changedEntries: number;
  topics: TopicChanges[];
}

export async function testTopics(deps: TopicTestDeps, options: { since: string; topics: string[]; examples?: number }): Promise<TopicTestReport> {
  const max = options.examples ?? 3;
  const report: TopicTestReport = { since: options.since, scanned: 0, changedEntries: 0, topics: [] };
  const byTopic = new Map<string, TopicChanges>();
  const changesOf = (topic: string) => {
    let c = byTopic.get(topic);
    if (!c) byTopic.set(topic, (c = { topic, before: 0, after: 0, added: 0, removed: 0, addedExamples: [], removedExamples: [] }));
    return c;
  };
  for (const topic of options.topics) changesOf(topic);
  for await (const entry of deps.entries.listSince(options.since)) {
    report.scanned++;
    const after = deps.tagEntry(entry);
    let changed = false;
    for (const { topic, kind, tag } of diffTopics(entry.topics, after)) {
      const c = changesOf(topic);
      if (kind !== 'added') c.before++;
      if (kind !== 'removed') c.after++;
      if (kind === 'kept') continue;
      changed = true;
      c[kind]++;
      const examples = kind === 'added' ? c.addedExamples : c.removedExamples;
      if (examples.length < max) examples.push(exampleOf(entry, tag));
    }
    if (changed) report.changedEntries++;
  }
  report.topics = [...byTopic.values()];
  return report;
}

export function diffTopics(before: TopicTag[], after: TopicTag[]): Array<{ topic: string; kind: 'added' | 'removed' | 'kept'; tag: TopicTag }> {
  const old = new Map(before.map((t) => [t.topic, t]));
  const now = new Map(after.map((t) => [t.topic, t]));
  return [
    ...after.map((tag) => ({ topic: tag.topic, kind: old.has(tag.topic) ? ('kept' as const) : ('added' as const), tag })),
    ...before.filter((tag) => !now.has(tag.topic)).map((tag) => ({ topic: tag.topic, kind: 'removed' as const, tag })),
  ];
}

function exampleOf(entry: StoredEntry, tag: TopicTag): ChangeExample {
  return { feedId: entry.feedId, entryId: entry.id, title: entry.title ?? '(untitled)', evidence: tag.evidence.length ? describeEvidence(tag) : '(no evidence stored)' };
}

/** "7d", "12h", "30m" before now, as ISO-8601; throws a RangeError naming the bad value. */
export function sinceFromDuration(spec: string, clock: Clock): string {
  const match = /^(\d+)\s*([dhm])$/.exec(spec.trim());
  if (!match) throw new RangeError(`invalid duration "${spec}": use a number with d, h or m, e.g. 7d`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return new Date(clock.now().getTime() - Number(match[1]) * unit).toISOString();
}
