import { decodeHTMLStrict } from 'entities';
import { sanitizeHtml } from './sanitize.js';

const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>/g;
const KNOWN_INLINE = new Set([
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'cite', 'code', 'del', 'div', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'table', 'td', 'th', 'tr', 'tt', 'u', 'ul',
]);

/**
 * Whether a field declared as plain text actually carries HTML: a closing tag or an entity, and only
 * tags a writer would use in prose (so "a < b" or "<Tag>" in a title stay text).
 */
export function looksLikeHtml(text: string): boolean {
  if (!/<\/[A-Za-z]\w*>/.test(text) && !/&#?\w+;/.test(text)) return false;
  for (const m of text.matchAll(HTML_TAG)) if (!KNOWN_INLINE.has(m[1]!.toLowerCase())) return false;
  return true;
}

// Plain text that would run if someone rendered it as HTML anyway: sanitized too, whatever its type says.
const ACTIVE_MARKUP = /<(script|style|iframe|object|embed|svg|math|link|meta|base|form)\b|<[^>]+\son[a-z]+\s*=|javascript:/i;

/** Decodes HTML entities in text that is already markup-free. */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

/**
 * A contract text field (titles, feed description): XML entities are decoded; a value the feed marks as
 * HTML, or plain text that evidently is HTML, stays HTML source but sanitized — what established feed
 * parsers return, and no script survives in a title. Relative URLs in that HTML are resolved against `base`.
 */
export function toPlainText(value: string, isHtml: boolean, base: string | null = null): string {
  const trimmed = value.trim();
  return isHtml || looksLikeHtml(trimmed) || ACTIVE_MARKUP.test(trimmed) ? sanitizeHtml(trimmed, base) : trimmed;
}

/** Collapses whitespace, for ids and hashes. */
export function squashWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
