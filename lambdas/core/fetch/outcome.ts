// What a fetch can end in. Outcomes are data, not exceptions: polling policy (core/schedule.ts)
// and feed-state updates switch on `kind`.
import type { FetchError } from '../errors.js';

export interface FetchRequest {
  feedId: string;
  url: string;
  /** Validators stored from the previous successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

/** Caching facts from the response, inputs to nextPollAt. */
export interface CacheFacts {
  etag: string | null;
  lastModified: string | null;
  cacheControl: string | null;
  expires: string | null;
  /** Server `Date` header, to interpret Expires against the server's clock. */
  date: string | null;
}

interface Base {
  feedId: string;
  requestedUrl: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number | null;
  durationMs: number;
}

export type FetchOutcome =
  | (Base & { kind: 'ok'; body: Uint8Array; contentType: string | null; cache: CacheFacts; movedTo: string | null })
  | (Base & { kind: 'not-modified'; cache: CacheFacts; movedTo: string | null })
  /** Every hop was a permanent redirect (301/308): persist `movedTo` as the feed's new URL. */
  | (Base & { kind: 'moved-permanently'; movedTo: string; body: Uint8Array; contentType: string | null; cache: CacheFacts })
  | (Base & { kind: 'gone' })
  | (Base & { kind: 'rate-limited'; retryAfter: string | null })
  | (Base & { kind: 'failed'; error: FetchError });

export interface Fetcher {
  fetchFeed(request: FetchRequest): Promise<FetchOutcome>;
}
