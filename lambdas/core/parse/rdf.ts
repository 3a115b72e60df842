import type { RawFeedMeta } from './raw.js';
import { readChannel } from './channel.js';
import { XmlElement } from './xml-tree.js';

/** RSS 1.0 (and 0.90): rdf:RDF holds the <channel> and, beside it, the <item>s (rdf:about is their id). */
export function readRdf(root: XmlElement): RawFeedMeta {
  const channel = root.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === 'channel') ?? null;
  return readChannel(channel, root);
}
