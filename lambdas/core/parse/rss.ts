import type { RawFeedMeta } from './raw.js';
import { collectElements, readChannel } from './channel.js';
import { readItem } from './entry.js';
import type { ItemFields } from './entry.js';
import { XmlElement } from './xml-tree.js';

const ITEM = new Set(['item']);

/** RSS 0.90–0.94 and 2.0: a <channel> (sometimes the root itself) with <item>s, which broken feeds put anywhere. */
export function readRss(root: XmlElement): { feed: RawFeedMeta; items: ItemFields[] } {
  const channel = root.name === 'channel' ? root : root.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === 'channel') ?? null;
  return { feed: readChannel(channel, root), items: collectElements(root, ITEM).map(readItem) };
}
