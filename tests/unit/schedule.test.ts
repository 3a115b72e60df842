import { describe, expect, it } from '@jest/globals';
import { FetchError } from '../../lambdas/core/errors.js';
import type { FetchOutcome } from '../../lambdas/core/fetch/outcome.js';
import type { PollFacts } from '../../lambdas/core/schedule.js';
import { countFailures, DEFAULT_POLL_POLICY, nextPollAt, pollFactsFromOutcome } from '../../lambdas/core/schedule.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const HOUR = 60;
const DAY = 24 * HOUR;

function minutesUntil(facts: Partial<PollFacts>): number | null {
  const at = nextPollAt({ now: NOW, outcome: 'ok', consecutiveFailures: 0, ...facts });
  return at === null ? null : (at.getTime() - NOW.getTime()) / 60_000;
}

describe('nextPollAt after a successful read', () => {
  it('uses the default interval when nothing else is known', () => {
    expect(minutesUntil({})).toBe(DEFAULT_POLL_POLICY.defaultIntervalMinutes);
  });

  it('uses the feed’s configured interval', () => {
    expect(minutesUntil({ intervalMinutes: 15 })).toBe(15);
  });

  it('never polls more often than the floor', () => {
    expect(minutesUntil({ intervalMinutes: 1 })).toBe(DEFAULT_POLL_POLICY.minIntervalMinutes);
  });

  it.each([
    ['RSS ttl', { ttlMinutes: 180 }, 180],
    ['Cache-Control max-age', { cacheControl: 'public, max-age=7200' }, 120],
    ['quoted max-age', { cacheControl: 'max-age="10800"' }, 180],
    ['Expires against the server Date', { expires: 'Tue, 01 Dec 2026 12:00:00 GMT', date: 'Tue, 01 Dec 2026 09:00:00 GMT' }, 180],
    ['Expires against our clock without a Date', { expires: 'Tue, 01 Dec 2026 12:00:00 GMT' }, 240],
  ])('extends the interval for a longer %s', (_label, hint, expected) => {
    expect(minutesUntil({ intervalMinutes: 30, ...hint })).toBe(expected);
  });

  it('takes the longest of several hints', () => {
    expect(minutesUntil({ intervalMinutes: 30, ttlMinutes: 90, cacheControl: 'max-age=18000', expires: 'Tue, 01 Dec 2026 10:00:00 GMT' })).toBe(300);
  });

  it.each([
    ['a short ttl', { ttlMinutes: 5 }],
    ['a short max-age', { cacheControl: 'max-age=60' }],
    ['no-cache', { cacheControl: 'no-cache, no-store' }],
    ['an Expires in the past', { expires: 'Tue, 01 Dec 2026 07:00:00 GMT' }],
    ['Expires: 0', { expires: '0' }],
    ['Expires: -1', { expires: '-1' }],
    ['a garbage Expires', { expires: 'soon' }],
    ['s-maxage only (meant for shared caches)', { cacheControl: 's-maxage=86400' }],
  ])('does not shorten the configured interval for %s', (_label, hint) => {
    expect(minutesUntil({ intervalMinutes: 45, ...hint })).toBe(45);
  });

  it('caps server hints at 24 hours', () => {
    expect(minutesUntil({ cacheControl: 'max-age=31536000', ttlMinutes: 100000 })).toBe(DAY);
  });

  it('honours a configured interval above the cap', () => {
    expect(minutesUntil({ intervalMinutes: 2 * DAY, ttlMinutes: 10 })).toBe(2 * DAY);
  });

  it.each(['not-modified', 'moved-permanently'] as const)('treats %s like a successful read', (outcome) => {
    expect(minutesUntil({ outcome, intervalMinutes: 30, ttlMinutes: 120 })).toBe(120);
  });
});

