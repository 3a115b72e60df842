import { describe, expect, it } from '@jest/globals';
import { feedLine, formatCycleSummary, totalCycle } from '../../../lambdas/cli/poll-report.js';
import type { PollSummary } from '../../../lambdas/use-cases/poll-feed.js';

function summary(overrides: Partial<PollSummary>): PollSummary {
  return { feedId: 'f', url: 'https://f.example/rss', kind: 'ok', status: 200, items: 0, newEntries: 0, perTopic: {}, error: null, nextPollAt: null, ...overrides };
}

describe('poll cycle report', () => {
  it('adds up fetched, 304 and failed feeds and new entries per topic', () => {
    const totals = totalCycle([
      summary({ feedId: 'a', items: 10, newEntries: 3, perTopic: { immigration: 2, 'ai-ethics': 1 } }),
      summary({ feedId: 'b', kind: 'not-modified', status: 304 }),
      summary({ feedId: 'c', newEntries: 1, perTopic: { immigration: 1 } }),
      summary({ feedId: 'd', kind: 'failed', status: 500, error: 'feed d (https://d.example/rss): HTTP 500' }),
    ]);
    const text = formatCycleSummary(totals, 1234);
    expect(text).toContain('Poll cycle: 4 feeds in 1.23 s — 2 fetched, 1 not modified (304), 1 failed');
    expect(text).toContain('New entries: 4 — ai-ethics 1, immigration 3');
    expect(text).toContain('  failed: feed d (https://d.example/rss): HTTP 500');
    expect(text).not.toContain('npm run demo');
  });

  it('suggests the demo when no feed at all could be read', () => {
    const text = formatCycleSummary(totalCycle([summary({ kind: 'failed', error: 'cannot resolve f.example: ENOTFOUND' })]), 10);
    expect(text).toContain('  failed: feed f (https://f.example/rss): cannot resolve f.example: ENOTFOUND');
    expect(text).toContain('npm run demo');
  });

  it('names the feed once per line, whether or not the error already does', () => {
    expect(feedLine(summary({ kind: 'gone', status: 410, error: 'feed f (https://f.example/rss): HTTP 410 Gone' }))).toBe('FAILED  feed f (https://f.example/rss): HTTP 410 Gone [gone]');
    expect(feedLine(summary({ kind: 'ok', items: 5, newEntries: 2, perTopic: { immigration: 2 } }))).toBe('ok      f: 5 items, 2 new (immigration 2)');
  });
});
