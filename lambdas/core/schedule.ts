// When to poll a feed next. Pure policy over facts the fetcher and parser recorded; the clock is
// an input. Politeness first: a server's hints may slow us down, never speed us up past the
// feed's configured interval, and errors back off exponentially.
import type { FetchOutcome } from './fetch/outcome.js';

export interface PollPolicy {
  /** Interval for feeds without one of their own. */
  defaultIntervalMinutes: number;
  /** Floor for everything, so `Retry-After: 0` or a tiny interval cannot make a tight loop. */
  minIntervalMinutes: number;
  /** Ceiling for server hints, Retry-After and backoff: a feed is looked at at least daily. */
  maxIntervalMinutes: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  defaultIntervalMinutes: 60,
  minIntervalMinutes: 5,
  maxIntervalMinutes: 24 * 60,
};

export interface PollFacts {
  now: Date;
  outcome: FetchOutcome['kind'];
  /** Failures in a row, counting the outcome just recorded (0 after a success). */
  consecutiveFailures: number;
  /** The feed's own poll interval from config/feeds.yaml, if any. */
  intervalMinutes?: number | null;
  /** RSS <ttl>. */
  ttlMinutes?: number | null;
  cacheControl?: string | null;
  expires?: string | null;
  /** Server Date header: Expires and an HTTP-date Retry-After are read against the server's clock. */
  date?: string | null;
  /** Seconds or an HTTP-date. */
  retryAfter?: string | null;
}

const MINUTE_MS = 60_000;

/**
 * The next poll time, or null for never (a 410: the publisher said the feed is gone for good; an
 * admin re-enables it). Deterministic: no jitter here, the planner spreads polls if it wants to.
 */
export function nextPollAt(facts: PollFacts, policy: PollPolicy = DEFAULT_POLL_POLICY): Date | null {
  const minutes = nextPollDelayMinutes(facts, policy);
  return minutes === null ? null : new Date(facts.now.getTime() + minutes * MINUTE_MS);
}

export function nextPollDelayMinutes(facts: PollFacts, policy: PollPolicy = DEFAULT_POLL_POLICY): number | null {
  const base = baseInterval(facts, policy);
  switch (facts.outcome) {
    case 'gone':
      return null;
    case 'rate-limited': {
      // Retry-After is authoritative: we come back when the server asked, not at our own pace.
      const asked = retryAfterMinutes(facts);
      return asked === null ? backoff(base, facts.consecutiveFailures, policy) : clamp(asked, policy.minIntervalMinutes, policy.maxIntervalMinutes);
    }
    case 'failed':
      return backoff(base, facts.consecutiveFailures, policy);
    default:
      return freshInterval(base, facts, policy);
  }
}

function baseInterval(facts: PollFacts, policy: PollPolicy): number {
  const configured = positive(facts.intervalMinutes) ?? policy.defaultIntervalMinutes;
  return Math.max(configured, policy.minIntervalMinutes);
}

// The longest of our interval and the server's freshness hints: a server that says its feed stays
// fresh for six hours is not polled hourly. Hints are capped at the ceiling so a `max-age` of a year
// cannot hide a feed; an admin-configured interval above the ceiling is still honoured.
function freshInterval(base: number, facts: PollFacts, policy: PollPolicy): number {
  const hints = [positive(facts.ttlMinutes), maxAgeMinutes(facts.cacheControl), expiresMinutes(facts)];
  const hint = Math.max(0, ...hints.map((h) => h ?? 0));
  return Math.max(base, Math.min(hint, policy.maxIntervalMinutes));
}

/** base, 2×base, 4×base… from the first failure on, capped at the ceiling. */
function backoff(base: number, failures: number, policy: PollPolicy): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(base * 2 ** exponent, Math.max(policy.maxIntervalMinutes, base));
}

function maxAgeMinutes(cacheControl: string | null | undefined): number | null {
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '');
  return match ? positive(Number(match[1]) / 60) : null;
}

function expiresMinutes(facts: PollFacts): number | null {
  const expires = parseHttpDate(facts.expires);
  if (expires === null) return null;
  return positive((expires - referenceTime(facts)) / MINUTE_MS);
}

function retryAfterMinutes(facts: PollFacts): number | null {
  const text = facts.retryAfter?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) / 60;
  const at = parseHttpDate(text);
  if (at === null) return null;
  return Math.max(0, (at - referenceTime(facts)) / MINUTE_MS);
}

/** The server's clock when it sent a Date header, else ours: relative times survive clock skew. */
function referenceTime(facts: PollFacts): number {
  return parseHttpDate(facts.date) ?? facts.now.getTime();
}

// Only accept strings shaped like an HTTP-date (IMF-fixdate, RFC 850 or asctime): "0" or "-1" in
// Expires, which mean "already expired", must not be read as a year by the lenient Date parser.
function parseHttpDate(text: string | null | undefined): number | null {
  if (!text || !/[a-z]{3}/i.test(text) || !/\d{1,2}:\d{2}:\d{2}/.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** Failures in a row after `kind`: any fetch that read the feed resets the count. */
export function countFailures(kind: FetchOutcome['kind'], previous: number): number {
  return kind === 'ok' || kind === 'not-modified' || kind === 'moved-permanently' ? 0 : previous + 1;
}

/** The facts nextPollAt needs, taken from an outcome plus what the caller knows about the feed. */
export function pollFactsFromOutcome(
  outcome: FetchOutcome,
  context: { now: Date; previousFailures: number; intervalMinutes?: number | null; ttlMinutes?: number | null },
): PollFacts {
  const cache = 'cache' in outcome ? outcome.cache : null;
  return {
    now: context.now,
    outcome: outcome.kind,
    consecutiveFailures: countFailures(outcome.kind, context.previousFailures),
    intervalMinutes: context.intervalMinutes ?? null,
    ttlMinutes: context.ttlMinutes ?? null,
    cacheControl: cache?.cacheControl ?? null,
    expires: cache?.expires ?? null,
    date: cache?.date ?? null,
    retryAfter: outcome.kind === 'rate-limited' ? outcome.retryAfter : null,
  };
}
