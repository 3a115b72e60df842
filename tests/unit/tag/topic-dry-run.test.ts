import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadTopics } from '../../../lambdas/adapters/fs/topics-config.js';
import type { Tagger } from '../../../lambdas/core/tag/index.js';
import type { Clock } from '../../../lambdas/core/ports.js';
import { retagEntries } from '../../../lambdas/use-cases/retag-entries.js';
import { sinceFromDuration, testTopics } from '../../../lambdas/use-cases/test-topics.js';
import { MemoryEntryStore } from '../../support/memory-entry-store.js';
import { sampleEntry, sampleFeedState, sampleTag } from '../../support/sample-entries.js';

const clock: Clock = { now: () => new Date('2026-12-01T12:00:00.000Z') };
let tagEntry: Tagger;
beforeAll(async () => {
  ({ tagEntry } = await loadTopics(`${process.cwd()}/config`));
});

// Stored with topics from an older rule set: one stale tag, one missing tag, one already right, one too old.
function storeWithHistory(): MemoryEntryStore {
  return new MemoryEntryStore([
    sampleEntry({ id: 'hockey', title: 'Maple Leafs win on the ice', summary: 'ICE-cold finish.', topics: [sampleTag('immigration', 'ICE')], firstSeenAt: '2026-11-30T10:00:00.000Z' }),
    sampleEntry({ id: 'scans', title: 'Airport face scans expand', summary: 'More gates use facial comparison.', topics: [], firstSeenAt: '2026-11-29T10:00:00.000Z' }),
    sampleEntry({ id: 'asylum', title: 'Asylum backlog grows', summary: 'Judges face record caseloads.', topics: [], firstSeenAt: '2026-11-28T10:00:00.000Z' }),
    sampleEntry({ id: 'old', title: 'Deportation flights resume', summary: '', topics: [], firstSeenAt: '2026-10-01T10:00:00.000Z' }),
  ]);
}

describe('topics test (dry run)', () => {
  it('reports per topic what would be added and removed, with examples, and writes nothing', async () => {
    const store = storeWithHistory();
    const asylum = store.entries.get('northwind\u0000asylum')!;
    asylum.topics = tagEntry(asylum);

    const report = await testTopics({ entries: store, tagEntry, clock }, { since: sinceFromDuration('7d', clock), topics: ['immigration', 'facial-recognition', 'ai-ethics'] });

    expect(report.scanned).toBe(3);
    expect(report.changedEntries).toBe(2);
    const byTopic = Object.fromEntries(report.topics.map((t) => [t.topic, t]));
    expect(byTopic.immigration).toMatchObject({ before: 2, after: 1, added: 0, removed: 1 });
    expect(byTopic.immigration?.removedExamples).toEqual([{ feedId: 'northwind', entryId: 'hockey', title: 'Maple Leafs win on the ice', evidence: "title 'ICE'" }]);
    expect(byTopic['facial-recognition']).toMatchObject({ before: 0, after: 1, added: 1, removed: 0 });
    expect(byTopic['facial-recognition']?.addedExamples[0]?.evidence).toContain("title 'face scans'");
    expect(byTopic['ai-ethics']).toMatchObject({ before: 0, after: 0, added: 0, removed: 0 });
    expect(store.topicWrites).toBe(0);
  });

  it('rejects a malformed --since duration by name', () => {
    expect(() => sinceFromDuration('7 days', clock)).toThrow('invalid duration "7 days"');
    expect(sinceFromDuration('12h', clock)).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('retag with the shipped rules', () => {
  it('rewrites only entries whose tags change, and a second run writes nothing', async () => {
    const store = storeWithHistory();
    const deps = { entries: store, feedStates: { list: async () => [sampleFeedState()], get: async () => null, put: async () => {} }, tagEntry, clock };

    const first = await retagEntries(deps, 30);
    const writesAfterFirst = store.topicWrites;
    const second = await retagEntries(deps, 30);

    expect(first).toEqual({ since: '2026-11-01T12:00:00.000Z', scanned: 3, changed: 3, added: { immigration: 1, 'facial-recognition': 1 }, removed: { immigration: 1 } });
    expect(writesAfterFirst).toBe(3);
    expect(second).toMatchObject({ scanned: 3, changed: 0 });
    expect(store.topicWrites).toBe(3);
    expect(store.entries.get('northwind\u0000old')?.topics).toEqual([]);
    expect(store.entries.get('northwind\u0000hockey')?.topics).toEqual([]);
  });
});
