// The polite, guarded feed fetcher on node:http(s). Every hop is vetted by the SSRF guard before
// the connect step runs; every network or HTTP problem comes back as a FetchOutcome, never thrown.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FetchError } from '../../core/errors.js';
import type { CacheFacts, Fetcher, FetchOutcome, FetchRequest } from '../../core/fetch/outcome.js';
import type { BodyStats } from './body.js';
import { readBody } from './body.js';
import type { Connector } from './connect.js';
import { connectToVetted } from './connect.js';
import type { Resolver, VettedTarget } from './guard.js';
import { normalizeOrigin, resolveWithSystem, vetTarget } from './guard.js';
import { HopError } from './hop-error.js';

const PROJECT_URL = 'https://github.com/topicwire/topicwire';

/** An honest User-Agent: who we are and how a publisher reaches the operator (feeds.yaml `contact`). */
export function userAgentFor(contact?: string | null): string {
  return `Topicwire/0.1 (+${contact || PROJECT_URL})`;
}

export const DEFAULT_USER_AGENT = userAgentFor();
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/json;q=0.8, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

export interface FetcherOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Covers the whole fetch, every hop and every byte: a server that trickles forever still ends. */
  deadlineMs: number;
  /** Applies to the bytes received and, separately, to the decoded body. */
  maxBodyBytes: number;
  maxRedirects: number;
  /** Exact `host:port` origins exempt from the address check (tests, demos). Production sets none. */
  allowedOrigins: readonly string[];
}

export const DEFAULT_FETCHER_OPTIONS: FetcherOptions = {
  userAgent: DEFAULT_USER_AGENT,
  connectTimeoutMs: 10_000,
  deadlineMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowedOrigins: [],
};

export interface FetcherDeps {
  resolve: Resolver;
  connect: Connector;
  /** Monotonic milliseconds, for durationMs. */
  monotonicMs: () => number;
  /** Told how many bytes each body read took off the wire and decoded, also when a limit stopped it. */
  onBody?: (feedId: string, stats: BodyStats) => void;
}

