import type { RawFeedMeta } from './raw.js';
import { readChannel } from './channel.js';
import { XmlElement } from './xml-tree.js';

/** RSS 0.90–0.94 and 2.0: metadata from the <channel> (sometimes the root itself); items stream past separately. */
export function readRss(root: XmlElement): RawFeedMeta {
  const channel = root.name === 'channel' ? root : root.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === 'channel') ?? null;
  return readChannel(channel, root);
}
