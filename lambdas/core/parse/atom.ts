import type { RawFeedMeta } from './raw.js';
import { collectElements, readChannel } from './channel.js';
import { readItem } from './entry.js';
import type { ItemFields } from './entry.js';
import type { XmlElement } from './xml-tree.js';

const ENTRY = new Set(['entry']);

/**
 * Atom 1.0 and 0.3: the feed element carries its own metadata; text constructs honour type=text|html|xhtml,
 * the item link is the alternate HTML link, and the entry's xml:base applies to everything inside it.
 */
export function readAtom(root: XmlElement): { feed: RawFeedMeta; items: ItemFields[] } {
  return { feed: readChannel(root, root), items: collectElements(root, ENTRY).map(readItem) };
}
