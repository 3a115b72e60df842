import { resolveUrl } from '../normalize/urls.js';
import { isHtmlType, ownText, textConstruct } from './fields.js';
import type { TextValue } from './fields.js';
import type { RawFeedMeta } from './raw.js';
import { XmlElement } from './xml-tree.js';

const DESCRIPTION_HTML: Record<string, boolean> = {
  description: true, 'dc:description': true, subtitle: false, tagline: false, 'itunes:subtitle': false, abstract: false,
};

/** Feed-level metadata from an RSS <channel> or an Atom <feed>; `root` supplies xml:lang as the last resort. */
export function readChannel(channel: XmlElement | null, root: XmlElement): RawFeedMeta {
  let title: TextValue | null = null;
  let link: string | null = channel?.attrs.href ? resolveUrl(channel.attrs.href, channel.base) : null;
  let description: TextValue | null = null;
  let language: string | null = null;
  let ttlMinutes: number | null = null;
  // Like an item's permalink guid, a feed-level id stands in for a missing link.
  let idLink: string | null = null;
  // After a feed-level summary, feedparser reads a description as the feed's content, not its subtitle.
  let sawSummary = false;
  for (const el of channel?.children ?? []) {
    if (!(el instanceof XmlElement) || !el.closed) continue;
    const name = el.name;
    if ((name === 'title' || name === 'dc:title') && !title) {
      const value = textConstruct(el, false);
      if (value.value) title = value;
    } else if (name === 'link') link = readLink(el) ?? link;
    else if ((name === 'id' || name === 'guid') && !idLink) idLink = resolveUrl(ownText(el), el.base) || null;
    else if (name === 'summary' || name === 'itunes:summary') sawSummary = true;
    else if (name in DESCRIPTION_HTML && !(sawSummary && (name === 'description' || name === 'dc:description'))) {
      const value = textConstruct(el, DESCRIPTION_HTML[name]!);
      if (value.value || !description) description = value;
    } else if ((name === 'language' || name === 'dc:language') && ownText(el)) language = ownText(el);
    else if (name === 'ttl' && /^\d+$/.test(ownText(el))) ttlMinutes = Number(ownText(el));
  }
  language ??= root.attrs['xml:lang']?.replace(/_/g, '-') || null;
  return { title, link: link ?? idLink, description, language, ttlMinutes };
}

function readLink(el: XmlElement): string | null {
  const href = el.attrs.href ?? el.attrs.url ?? el.attrs.uri;
  if (href === undefined) return resolveUrl(ownText(el), el.base) || null;
  const rel = (el.attrs.rel ?? 'alternate').toLowerCase();
  return rel === 'alternate' && isHtmlType(el.attrs.type) ? resolveUrl(href, el.base) : null;
}
