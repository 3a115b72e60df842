import { decodeHTML } from 'entities';

// Most HTML the tagger sees is our sanitizer's output: lowercase tags, double-quoted attributes, balanced
// elements, clean entities. For that shape, a regex walk gives exactly the events htmlparser2 would give,
// at a fraction of the cost. Anything else (implied closes, stray or mismatched end tags, raw-text and
// form elements, foreign content, odd comments or entities) makes the walk give up, and the caller parses
// the fragment with htmlparser2 as before.

export interface HtmlEvents {
  open(name: string, attrs: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

// Tags whose parsing htmlparser2 treats as plain (no raw text, no foreign content, no form rules).
const PLAIN_TAGS = new Set([
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption',
  'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'nav', 'ol',
  'p', 'picture', 'pre', 'q', 's', 'samp', 'section', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
]);
const VOID_TAGS = new Set(['br', 'col', 'hr', 'img', 'source', 'wbr']);
// htmlparser2's openImpliesClose, for the plain tags: opening the key closes an open element of the set.
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const IMPLIES_CLOSE: Record<string, ReadonlySet<string>> = {
  tr: new Set(['tr', 'th', 'td']), th: new Set(['th']), td: new Set(['thead', 'th', 'td']), a: new Set(['a']), li: new Set(['li']),
  p: P, h1: HEADINGS, h2: HEADINGS, h3: HEADINGS, h4: HEADINGS, h5: HEADINGS, h6: HEADINGS, dd: new Set(['dd', 'dt']),
  dt: new Set(['dd', 'dt']), tbody: new Set(['thead', 'tbody']), tfoot: new Set(['thead', 'tbody']),
  address: P, article: P, aside: P, blockquote: P, details: P, div: P, dl: P, figcaption: P, figure: P, footer: P, header: P,
  hr: P, nav: P, ol: P, pre: P, section: P, table: P, ul: P,
};

const OPEN = /<([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>]*")*)( \/)?>/y;
const CLOSE = /<\/([a-z][a-z0-9]*)>/y;
const COMMENT = /<!--[^<>-]*-->/y;
const ATTR = / ([a-z][a-z0-9-]*)="([^"]*)"/g;
// An ampersand that does not start a complete named or numeric reference.
const LOOSE_AMPERSAND = /&(?![a-zA-Z][a-zA-Z0-9]{0,31};|#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};)/;
// Attribute values the tagger reads; the others are not decoded, so their entities do not matter.
const READ_ATTRS = new Set(['class', 'id', 'role']);

type HtmlEvent = [kind: 'open', name: string, attrs: Record<string, string>] | [kind: 'text', text: string] | [kind: 'close', name: string];

/** Replays `html` into `events` and returns true, or returns false without a call when it is not in the plain shape. */
export function walkWellFormedHtml(html: string, events: HtmlEvents): boolean {
  const read = readEvents(html);
  if (!read) return false;
  for (const event of read) {
    if (event[0] === 'open') events.open(event[1], event[2]);
    else if (event[0] === 'text') events.text(event[1]);
    else events.close(event[1]);
  }
  return true;
}

function readEvents(html: string): HtmlEvent[] | null {
  const out: HtmlEvent[] = [];
  const stack: string[] = [];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const end = lt < 0 ? html.length : lt;
    if (end > at) {
      const text = html.slice(at, end);
      if (text.includes('&') && LOOSE_AMPERSAND.test(text)) return null;
      out.push(['text', text.includes('&') ? decodeHTML(text) : text]);
    }
    if (lt < 0) break;
    at = readTag(html, lt, stack, out);
    if (at < 0) return null;
  }
  return stack.length === 0 ? out : null;
}

/** Reads the tag or comment at `lt`; returns where the text resumes, or -1 to give up. */
function readTag(html: string, lt: number, stack: string[], out: HtmlEvent[]): number {
  const next = html[lt + 1];
  if (next === '!') {
    COMMENT.lastIndex = lt;
    return COMMENT.test(html) ? COMMENT.lastIndex : -1;
  }
  if (next === '/') {
    CLOSE.lastIndex = lt;
    const m = CLOSE.exec(html);
    if (!m || VOID_TAGS.has(m[1]!) || stack[stack.length - 1] !== m[1]) return -1;
    stack.pop();
    out.push(['close', m[1]!]);
    return CLOSE.lastIndex;
  }
  OPEN.lastIndex = lt;
  const m = OPEN.exec(html);
  if (!m) return -1;
  const [, name = '', attrText = '', selfClosing] = m;
  const isVoid = VOID_TAGS.has(name);
  if (!PLAIN_TAGS.has(name) || (selfClosing && !isVoid)) return -1;
  const top = stack[stack.length - 1];
  if (top !== undefined && IMPLIES_CLOSE[name]?.has(top)) return -1;
  const attrs = readAttributes(attrText);
  if (!attrs) return -1;
  out.push(['open', name, attrs]);
  if (isVoid) out.push(['close', name]);
  else stack.push(name);
  return OPEN.lastIndex;
}

function readAttributes(text: string): Record<string, string> | null {
  const attrs: Record<string, string> = {};
  if (text === '') return attrs;
  for (const [, name = '', value = ''] of text.matchAll(ATTR)) {
    if (Object.hasOwn(attrs, name)) continue;
    if (READ_ATTRS.has(name) && value.includes('&')) return null;
    attrs[name] = value;
  }
  return attrs;
}
