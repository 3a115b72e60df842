import sanitizeHtmlLib from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { isSanitizerFixpoint } from './clean-html.js';
import { sanitizeStyle } from './css.js';
import { escapeHtml } from './entities.js';
import type { Allowlist } from './clean-html.js';
import { isSafeUrl, resolveUrl } from './urls.js';

// The allowlist of a feed reader: structure, emphasis, tables, media and links, no active content.
// Close to what established readers keep, so summaries look the same everywhere.
const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'map', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small',
  'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time',
  'tr', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
  // Harmless structure established readers keep too; <noscript> carries the real <img> of lazy-loading themes.
  'dir', 'fieldset', 'label', 'legend', 'menu', 'meter', 'noscript', 'progress',
];
const COMMON_ATTRS = ['title', 'lang', 'dir', 'class', 'id', 'align', 'valign', 'width', 'height', 'style'];
const ALLOWED_ATTRS: IOptions['allowedAttributes'] = {
  '*': COMMON_ATTRS,
  a: ['href', 'hreflang', 'rel', 'name', 'target'],
  img: ['src', 'alt', 'border', 'hspace', 'vspace', 'longdesc'],
  audio: ['src', 'controls', 'loop', 'preload'],
  video: ['src', 'controls', 'loop', 'poster', 'preload'],
  source: ['src', 'type', 'media'],
  area: ['href', 'alt', 'shape', 'coords'],
  blockquote: ['cite'], q: ['cite'], del: ['cite', 'datetime'], ins: ['cite', 'datetime'], time: ['datetime'],
  ol: ['start', 'type', 'reversed'], li: ['value'], font: ['color', 'face', 'size'],
  td: ['colspan', 'rowspan', 'headers', 'scope', 'nowrap'], th: ['colspan', 'rowspan', 'headers', 'scope', 'abbr'],
  table: ['border', 'cellpadding', 'cellspacing', 'summary'], col: ['span'], colgroup: ['span'],
};
const URL_ATTRS = ['href', 'src', 'poster', 'cite', 'longdesc'];

const attributeSets = new Map<string, ReadonlySet<string>>();
export const ALLOWLIST: Allowlist = {
  tags: new Set(ALLOWED_TAGS),
  urlAttributes: new Set(URL_ATTRS),
  styleIsClean: (style) => sanitizeStyle(style) === style,
  attributes(tag) {
    let set = attributeSets.get(tag);
    if (!set) attributeSets.set(tag, (set = new Set([...COMMON_ATTRS, ...((ALLOWED_ATTRS as Record<string, string[]>)[tag] ?? [])])));
    return set;
  },
};

function optionsFor(base: string | null): IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRS,
    allowedSchemes: ['http', 'https', 'mailto', 'ftp', 'tel', 'news', 'magnet'],
    // Inline images (lazy-loading placeholders) are data: URLs; in an <img> they cannot run anything.
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: true,
    nonTextTags: ['script', 'style', 'applet', 'template', 'title', 'textarea', 'option', 'head'],
    disallowedTagsMode: 'discard',
    // Void elements are written as <source ... />, never with a closing tag.
    selfClosing: ['img', 'br', 'hr', 'area', 'col', 'source', 'track', 'wbr'],
    // Feed HTML is often XHTML from an XML tool: <a name="x"/> is an empty element, not the start of a link.
    parser: { decodeEntities: false, lowerCaseTags: true, recognizeSelfClosing: true },
    // Styles are filtered by sanitizeStyle in absolutize(); sanitize-html would otherwise keep any CSS.
    parseStyleAttributes: false,
    transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: absolutize(attribs, base) }) },
    exclusiveFilter: (frame) => frame.tag === 'img' && (isTrackingPixel(frame.attribs) || !frame.attribs.src),
  };
}

const cache = new Map<string, IOptions>();

/**
 * Sanitizes feed HTML: no script, style, event handlers, javascript:/data: URLs or 1x1 tracking images;
 * relative href/src resolved against `base`. Text without markup is returned as it is (as established
 * feed parsers do), which also keeps the common case cheap.
 */
export function sanitizeHtml(html: string, base: string | null = null): string {
  // &#39; is how many CMSs write an apostrophe; established readers show it as one.
  const source = html.trim().replace(/\r\n?/g, '\n').replace(/&#0*39;/g, "'");
  if (!source.includes('<') || isSanitizerFixpoint(source, base, ALLOWLIST)) return source;
  // sanitize-html slows down quadratically with nesting depth; absurdly deep HTML becomes plain text instead.
  if (nestsDeeperThan(source, MAX_HTML_DEPTH)) return escapeHtml(source.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return sanitizeWithLibrary(source, base);
}

const MAX_HTML_DEPTH = 400;
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID_TAGS.has(m[2]!.toLowerCase()) && ++depth > limit) return true;
  }
  return false;
}

/** sanitize-html itself, without the shortcut; exported for the test that keeps the shortcut honest. */
export function sanitizeWithLibrary(source: string, base: string | null): string {
  const key = base ?? '';
  let options = cache.get(key);
  if (!options) {
    if (cache.size > 64) cache.clear();
    options = optionsFor(base);
    cache.set(key, options);
  }
  const { html, comments } = liftComments(source);
  const clean = sanitizeHtmlLib(html, options).trim();
  return comments.length ? clean.replace(COMMENT_TOKEN, (_, n: string) => `<!--${comments[Number(n)]}-->`) : clean;
}

// sanitize-html drops every comment; established feed readers keep them (forum markup like
// <!-- SC_OFF --> shows up in their output). Plain-worded comments are carried around the sanitizer
// as tokens and put back; anything else in a comment is dropped with it, so nothing can close early.
const COMMENT = /<!--([\s\S]*?)-->/g;
const PLAIN_COMMENT = /^[\w .,:;!?()/#@+=]*$/;
const TOKEN_MARK = '\u0001';
// eslint-disable-next-line no-control-regex -- U+0001 marks the tokens precisely because text never holds it
const COMMENT_TOKEN = /\u0001(\d+)\u0001/g;

function liftComments(source: string): { html: string; comments: string[] } {
  const comments: string[] = [];
  if (!source.includes('<!--')) return { html: source, comments };
  const html = source.replaceAll(TOKEN_MARK, '').replace(COMMENT, (_, body: string) => {
    if (!PLAIN_COMMENT.test(body)) return '';
    comments.push(body);
    return `${TOKEN_MARK}${comments.length - 1}${TOKEN_MARK}`;
  });
  return { html, comments };
}

/** Resolves and vets URL attributes; attributes come out sorted by name, as established feed parsers emit them. */
function absolutize(attribs: Record<string, string>, base: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(attribs).sort()) {
    const value = attribs[name]!;
    if (URL_ATTRS.includes(name)) {
      if (name === 'src' && /^\s*data:image\//i.test(value)) out[name] = value.trim();
      else if (isSafeUrl(value)) out[name] = base ? resolveUrl(value, base) : value;
      else if (name === 'href') out[name] = '';
    } else if (name === 'style') {
      const style = sanitizeStyle(value);
      if (style) out[name] = style;
    } else out[name] = value === '' && BOOLEAN_ATTRS.has(name) ? name : value;
  }
  return out;
}

// Written out in full (controls="controls"), as XHTML and established feed parsers write them.
const BOOLEAN_ATTRS = new Set(['controls', 'loop', 'reversed', 'nowrap']);

function isTrackingPixel(attribs: Record<string, string>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](px)?\s*$/i.test(v);
  return tiny(attribs.width) && tiny(attribs.height);
}
