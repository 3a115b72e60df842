import type { Enclosure, FeedFormat } from '../model.js';
import type { TextValue } from './fields.js';

/**
 * An item as read from the document, before the expensive steps (date parsing, sanitizing, URL
 * clean-up): cheap to produce for every item, so callers can skip the ones they already stored.
 */
export interface RawItem {
  /** Final id, unique within the feed (see assignIds). */
  id: string;
  guid: string | null;
  title: TextValue | null;
  /** From <link> or an alternate atom:link, resolved against xml:base; else the permalink guid. */
  link: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  summary: TextValue | null;
  content: TextValue | null;
  categories: string[];
  enclosures: Enclosure[];
  imageUrl: string | null;
  /** Base for relative URLs when the document gave none: the fetch URL, else the feed's own link. */
  fallbackBase: string | null;
}

export interface RawFeedMeta {
  title: TextValue | null;
  link: string | null;
  description: TextValue | null;
  language: string | null;
  ttlMinutes: number | null;
}

export interface RawFeed {
  format: FeedFormat;
  feed: RawFeedMeta;
  items: RawItem[];
  warnings: string[];
}