interface Progress {
  url: URL;
  status: number | null;
  redirects: number;
  /** True while every redirect so far was 301 or 308. */
  permanent: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class HttpFetcher implements Fetcher {
  private readonly options: FetcherOptions;
  private readonly deps: FetcherDeps;
  private readonly allowed: ReadonlySet<string>;

  constructor(options: Partial<FetcherOptions> = {}, deps: Partial<FetcherDeps> = {}) {
    this.options = { ...DEFAULT_FETCHER_OPTIONS, ...options };
    this.deps = { resolve: resolveWithSystem, connect: connectToVetted, monotonicMs: () => performance.now(), ...deps };
    this.allowed = new Set(this.options.allowedOrigins.map(normalizeOrigin));
  }

  async fetchFeed(request: FetchRequest): Promise<FetchOutcome> {
    const started = this.deps.monotonicMs();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new HopError('timeout', `no complete response within ${this.options.deadlineMs} ms`)), this.options.deadlineMs);
    let progress: Progress | null = null;
    try {
      progress = { url: parseFeedUrl(request.url), status: null, redirects: 0, permanent: true };
      return await this.follow(request, progress, deadline.signal, started);
    } catch (error) {
      const cause = deadline.signal.aborted ? deadline.signal.reason : error;
      return this.failed(request, progress, cause, started);
    } finally {
      clearTimeout(timer);
    }
  }

  private async follow(request: FetchRequest, progress: Progress, signal: AbortSignal, started: number): Promise<FetchOutcome> {
    const visited = new Set<string>();
    for (;;) {
      visited.add(progress.url.href);
      const response = await this.requestOnce(progress.url, request, signal);
      progress.status = response.statusCode ?? null;
      const location = response.headers.location;
      if (!REDIRECTS.has(progress.status ?? 0) || location === undefined) {
        return await this.settle(request, progress, response, started);
      }
      response.destroy();
      const next = parseRedirect(location, progress.url);
      if (visited.has(next.href)) throw new HopError('redirect-loop', `redirect loop back to ${next.href}`);
      if (progress.redirects >= this.options.maxRedirects) {
        throw new HopError('too-many-redirects', `more than ${this.options.maxRedirects} redirects (next: ${next.href})`);
      }
      progress.redirects += 1;
      progress.permanent &&= progress.status === 301 || progress.status === 308;
      progress.url = next;
      progress.status = null;
    }
  }

  private async requestOnce(url: URL, request: FetchRequest, signal: AbortSignal): Promise<IncomingMessage> {
    const target = await vetTarget(url, this.deps.resolve, this.allowed, signal);
    const socket = await this.connectWithTimeout(target, signal);
    return await new Promise<IncomingMessage>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send({
        method: 'GET',
        host: target.hostname,
        port: target.port,
        path: `${url.pathname}${url.search}`,
        headers: this.headersFor(url, request),
        createConnection: () => socket,
        signal,
      });
      outgoing.once('response', resolve);
      // Kept for the whole exchange: the request can still fail (deadline, reset) while the body streams.
      outgoing.on('error', (error) => reject(new HopError('network', describeNetworkError(error), { cause: error })));
      outgoing.end();
    });
  }

  private async connectWithTimeout(target: VettedTarget, deadline: AbortSignal): Promise<Socket> {
    const timeout = AbortSignal.timeout(this.options.connectTimeoutMs);
    try {
      return await this.deps.connect(target, AbortSignal.any([deadline, timeout]));
    } catch (error) {
      if (deadline.aborted) throw error;
      if (timeout.aborted) throw new HopError('timeout', `connect to ${target.url.host} timed out after ${this.options.connectTimeoutMs} ms`);
      throw new HopError('network', describeNetworkError(error), { cause: error });
    }
  }

  private headersFor(url: URL, request: FetchRequest): Record<string, string> {
    const headers: Record<string, string> = {
      host: url.host,
      'user-agent': this.options.userAgent,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    return headers;
  }

  private async settle(request: FetchRequest, progress: Progress, response: IncomingMessage, started: number): Promise<FetchOutcome> {
    const status = progress.status ?? 0;
    const movedTo = progress.permanent && progress.redirects > 0 ? progress.url.href : null;
    const base = { feedId: request.feedId, requestedUrl: request.url, finalUrl: progress.url.href, status };
    const headers = response.headers;
    if (status === 304) {
      response.destroy();
      return { ...base, kind: 'not-modified', cache: cacheFacts(headers), movedTo, durationMs: this.since(started) };
    }
    if (status === 410) {
      response.destroy();
      return { ...base, kind: 'gone', durationMs: this.since(started) };
    }
    const retryAfter = headerValue(headers['retry-after']);
    if (status === 429 || (status === 503 && retryAfter !== null)) {
      response.destroy();
      return { ...base, kind: 'rate-limited', retryAfter, durationMs: this.since(started) };
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new HopError('http-status', `HTTP ${status} ${response.statusMessage ?? ''}`.trim());
    }
    const stats: BodyStats = { wireBytes: 0, decodedBytes: 0 };
    let body: Uint8Array;
    try {
      body = await readBody(response, { maxBytes: this.options.maxBodyBytes }, stats);
    } finally {
      this.deps.onBody?.(request.feedId, stats);
    }
    const fields = { body, contentType: headerValue(headers['content-type']), cache: cacheFacts(headers) };
    const durationMs = this.since(started);
    return movedTo === null
      ? { ...base, ...fields, kind: 'ok', movedTo: null, durationMs }
      : { ...base, ...fields, kind: 'moved-permanently', movedTo, durationMs };
  }

  private failed(request: FetchRequest, progress: Progress | null, cause: unknown, started: number): FetchOutcome {
    const hop = progress?.url.href ?? request.url;
    const where = hop === request.url ? request.url : `${request.url}, redirected to ${hop}`;
    const kind = cause instanceof HopError ? cause.kind : 'network';
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new FetchError(`feed ${request.feedId} (${where}): ${reason}`, kind, { cause });
    return {
      kind: 'failed',
      feedId: request.feedId,
      requestedUrl: request.url,
      finalUrl: hop,
      status: progress?.status ?? null,
      durationMs: this.since(started),
      error,
    };
  }

  private since(started: number): number {
    return Math.round(this.deps.monotonicMs() - started);
  }
}

function parseFeedUrl(text: string): URL {
  try {
    return new URL(text);
  } catch (error) {
    throw new HopError('bad-url', `not a valid URL`, { cause: error });
  }
}

function parseRedirect(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch (error) {
    throw new HopError('bad-url', `redirect to an invalid Location "${location}"`, { cause: error });
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function cacheFacts(headers: IncomingHttpHeaders): CacheFacts {
  return {
    etag: headerValue(headers.etag),
    lastModified: headerValue(headers['last-modified']),
    cacheControl: headerValue(headers['cache-control']),
    expires: headerValue(headers.expires),
    date: headerValue(headers.date),
  };
}

function describeNetworkError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message ?? String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
