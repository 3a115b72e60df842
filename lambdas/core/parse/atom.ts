import type { RawFeedMeta } from './raw.js';
import { readChannel } from './channel.js';
import type { XmlElement } from './xml-tree.js';

/**
 * Atom 1.0 and 0.3: the feed element carries its own metadata. Entries share the item reader, where
 * text constructs honour type=text|html|xhtml, the link is the alternate HTML link, and xml:base applies.
 */
export function readAtom(root: XmlElement): RawFeedMeta {
  return readChannel(root, root);
}
