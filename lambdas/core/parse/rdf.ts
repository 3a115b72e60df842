import type { RawFeedMeta } from './raw.js';
import { collectElements, readChannel } from './channel.js';
import { readItem } from './entry.js';
import type { ItemFields } from './entry.js';
import { XmlElement } from './xml-tree.js';

const ITEM = new Set(['item']);

/** RSS 1.0 (and 0.90): rdf:RDF holds the <channel> and, beside it, the <item>s (rdf:about is their id). */
export function readRdf(root: XmlElement): { feed: RawFeedMeta; items: ItemFields[] } {
  const channel = root.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === 'channel') ?? null;
  return { feed: readChannel(channel, root), items: collectElements(root, ITEM).map(readItem) };
}
