// A cheap proof that sanitize-html would return a piece of HTML unchanged, so the (costly) sanitizer
// can be skipped for HTML already in its output form — re-fetched items, well-behaved CMSs. The check
// is deliberately narrow: anything unusual fails it and goes through the sanitizer.

/** What the sanitizer keeps; the same allowlist sanitize.ts hands to sanitize-html. */
export interface Allowlist {
  tags: ReadonlySet<string>;
  attributes: (tag: string) => ReadonlySet<string>;
  urlAttributes: ReadonlySet<string>;
  styleIsClean: (style: string) => boolean;
}

// sanitize-html writes these as <br />; other void elements (col, source, wbr) take the slow path.
const VOID = new Set(['area', 'br', 'hr', 'img']);
const SLOW_PATH = new Set(['col', 'source', 'wbr']);
const P_CLOSERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'figcaption', 'figure', 'footer', 'header', 'hr', 'nav', 'ol', 'pre', 'section', 'table', 'ul']);
// Opening one of these closes the listed open element in an HTML parser, so the output would differ.
const IMPLIED_CLOSE: Record<string, ReadonlySet<string>> = {
  tr: new Set(['tr', 'th', 'td']), th: new Set(['th']), td: new Set(['thead', 'th', 'td']), li: new Set(['li']),
  dd: new Set(['dd', 'dt']), dt: new Set(['dd', 'dt']), rt: new Set(['rt', 'rp']), rp: new Set(['rt', 'rp']),
  tbody: new Set(['thead', 'tbody']), tfoot: new Set(['thead', 'tbody']),
};
const TAG = /<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"<>]*")*)( \/)?>/y;
const ATTR = / ([a-z-]+)="([^"]*)"/g;
const TEXT_OK = /^(?:[^&<>]|&(?:[a-zA-Z][a-zA-Z0-9]{0,19}|#[0-9]{1,8}|#x[0-9a-fA-F]{1,8});)*$/;
const URL_OK = /^(?:https?:\/\/|\/(?!\/))[^\s"'<>&\\]*(?:&amp;[^\s"'<>&\\]*)*$/;

export function isSanitizerFixpoint(html: string, base: string | null, allow: Allowlist): boolean {
  const stack: string[] = [];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (!TEXT_OK.test(html.slice(at, lt < 0 ? html.length : lt))) return false;
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m || !tagIsClean(m, stack, base, allow)) return false;
    at = TAG.lastIndex;
  }
  return stack.length === 0;
}

function tagIsClean(m: RegExpExecArray, stack: string[], base: string | null, allow: Allowlist): boolean {
  const [, closing, name = '', attrs = '', selfClosing] = m;
  if (!allow.tags.has(name) || SLOW_PATH.has(name)) return false;
  if (closing) return !attrs && !selfClosing && !VOID.has(name) && stack.pop() === name;
  if (VOID.has(name) !== Boolean(selfClosing)) return false;
  const top = stack[stack.length - 1];
  if (top && ((top === 'p' && P_CLOSERS.has(name)) || IMPLIED_CLOSE[name]?.has(top))) return false;
  if (!attributesAreClean(name, attrs, base, allow)) return false;
  if (!VOID.has(name)) stack.push(name);
  return true;
}

function attributesAreClean(tag: string, attrs: string, base: string | null, allow: Allowlist): boolean {
  const allowed = allow.attributes(tag);
  let previous = '';
  const seen: Record<string, string> = {};
  if (attrs === '') return tag !== 'img';
  // exec rather than matchAll, which clones the regex for every tag.
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m !== null; m = ATTR.exec(attrs)) {
    const [, name, value] = m;
    // Sorted by name as the sanitizer writes them, and never empty (it would drop the ="").
    if (!allowed.has(name!) || name! <= previous || value === '') return false;
    previous = name!;
    if (allow.urlAttributes.has(name!) && !(URL_OK.test(value!) && (base === null || !value!.startsWith('/')))) return false;
    if (!allow.urlAttributes.has(name!) && !TEXT_OK.test(value!)) return false;
    if (name === 'style' && !allow.styleIsClean(value!)) return false;
    seen[name!] = value!;
  }
  if (tag !== 'img') return true;
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](px)?\s*$/i.test(v);
  return seen.src !== undefined && !(tiny(seen.width) && tiny(seen.height));
}
