import { createHash } from 'node:crypto';

// Every key of the single table lives here (documented in docs/storage.md). Items carry `type` so a scan
// or a stream consumer can tell them apart without parsing keys.

export const KEY = { partition: 'pk', sort: 'sk', ttl: 'expiresAt' } as const;

export type ItemType = 'feed-state' | 'entry' | 'topic-index' | 'digest' | 'subscriber';

/** Entry ids can be long URLs; a fixed-size hash keeps keys short and safe for `#` separators. */
export function hashEntryId(entryId: string): string {
  return createHash('sha256').update(entryId).digest('base64url').slice(0, 22);
}

export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

export const feedStateKey = (feedId: string) => ({ pk: 'FEEDS', sk: `FEED#${feedId}` });

export const entryKey = (feedId: string, entryId: string) => ({ pk: `FEED#${feedId}`, sk: `ENTRY#${hashEntryId(entryId)}` });

export const entriesOfFeedPrefix = (feedId: string) => ({ pk: `FEED#${feedId}`, skPrefix: 'ENTRY#' });

export const topicDayPartition = (topic: string, day: string) => `TOPIC#${topic}#${day}`;

/** Sorted by first-seen time inside a topic-day partition, so a reverse query reads newest first. */
export function topicIndexKey(topic: string, firstSeenAt: string, feedId: string, entryId: string) {
  return { pk: topicDayPartition(topic, dayOf(firstSeenAt)), sk: `${firstSeenAt}#${feedId}#${hashEntryId(entryId)}` };
}

/** Placeholder for the digest issue: editions of one date under one partition, newest first by sort key. */
export const digestKey = (date: string, edition: string) => ({ pk: 'DIGESTS', sk: `${date}#${edition}` });

/** Placeholder for the digest issue: subscribers by normalized address, plus a token row for unsubscribe links. */
export const subscriberKey = (email: string) => ({ pk: 'SUBSCRIBERS', sk: `SUB#${email.trim().toLowerCase()}` });
export const subscriberTokenKey = (token: string) => ({ pk: `SUBTOKEN#${token}`, sk: 'SUBTOKEN' });

/** TTL attribute (epoch seconds): the row expires `retentionDays` after the entry was first seen. */
export function expiresAtOf(firstSeenAt: string, retentionDays: number): number {
  return Math.floor(Date.parse(firstSeenAt) / 1000) + retentionDays * 86_400;
}
