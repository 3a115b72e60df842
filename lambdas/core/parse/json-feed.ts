import { resolveUrl } from '../normalize/urls.js';
import type { Enclosure } from '../model.js';
import type { ItemFields } from './entry.js';
import type { RawFeedMeta } from './raw.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A JSON Feed 1.0 or 1.1 document: an object whose `version` names jsonfeed.org. */
export function isJsonFeed(doc: unknown): doc is Json {
  const version = obj(doc)?.version;
  return typeof version === 'string' && /jsonfeed\.org\/version\//i.test(version);
}

/** JSON Feed 1.0 and 1.1 (`author` became `authors`; both are read). */
export function readJsonFeed(doc: Json, baseUrl: string | null): { feed: RawFeedMeta; items: ItemFields[] } {
  const link = str(doc.home_page_url);
  const base = baseUrl ?? link;
  const feed: RawFeedMeta = {
    title: textOf(doc.title, false),
    link,
    description: textOf(doc.description, false),
    language: str(doc.language),
    ttlMinutes: null,
  };
  const items = list(doc.items).map(obj).filter((i): i is Json => i !== null).map((item) => readJsonItem(item, base));
  return { feed, items };
}

function readJsonItem(item: Json, base: string | null): ItemFields {
  const url = str(item.url) ?? str(item.external_url);
  const html = str(item.content_html);
  const enclosures: Enclosure[] = list(item.attachments).map(obj).flatMap((a) => {
    const href = a && str(a.url);
    return href ? [{ url: resolveUrl(href, base), type: str(a.mime_type), length: typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null }] : [];
  });
  const authors = [...list(item.authors), item.author].map(obj).filter((a): a is Json => a !== null);
  const tags = list(item.tags).map(str).filter((t): t is string => t !== null);
  return {
    id: '',
    fallbackBase: null,
    guid: str(item.id),
    title: textOf(item.title, false),
    link: url ? resolveUrl(url, base) : null,
    published: str(item.date_published),
    updated: str(item.date_modified),
    author: authors.map((a) => str(a.name)).find((n) => n) ?? null,
    summary: textOf(item.summary, false),
    content: html ? { value: html, html: true, base } : textOf(item.content_text, false),
    categories: [...new Set(tags)],
    enclosures,
    imageUrl: str(item.image) ?? str(item.banner_image),
  };
}

function textOf(value: unknown, html: boolean) {
  const text = str(value);
  return text ? { value: text, html, base: null } : null;
}
