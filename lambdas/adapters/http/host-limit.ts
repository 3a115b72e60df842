// Per-host politeness: a poll cycle over many feeds on one host (a blog platform, a news site with
// twenty section feeds) runs at most `maxPerHost` fetches there at once; other hosts are not held up.
import type { Fetcher, FetchOutcome, FetchRequest } from '../../core/fetch/outcome.js';

interface HostQueue {
  running: number;
  waiting: Array<() => void>;
}

export class HostLimitedFetcher implements Fetcher {
  private readonly hosts = new Map<string, HostQueue>();

  constructor(
    private readonly inner: Fetcher,
    private readonly maxPerHost = 2,
  ) {
    if (!Number.isInteger(maxPerHost) || maxPerHost < 1) throw new RangeError(`maxPerHost must be a positive integer, got ${maxPerHost}`);
  }

  async fetchFeed(request: FetchRequest): Promise<FetchOutcome> {
    const host = hostOf(request.url);
    const queue = this.hosts.get(host) ?? { running: 0, waiting: [] };
    this.hosts.set(host, queue);
    if (queue.running >= this.maxPerHost) await new Promise<void>((resolve) => queue.waiting.push(resolve));
    else queue.running += 1;
    try {
      return await this.inner.fetchFeed(request);
    } finally {
      this.release(host, queue);
    }
  }

  /** Hands the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue. */
  private release(host: string, queue: HostQueue): void {
    const next = queue.waiting.shift();
    if (next) return next();
    queue.running -= 1;
    if (queue.running === 0) this.hosts.delete(host);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    // The inner fetcher reports the bad URL; it still needs a queue key.
    return url;
  }
}
