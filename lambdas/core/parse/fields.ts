import { decodeUtf8Strict } from '../normalize/charset.js';
import { decodeEntities, escapeHtml } from '../normalize/entities.js';
import { XmlElement, XmlText } from './xml-tree.js';
import type { XmlNode } from './xml-tree.js';

/** A text construct as found in the feed: HTML source or plain text, with the base its URLs are relative to. */
export interface TextValue {
  value: string;
  html: boolean;
  base: string | null;
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param']);
const HTML_TYPES = new Set(['html', 'text/html', 'xhtml', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text', 'text/plain', 'plain']);

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c instanceof XmlElement);
}

/** The element's own character data, entities decoded, trimmed; child elements' text is not included. */
export function ownText(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += decodeEntities(c);
    else if (c instanceof XmlText) out += c.raw;
  }
  return out.trim();
}

/**
 * The value of a text construct (title, description, summary, content…). Markup written as child
 * elements (inline XHTML) is serialized back to HTML; Atom's type="xhtml" wrapper div is dropped.
 */
export function textConstruct(el: XmlElement, defaultHtml: boolean): TextValue {
  // Atom 1.0 wraps XHTML in a div that is not part of the content; older formats have no such rule.
  const unwrapDiv = el.namespace === 'http://www.w3.org/2005/atom';
  const type = (el.attrs.type ?? '').toLowerCase().trim();
  const hasElements = el.children.some((c) => c instanceof XmlElement);
  if (hasElements) {
    let nodes = el.children;
    const meaningful = nodes.filter((c) => typeof c !== 'string' || c.trim() !== '');
    const only = meaningful.length === 1 ? meaningful[0] : undefined;
    if (unwrapDiv && only instanceof XmlElement && only.localName === 'div') nodes = only.children;
    return { value: serializeNodes(nodes).trim(), html: true, base: el.base };
  }
  const html = HTML_TYPES.has(type) ? true : TEXT_TYPES.has(type) ? false : defaultHtml;
  const text = ownText(el);
  if (isBase64(el, type)) {
    const decoded = decodeBase64(text);
    return { value: decoded ?? text, html: decoded !== null && /<\/?[a-z][^>]*>/i.test(decoded), base: el.base };
  }
  return { value: text, html, base: el.base };
}

/** Whether a text construct whose type is no text or XML type, or whose mode says so, is base64 (Atom 0.3 and 1.0). */
export function isBase64(el: XmlElement, type = (el.attrs.type ?? '').toLowerCase().trim()): boolean {
  if (el.attrs.mode === 'base64') return true;
  if (!type || HTML_TYPES.has(type) || TEXT_TYPES.has(type)) return false;
  return !type.startsWith('text/') && !type.endsWith('+xml') && !type.endsWith('/xml');
}

/** Base64 text to UTF-8, or null when it is not base64 of UTF-8 text (an image, say): the caller keeps the original. */
function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return null;
  return decodeUtf8Strict(Buffer.from(text.replace(/\s+/g, ''), 'base64'))?.trim() ?? null;
}

function serializeNodes(nodes: XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += escapeHtml(decodeEntities(node));
    else if (node instanceof XmlText) out += escapeHtml(node.raw);
    else out += serializeElement(node);
  }
  return out;
}

function serializeElement(el: XmlElement): string {
  let attrs = '';
  for (const [name, value] of Object.entries(el.attrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xml:')) continue;
    attrs += ` ${name}="${escapeHtml(value)}"`;
  }
  const tag = el.localName;
  // In XML mode an unclosed <br> swallows the text after it; that text follows the tag in HTML.
  if (VOID.has(tag)) return `<${tag}${attrs} />${serializeNodes(el.children)}`;
  return `<${tag}${attrs}>${serializeNodes(el.children)}</${tag}>`;
}

/** Whether a content `type` (absent means text) is plain text or HTML, the kinds that may stand in for a summary. */
export function isTextOrHtmlType(type: string | undefined): boolean {
  const t = (type ?? 'text').toLowerCase().trim();
  return t === '' || HTML_TYPES.has(t) || TEXT_TYPES.has(t);
}

/** Whether a `type` attribute names an HTML media type (for Atom links). */
export function isHtmlType(type: string | undefined): boolean {
  const t = (type ?? 'text/html').toLowerCase().trim();
  return t === 'text/html' || t === 'application/xhtml+xml' || t === 'html' || t === 'xhtml';
}
