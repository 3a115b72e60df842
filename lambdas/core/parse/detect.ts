import type { FeedFormat } from '../model.js';
import type { XmlElement } from './xml-tree.js';

/** The XML format a document's root names, or null when the document is not a feed (an HTML page, OPML…). */
export function detectXmlFormat(root: XmlElement): Exclude<FeedFormat, 'json'> | null {
  switch (root.localName) {
    case 'rss':
    case 'channel':
      return 'rss';
    case 'rdf':
      return 'rdf';
    case 'feed':
      return 'atom';
    default:
      return null;
  }
}

/** JSON starts with '{' after whitespace; everything else is treated as XML. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}
