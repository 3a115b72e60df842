import { XMLBuilder } from 'fast-xml-parser';
import type { FeedConfig } from '../config/feeds.js';
import { TOPICWIRE_NS, writeExtras } from './opml-extras.js';

// OPML 2.0 export: feeds nested in one folder per first tag (readers show folders, not attributes),
// every tag also listed in `category` so nothing is lost for feeds with several tags.

export interface BuildOpmlOptions {
  /** dateCreated; the caller's clock, so output is reproducible in tests. */
  now: Date;
  title?: string;
  ownerName?: string;
}

type Attributes = Record<string, string>;
interface OutlineNode {
  attrs: Attributes;
  children: OutlineNode[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // The builder escapes & < > " ' in text and attribute values.
  processEntities: true,
});

/** Builds an OPML 2.0 document listing `feeds`. */
export function buildOpml(feeds: readonly FeedConfig[], options: BuildOpmlOptions): string {
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    opml: {
      '@_version': '2.0',
      '@_xmlns:topicwire': TOPICWIRE_NS,
      head: {
        title: clean(options.title ?? 'Topicwire feeds'),
        dateCreated: options.now.toUTCString(),
        ownerName: clean(options.ownerName ?? 'Topicwire'),
        docs: 'http://opml.org/spec2.opml',
      },
      body: { outline: groupByFirstTag(feeds).map(toXml) },
    },
  };
  return builder.build(doc) as string;
}

function groupByFirstTag(feeds: readonly FeedConfig[]): OutlineNode[] {
  const folders = new Map<string, OutlineNode>();
  const loose: OutlineNode[] = [];
  for (const feed of feeds) {
    const node: OutlineNode = { attrs: feedAttributes(feed), children: [] };
    const tag = feed.tags[0];
    if (!tag) {
      loose.push(node);
      continue;
    }
    let folder = folders.get(tag);
    if (!folder) {
      folder = { attrs: { text: tag, title: tag }, children: [] };
      folders.set(tag, folder);
    }
    folder.children.push(node);
  }
  return [...folders.values(), ...loose];
}

function feedAttributes(feed: FeedConfig): Attributes {
  const attrs: Attributes = { type: 'rss', text: clean(feed.title), title: clean(feed.title), xmlUrl: feed.url };
  if (feed.site) attrs.htmlUrl = feed.site;
  if (feed.tags.length > 0) attrs.category = feed.tags.map((t) => `/${t}`).join(',');
  return {
    ...attrs,
    ...writeExtras({ id: feed.id, enabled: feed.enabled, topics: feed.topics, pollIntervalMinutes: feed.pollIntervalMinutes }),
  };
}

function toXml(node: OutlineNode): Record<string, unknown> {
  const xml: Record<string, unknown> = Object.fromEntries(Object.entries(node.attrs).map(([k, v]) => [`@_${k}`, v]));
  if (node.children.length > 0) xml.outline = node.children.map(toXml);
  return xml;
}

// Characters XML 1.0 cannot carry at all, not even escaped.
function clean(text: string): string {
  return Array.from(text)
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
    })
    .join('');
}
