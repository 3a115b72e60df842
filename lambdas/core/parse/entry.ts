import type { Enclosure } from '../model.js';
import { resolveUrl } from '../normalize/urls.js';
import { childElements, isHtmlType, isTextOrHtmlType, ownText, textConstruct } from './fields.js';
import type { TextValue } from './fields.js';
import type { RawItem } from './raw.js';
import type { XmlElement } from './xml-tree.js';

/** What an item yields; `id` and `fallbackBase` are filled in once the whole feed is read. */
export type ItemFields = RawItem;

interface State extends Omit<RawItem, 'id' | 'fallbackBase'> {
  titleDepth: number;
  guidIsLink: boolean;
  hasContent: boolean;
  seenTags: Set<string>;
}

type Handler = (s: State, el: XmlElement, depth: number) => void;

const TITLE: Handler = (s, el, depth) => {
  const value = textConstruct(el, false);
  if (value.value && (s.title === null || depth < s.titleDepth)) {
    s.title = value;
    s.titleDepth = depth;
  }
};

const LINK: Handler = (s, el, depth) => {
  if (depth > 0) return;
  const href = el.attrs.href ?? el.attrs.url ?? el.attrs.uri;
  // The last link wins, whether RSS text or an Atom alternate HTML link; an empty one leaves room for the guid.
  if (href === undefined) {
    // Doubly escaped ampersands in links (&amp;amp;) are a publishing slip; read them as one '&'.
    s.link = resolveUrl(ownText(el).replace(/&amp;/g, '&'), el.base) || s.link;
    return;
  }
  const rel = (el.attrs.rel ?? 'alternate').toLowerCase();
  const url = resolveUrl(href, el.base);
  if (rel === 'enclosure') addEnclosure(s, url, el.attrs.type, el.attrs.length);
  else if (rel === 'alternate' && isHtmlType(el.attrs.type) && url) s.link = url;
};

const GUID: Handler = (s, el, depth) => {
  if (depth > 0) return;
  s.guidIsLink = (el.attrs.ispermalink ?? 'true') === 'true';
  const value = ownText(el);
  s.guid = s.guidIsLink ? resolveUrl(value, el.base) : value;
};

const PUBLISHED: Handler = (s, el) => void (s.published = ownText(el) || s.published);
const UPDATED: Handler = (s, el) => void (s.updated = ownText(el) || s.updated);

const AUTHOR: Handler = (s, el) => {
  const kids = childElements(el);
  let value = ownText(el);
  if (kids.length) {
    const name = kids.find((k) => k.localName === 'name');
    const email = kids.find((k) => k.localName === 'email');
    const n = name ? ownText(name) : '';
    const e = email ? ownText(email) : '';
    value = n && e ? `${n} (${e})` : n || e;
  }
  if (value) s.author = value;
};

function summaryHandler(defaultHtml: boolean): Handler {
  return (s, el) => {
    const value = textConstruct(el, defaultHtml);
    // A second description-like element after a summary is how some feeds carry full text.
    if (s.summary !== null && !s.hasContent) setContent(s, value);
    else s.summary = value;
  };
}

function contentHandler(defaultHtml: boolean): Handler {
  const handle: Handler = (s, el, depth) => {
    if (el.attrs.src !== undefined) return;
    // Atom 0.3 multipart/alternative wraps its versions in inner content elements; the first one counts.
    if (el.attrs.type?.toLowerCase().startsWith('multipart/')) {
      const first = childElements(el).find((c) => c.localName === 'content');
      if (first) handle(s, first, depth);
      return;
    }
    // Only text and HTML content doubles as the summary (base64-encoded HTML too); other media types do not.
    setContent(s, textConstruct(el, defaultHtml), isTextOrHtmlType(el.attrs.type));
  };
  return handle;
}

function setContent(s: State, value: TextValue, copyToSummary = true): void {
  s.hasContent = true;
  if (s.content === null) s.content = value;
  if (s.summary === null && copyToSummary) s.summary = value;
}

const CATEGORY: Handler = (s, el) => {
  const scheme = el.attrs.scheme ?? el.attrs.domain ?? (el.name === 'media:category' ? 'media' : '');
  const term = el.attrs.term ?? (el.name === 'itunes:category' ? el.attrs.text : undefined);
  if (term) addTag(s, term.trim(), scheme);
  const text = ownText(el);
  if (text && !term) addTag(s, text, scheme);
  else if (text && text !== term) addTag(s, text, '');
  // iTunes nests subcategories inside their category.
  if (el.name === 'itunes:category') for (const sub of childElements(el)) if (sub.name === 'itunes:category') CATEGORY(s, sub, 0);
};

