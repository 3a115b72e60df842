import { SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';
import type { PollSummary } from '../use-cases/poll-feed.js';

// How a poll cycle looks on the terminal: a progress bar on a TTY, one line per feed otherwise
// (logs, CI, `| tee`), and a summary an admin can act on.

export interface CycleProgress {
  feedDone(summary: PollSummary): void;
  stop(): void;
}

export function feedLine(s: PollSummary): string {
  const topics = Object.entries(s.perTopic).map(([topic, n]) => `${topic} ${n}`).join(', ');
  switch (s.kind) {
    case 'ok':
    case 'moved-permanently':
      return `ok      ${s.feedId}: ${s.items} items, ${s.newEntries} new${topics ? ` (${topics})` : ''}${s.kind === 'moved-permanently' ? ' [moved permanently]' : ''}`;
    case 'not-modified':
      return `304     ${s.feedId}: not modified`;
    case 'inactive':
      return `skip    ${s.feedId}: inactive`;
    default:
      return `FAILED  ${failureText(s)}`;
  }
}

/** Errors already name their feed and URL (see core/errors.ts); only bare ones get the prefix. */
function failureText(s: PollSummary): string {
  if (s.error?.includes(`feed ${s.feedId} (`)) return `${s.error}${s.kind === 'failed' ? '' : ` [${s.kind}]`}`;
  return `feed ${s.feedId}${s.url ? ` (${s.url})` : ''}: ${s.error ?? s.kind}`;
}

export function startCycleProgress(out: Writable & { isTTY?: boolean }, total: number): CycleProgress {
  if (!out.isTTY) {
    let done = 0;
    return {
      feedDone: (s) => out.write(`[${String(++done).padStart(String(total).length)}/${total}] ${feedLine(s)}\n`),
      stop: () => {},
    };
  }
  const bar = new SingleBar({ format: 'polling {bar} {value}/{total} feeds | {feed}', stream: out, hideCursor: true, clearOnComplete: true });
  bar.start(total, 0, { feed: '' });
  return {
    feedDone: (s) => bar.increment({ feed: s.feedId }),
    stop: () => bar.stop(),
  };
}

export interface CycleTotals {
  feeds: number;
  fetched: number;
  notModified: number;
  failed: PollSummary[];
  newEntries: number;
  perTopic: Record<string, number>;
}

export function totalCycle(summaries: PollSummary[]): CycleTotals {
  const perTopic: Record<string, number> = {};
  for (const s of summaries) for (const [topic, n] of Object.entries(s.perTopic)) perTopic[topic] = (perTopic[topic] ?? 0) + n;
  return {
    feeds: summaries.length,
    fetched: summaries.filter((s) => s.kind === 'ok' || s.kind === 'moved-permanently').length,
    notModified: summaries.filter((s) => s.kind === 'not-modified').length,
    failed: summaries.filter((s) => !['ok', 'moved-permanently', 'not-modified', 'inactive'].includes(s.kind)),
    newEntries: summaries.reduce((n, s) => n + s.newEntries, 0),
    perTopic,
  };
}

export function formatCycleSummary(totals: CycleTotals, durationMs: number): string {
  const topics = Object.entries(totals.perTopic).sort(([a], [b]) => a.localeCompare(b));
  const lines = [
    `Poll cycle: ${totals.feeds} feeds in ${(durationMs / 1000).toFixed(2)} s — ${totals.fetched} fetched, ${totals.notModified} not modified (304), ${totals.failed.length} failed`,
    `New entries: ${totals.newEntries}${topics.length ? ` — ${topics.map(([t, n]) => `${t} ${n}`).join(', ')}` : ''}`,
  ];
  for (const f of totals.failed) lines.push(`  failed: ${failureText(f)}`);
  if (totals.feeds > 0 && totals.failed.length === totals.feeds) {
    lines.push('No feed could be read. Without internet access, `npm run demo` shows Topicwire on local sample feeds.');
  }
  return `${lines.join('\n')}\n`;
}
