// The one Entry model every input format is normalized into (see core/parse), and the feed metadata beside it.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedMeta {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface Entry {
  /** Stable id: guid/atom:id, else link, else a hash of title and date; unique within one parse. */
  id: string;
  title: string | null;
  link: string | null;
  /** ISO-8601 UTC, or null when absent or unparseable (never "now"). */
  published: string | null;
  updated: string | null;
  author: string | null;
  /** Sanitized HTML or plain text. */
  summary: string | null;
  content: string | null;
  categories: string[];
  enclosures: Enclosure[];
  imageUrl: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  feed: FeedMeta & {
    /** RSS <ttl> in minutes, used by the poll schedule. */
    ttlMinutes: number | null;
  };
  items: Entry[];
  /** Damage the parser worked around (truncated document, undeclared prefix…), for `feeds check`. */
  warnings: string[];
}

export interface ParseOptions {
  /** HTTP Content-Type header, for its charset parameter. */
  contentType?: string | null;
  /** The URL the document was fetched from, the base for relative links. */
  url?: string | null;
}

/** One rule hit that contributed to a topic: what fired, where, and how much it counted. */
export interface TagEvidence {
  rule: string;
  phrase: string;
  field: 'title' | 'summary' | 'content' | 'categories';
  weight: number;
}

/** Evidence kept per tag, strongest first: enough to explain it, small enough to store with every item. */
export const MAX_EVIDENCE_PER_TAG = 4;

/** A topic assigned to an item, with the evidence an editor can read ("title 'face recognition ban'"). */
export interface TopicTag {
  topic: string;
  /** Points from the topic's rules (the model's share is in `probability` and in evidence `topic.model`). */
  score: number;
  evidence: TagEvidence[];
  /** The learned model's probability, when the topic has a model. */
  probability?: number;
}

/** An entry as stored: the parsed Entry plus what Topicwire knows about it. */
export interface StoredEntry extends Entry {
  feedId: string;
  /** When Topicwire first saw the entry (ISO-8601 UTC); digests window on this, not on `published`. */
  firstSeenAt: string;
  topics: TopicTag[];
}
