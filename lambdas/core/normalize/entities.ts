import { decodeHTMLStrict } from 'entities';
import { memoize } from '../memoize.js';

const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * Decodes XML's predefined, numeric and HTML named entities in raw XML text. Feeds use HTML names
 * (&nbsp; &eacute;) without declaring them, so a reader expects them decoded; unknown names stay as
 * written. DTD-declared entities are never expanded, which also makes entity-expansion bombs inert.
 */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(ENTITY, decodeReference);
}

// Feeds repeat a handful of references (&amp; &lt; &#8217;) thousands of times: each is decoded once.
const decodeReference = memoize((whole) => decodeHTMLStrict(whole) || whole, 2_000);

/** Escapes text for inclusion in HTML source. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
