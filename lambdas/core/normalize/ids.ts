import { createHash } from 'node:crypto';
import { squashWhitespace } from './text.js';

export interface IdSource {
  guid: string | null;
  link: string | null;
  title: string | null;
  date: string | null;
  summary: string | null;
}

/** A short stable digest of the parts that identify an item when the feed gives no id. */
export function hashId(parts: Array<string | null>): string {
  return createHash('sha256').update(parts.map((p) => squashWhitespace(p ?? '')).join('\u0000')).digest('hex').slice(0, 24);
}

/**
 * Ids for a feed's items, in order: guid, else link, else a hash of title and date. Feeds that repeat
 * one guid (or one link) for every item keep all items: a repeat gets the id plus a digest of its own
 * content, so the same item keeps the same id on the next poll.
 */
export function assignIds(items: readonly IdSource[]): string[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let id = item.guid ?? item.link ?? `urn:topicwire:${hashId([item.title, item.date, item.summary])}`;
    if (seen.has(id)) id = `${id}#${hashId([item.title, item.link, item.date, item.summary]).slice(0, 12)}`;
    for (let n = 2; seen.has(id); n++) id = `${id.replace(/~\d+$/, '')}~${n}`;
    seen.add(id);
    return id;
  });
}