describe('nextPollAt after a failure', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [6, 960],
    [7, DAY],
    [50, DAY],
    [10_000, DAY],
  ])('backs off exponentially from the base interval: failure %i waits %i minutes', (failures, expected) => {
    expect(minutesUntil({ outcome: 'failed', consecutiveFailures: failures, intervalMinutes: 30 })).toBe(expected);
  });

  it('treats a failure count of zero as the first failure', () => {
    expect(minutesUntil({ outcome: 'failed', consecutiveFailures: 0, intervalMinutes: 30 })).toBe(30);
  });

  it('ignores server freshness hints when the fetch failed', () => {
    expect(minutesUntil({ outcome: 'failed', consecutiveFailures: 1, intervalMinutes: 30, cacheControl: 'max-age=36000' })).toBe(30);
  });
});

describe('nextPollAt when rate-limited', () => {
  it('comes back exactly when Retry-After (seconds) says', () => {
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter: '5400', consecutiveFailures: 1, intervalMinutes: 30 })).toBe(90);
  });

  it('reads an HTTP-date Retry-After against the server clock', () => {
    const facts = { outcome: 'rate-limited' as const, retryAfter: 'Tue, 01 Dec 2026 11:00:00 GMT', date: 'Tue, 01 Dec 2026 10:00:00 GMT' };
    expect(minutesUntil(facts)).toBe(60);
  });

  it('waits Retry-After even when it is shorter than the configured interval, above the floor', () => {
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter: '600', intervalMinutes: 120 })).toBe(10);
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter: '0', intervalMinutes: 120 })).toBe(DEFAULT_POLL_POLICY.minIntervalMinutes);
  });

  it('bounds Retry-After to 24 hours', () => {
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter: String(30 * 86400) })).toBe(DAY);
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter: 'Fri, 01 Jan 2027 00:00:00 GMT' })).toBe(DAY);
  });

  it.each([null, '', 'later', '-5', '1.5'])('backs off like a failure when Retry-After is %j', (retryAfter) => {
    expect(minutesUntil({ outcome: 'rate-limited', retryAfter, consecutiveFailures: 3, intervalMinutes: 30 })).toBe(120);
  });
});

describe('nextPollAt when gone', () => {
  it('never polls a feed that answered 410 again', () => {
    expect(nextPollAt({ now: NOW, outcome: 'gone', consecutiveFailures: 0 })).toBeNull();
  });
});

describe('pollFactsFromOutcome', () => {
  const base = { feedId: 'f', requestedUrl: 'https://example.org/feed', finalUrl: 'https://example.org/feed', durationMs: 12 };
  const cache = { etag: '"x"', lastModified: null, cacheControl: 'max-age=7200', expires: null, date: 'Tue, 01 Dec 2026 08:00:00 GMT' };

  it('takes cache facts from a read and resets the failure count', () => {
    const outcome: FetchOutcome = { ...base, status: 200, kind: 'ok', body: new Uint8Array(), contentType: null, cache, movedTo: null };
    const facts = pollFactsFromOutcome(outcome, { now: NOW, previousFailures: 4, intervalMinutes: 30, ttlMinutes: 60 });
    expect(facts).toMatchObject({ consecutiveFailures: 0, cacheControl: 'max-age=7200', ttlMinutes: 60, retryAfter: null });
    expect(nextPollAt(facts)).toEqual(new Date('2026-12-01T10:00:00.000Z'));
  });

  it('takes Retry-After from a rate-limited outcome and counts it as a failure', () => {
    const outcome: FetchOutcome = { ...base, status: 429, kind: 'rate-limited', retryAfter: '120' };
    const facts = pollFactsFromOutcome(outcome, { now: NOW, previousFailures: 0 });
    expect(facts).toMatchObject({ consecutiveFailures: 1, retryAfter: '120', cacheControl: null });
  });

  it('counts failures', () => {
    const outcome: FetchOutcome = { ...base, status: null, kind: 'failed', error: new FetchError('feed f: down', 'network') };
    expect(pollFactsFromOutcome(outcome, { now: NOW, previousFailures: 2 }).consecutiveFailures).toBe(3);
    expect(countFailures('not-modified', 9)).toBe(0);
  });
});