const KEYWORDS: Handler = (s, el) => {
  for (const term of ownText(el).split(',')) if (term.trim()) addTag(s, term.trim(), el.name);
};

function addTag(s: State, term: string, scheme: string): void {
  const key = `${scheme}\u0000${term}`;
  if (s.seenTags.has(key)) return;
  s.seenTags.add(key);
  s.categories.push(term);
}

function addEnclosure(s: State, url: string, type: string | undefined, length: string | undefined): void {
  if (!url || s.enclosures.some((e) => e.url === url)) return;
  const size = length && /^\d+$/.test(length.trim()) ? Number(length) : null;
  s.enclosures.push({ url, type: type?.trim() || null, length: size } satisfies Enclosure);
  if (!s.imageUrl && type?.startsWith('image/')) s.imageUrl = url;
}

const ENCLOSURE: Handler = (s, el) => {
  const url = el.attrs.url ?? el.attrs.href;
  if (url) addEnclosure(s, resolveUrl(url, el.base), el.attrs.type, el.attrs.length);
};

const MEDIA_CONTENT: Handler = (s, el, depth) => {
  const url = el.attrs.url;
  if (url && (el.attrs.medium === 'image' || el.attrs.type?.startsWith('image/')) && !s.imageUrl) s.imageUrl = resolveUrl(url, el.base);
  visitChildren(s, el, depth + 1);
};

const MEDIA_THUMBNAIL: Handler = (s, el) => {
  if (!s.imageUrl && el.attrs.url) s.imageUrl = resolveUrl(el.attrs.url, el.base);
};

const HANDLERS: Record<string, Handler> = {
  title: TITLE, 'dc:title': TITLE, 'media:title': TITLE,
  link: LINK, guid: GUID, id: GUID,
  pubdate: PUBLISHED, published: PUBLISHED, issued: PUBLISHED, 'dcterms:issued': PUBLISHED,
  updated: UPDATED, modified: UPDATED, 'dc:date': UPDATED, 'dcterms:modified': UPDATED, lastbuilddate: UPDATED,
  author: AUTHOR, 'dc:creator': AUTHOR, 'dc:author': AUTHOR, 'itunes:author': AUTHOR, managingeditor: AUTHOR,
  description: summaryHandler(true), 'dc:description': summaryHandler(true), 'media:description': summaryHandler(true),
  summary: summaryHandler(false), 'itunes:summary': summaryHandler(false), abstract: summaryHandler(false),
  'content:encoded': contentHandler(true), fullitem: contentHandler(true), content: contentHandler(false),
  body: contentHandler(true), 'xhtml:body': contentHandler(true),
  category: CATEGORY, 'dc:subject': CATEGORY, keywords: CATEGORY, 'media:category': CATEGORY, 'itunes:category': CATEGORY,
  'media:keywords': KEYWORDS, 'itunes:keywords': KEYWORDS, tags: KEYWORDS,
  enclosure: ENCLOSURE, 'media:content': MEDIA_CONTENT, 'media:group': (s, el, d) => visitChildren(s, el, d + 1),
  'media:thumbnail': MEDIA_THUMBNAIL,
};

function visitChildren(s: State, el: XmlElement, depth: number): void {
  for (const child of el.children) {
    if (typeof (child as XmlElement).name !== 'string') continue;
    const element = child as XmlElement;
    // A truncated document keeps what was complete: an element cut off mid-way is not trusted.
    if (!element.closed) continue;
    HANDLERS[element.name]?.(s, element, depth);
  }
}

/** Reads one RSS item, RDF item or Atom entry; the formats share their element vocabulary once namespaces are mapped. */
export function readItem(el: XmlElement): ItemFields {
  const s: State = {
    // Microsoft CDF puts the link and the date on the item element itself.
    guid: el.attrs['rdf:about']?.trim() || null, title: null, link: el.attrs.href ? resolveUrl(el.attrs.href, el.base) : null,
    published: null, updated: el.attrs.lastmod ?? null, author: null,
    summary: null, content: null, categories: [], enclosures: [], imageUrl: null,
    titleDepth: Infinity, guidIsLink: false, hasContent: false, seenTags: new Set(),
  };
  visitChildren(s, el, 0);
  const { guid, title, link, published, updated, author, summary, content, categories, enclosures, imageUrl } = s;
  return {
    id: '', fallbackBase: null, guid: guid || null, title, published, updated, author, summary, content, categories, enclosures, imageUrl,
    link: link ?? (s.guidIsLink && guid ? guid : null),
  };
}
