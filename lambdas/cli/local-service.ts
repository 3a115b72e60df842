import { loadFeedsConfig } from '../adapters/fs/config-files.js';
import { loadTopicsConfig } from '../adapters/fs/topics-config.js';
import { startWebServer } from '../adapters/web/server.js';
import type { WebData, WebServer } from '../adapters/web/server.js';
import type { TopicInfo } from '../core/render/web-pages.js';
import type { PollSummary } from '../use-cases/poll-feed.js';
import type { LocalRuntime } from '../wiring/local.js';
import { startLocal } from '../wiring/local.js';
import type { CliContext } from './context.js';
import { formatCycleSummary, startCycleProgress, totalCycle } from './poll-report.js';
import type { CycleProgress } from './poll-report.js';

// The long-running one-machine service shared by `run`/`start` and `demo`: sync config, poll with a
// progress bar, print a summary, then keep polling on a timer and serve the web app until Ctrl-C.

export interface ServiceOptions {
  configDir: string;
  dataDir: string | undefined;
  once: boolean;
  pollAll: boolean;
  port: number;
  intervalMinutes: number;
  concurrency: number;
  allowOrigins: string[];
  ctx: CliContext;
  /** Called once the service is up (tests and the demo use it); resolves the web app URL. */
  onReady?: (info: { url: string | null }) => void;
  /** Resolves when the service should stop (defaults to SIGINT/SIGTERM). */
  stopSignal?: Promise<void>;
}

const DAY_MS = 86_400_000;

export async function runLocalService(options: ServiceOptions): Promise<number> {
  const { ctx } = options;
  // Both config files are validated before anything starts: a bad line stops the start with file:line.
  await loadFeedsConfig(options.configDir, ctx.cwd);
  const topics = (await loadTopicsConfig(options.configDir, ctx.cwd)).config.topics;
  const runtime = await startLocal({ configDir: options.configDir, dataDir: options.dataDir, allowOrigins: options.allowOrigins, concurrency: options.concurrency });
  let web: WebServer | null = null;
  try {
    const sync = await runtime.syncFeeds();
    ctx.stdout.write(`Feeds: ${sync.added.length} added, ${sync.updated.length} updated, ${sync.removed.length} disabled (removed from config), ${sync.unchanged} unchanged\n`);
    await pollCycle(runtime, ctx, options.pollAll);
    if (options.once) return 0;
    web = await startWebServer({ data: webData(runtime, topics), port: options.port, onError: (e) => ctx.stderr.write(`web: ${String(e)}\n`) });
    ctx.stdout.write(`Web app: ${web.url}/  (feed health: ${web.url}/feeds) — polling due feeds every ${options.intervalMinutes} min; Ctrl-C stops\n`);
    options.onReady?.({ url: web.url });
    await keepPolling(runtime, ctx, options.intervalMinutes, options.stopSignal ?? untilSignal());
    ctx.stdout.write('Stopped cleanly.\n');
    return 0;
  } finally {
    await web?.close();
    await runtime.close();
  }
}

async function pollCycle(runtime: LocalRuntime, ctx: CliContext, all: boolean): Promise<void> {
  const started = performance.now();
  // Replaced when the plan is known; a cycle with nothing due never starts a progress bar.
  let progress: CycleProgress = { feedDone: () => {}, stop: () => {} };
  const failedHard: PollSummary[] = [];
  const result = await runtime.runPollCycle({
    all,
    onPlanned: (feedIds) => (progress = startCycleProgress(ctx.stdout, feedIds.length)),
    onPolled: (s) => progress.feedDone(s),
    onFailed: (feedId, error) => {
      const summary: PollSummary = { feedId, url: '', kind: 'failed', status: null, items: 0, newEntries: 0, perTopic: {}, error: error.message, nextPollAt: null };
      failedHard.push(summary);
      progress.feedDone(summary);
    },
  });
  progress.stop();
  ctx.stdout.write(formatCycleSummary(totalCycle([...result.polled, ...failedHard]), performance.now() - started));
  const notDue = result.plan.feeds - result.plan.inactive - result.plan.due.length;
  if (notDue > 0) ctx.stdout.write(`${notDue} feeds were not due yet (stored data reused); --all polls them anyway\n`);
}

async function keepPolling(runtime: LocalRuntime, ctx: CliContext, intervalMinutes: number, stop: Promise<void>): Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // A slow cycle is not overlapped by the next tick: ticks during a cycle wait for it.
    running = running.then(() => pollCycle(runtime, ctx, false)).catch((e: unknown) => {
      ctx.stderr.write(`poll cycle failed: ${(e as Error).message}\n`);
    });
  }, intervalMinutes * 60_000);
  await stop;
  clearInterval(timer);
  ctx.stdout.write('Stopping: finishing the current poll cycle…\n');
  await running;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function webData(runtime: LocalRuntime, topics: Array<{ id: string; label: string; description?: string | undefined }>): WebData {
  const infos: TopicInfo[] = topics.map((t) => ({ id: t.id, label: t.label, description: t.description ?? null }));
  const since = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
  return {
    topics: () => infos,
    sections: async (limit) =>
      Promise.all(infos.map(async (topic) => ({ topic, entries: await runtime.stores.entries.listByTopic(topic.id, since(30), limit) }))),
    feedTitles: async () => new Map((await runtime.stores.feedStates.list()).map((s) => [s.feedId, s.title])),
    feedHealth: async () => {
      const counts = await runtime.stores.entries.countByFeedSince(since(7));
      return (await runtime.stores.feedStates.list()).map((state) => ({ state, itemsPerDay: state.lastSuccessAt ? (counts.get(state.feedId) ?? 0) / 7 : null }));
    },
  };
}
