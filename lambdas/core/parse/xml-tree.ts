import { Parser } from 'htmlparser2';
import type { Handler } from 'htmlparser2';
import { decodeEntities } from '../normalize/entities.js';
import { joinBase } from '../normalize/urls.js';

/** A CDATA section's text, taken literally; ordinary character data is kept as a plain string, entities still encoded. */
export class XmlText {
  constructor(readonly raw: string) {}
}

export type XmlNode = XmlElement | XmlText | string;

/**
 * An element with its name mapped to the prefix established feed parsers use for its namespace
 * ('' for RSS and Atom, 'dc', 'content', 'media'…), lower-cased, so `<DC:Creator>` under any declared
 * prefix reads as 'dc:creator'.
 */
export class XmlElement {
  readonly children: XmlNode[] = [];
  /** False when the input ended before the closing tag (a truncated document). */
  closed = false;
  constructor(
    readonly name: string,
    readonly localName: string,
    readonly attrs: Record<string, string>,
    readonly base: string | null,
    readonly lang: string | null,
    /** Namespace URI (lower-cased), '' when none is declared. */
    readonly namespace: string,
  ) {}
}

const CANONICAL_PREFIX: Record<string, string> = {
  'http://backend.userland.com/rss': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://purl.org/atom/ns#': '',
  'http://www.w3.org/2005/atom': '',
  'http://purl.org/rss/1.0/modules/rss091#': '',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss': 'media',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/commentapi/': 'wfw',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.georss.org/georss': 'georss',
};

type Scope = Map<string, string>;

export interface XmlDocument {
  root: XmlElement | null;
  /** The document ended inside an element. */
  truncated: boolean;
}

/**
 * Reads XML into a small element tree (minus the record elements streamed to `onRecord`) with htmlparser2's forgiving tokenizer: unclosed tags, stray
 * ampersands, undeclared prefixes and bytes before the declaration all survive. Entities are left
 * for the caller (see decodeEntities); DOCTYPE declarations are read and ignored, never expanded.
 */
export interface ReadXmlOptions {
  /** Elements handed to `onRecord` as soon as they close and then dropped from the tree (feed items). */
  recordNames?: ReadonlySet<string>;
  /** `order` counts record elements by where they open, so an item left open around the next one still comes first. */
  onRecord?: (element: XmlElement, order: number) => void;
}

export function readXml(source: string, baseUrl: string | null, options: ReadXmlOptions = {}): XmlDocument {
  const lifted = liftCdata(source);
  const { sections } = lifted;
  const text = expandDeclaredEntities(lifted.text);
  const builder = new TreeBuilder(baseUrl, sections, options);
  const parser = new Parser(builder, { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true });
  builder.stop = () => parser.pause();
  parser.write(text);
  builder.atEnd = true;
  parser.end();
  return builder.result();
}

// Real feeds nest a few dozen levels at most; the readers of the tree recurse.
const MAX_DEPTH = 256;
const MAX_OVERFLOW = 4096;

/** htmlparser2 callbacks that grow the element tree. */
class TreeBuilder implements Partial<Handler> {
  atEnd = false;
  stop?: () => void;
  private readonly top: XmlElement;
  private readonly stack: XmlElement[];
  private readonly scopes: Scope[] = [EMPTY_SCOPE];
  private inCdata = false;
  private truncated = false;
  /** Elements opened beyond MAX_DEPTH: ignored (their text still counts) so hostile nesting cannot exhaust the stack. */
  private overflow = 0;
  private readonly recordOrder = new Map<XmlElement, number>();
  private recordsOpened = 0;

  constructor(
    baseUrl: string | null,
    private readonly sections: string[],
    private readonly options: ReadXmlOptions,
  ) {
    this.top = new XmlElement('#document', '#document', {}, baseUrl, null, '');
    this.stack = [this.top];
  }

  onopentag(qname: string, attribs: Record<string, string>): void {
    const parent = this.stack[this.stack.length - 1]!;
    if (qname === CDATA_MARK) {
      const section = this.sections[Number(attribs.n)];
      if (section !== undefined) parent.children.push(new XmlText(section));
      return;
    }
    if (this.stack.length > MAX_DEPTH) {
      // The tokenizer's own stack grows quadratically more expensive: stop reading a document this hostile.
      if (++this.overflow > MAX_OVERFLOW) {
        this.truncated = true;
        this.stop?.();
      }
      return;
    }
    const scope = scopeFor(this.scopes[this.scopes.length - 1]!, attribs);
    const element = makeElement(qname, attribs, scope, parent);
    parent.children.push(element);
    if (this.options.recordNames?.has(element.name)) this.recordOrder.set(element, this.recordsOpened++);
    this.stack.push(element);
    this.scopes.push(scope);
  }

  ontext(data: string): void {
    this.stack[this.stack.length - 1]!.children.push(this.inCdata ? new XmlText(data) : data);
  }

  oncdatastart(): void {
    this.inCdata = true;
  }

  oncdataend(): void {
    this.inCdata = false;
  }

  onclosetag(name: string): void {
    if (this.stack.length <= 1 || name === CDATA_MARK) return;
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    const element = this.stack.pop()!;
    this.scopes.pop();
    // Self-closing and mismatched tags close "implicitly" too; only the input running out means damage.
    element.closed = !this.atEnd;
    if (this.atEnd) this.truncated = true;
    // Items are read and released one at a time, so a large feed never exists as a whole tree.
    const { recordNames, onRecord } = this.options;
    if (onRecord && recordNames?.has(element.name)) {
      this.stack[this.stack.length - 1]!.children.pop();
      const order = this.recordOrder.get(element) ?? 0;
      // Released at once: holding every item element until the end would keep the whole feed in memory.
      this.recordOrder.delete(element);
      onRecord(element, order);
    }
  }

  result(): XmlDocument {
    return { root: findRoot(this.top), truncated: this.truncated };
  }
}

const FEED_ROOTS: ReadonlySet<string> = new Set(['rss', 'rdf', 'feed', 'channel']);

/**
 * The document element; when markup precedes the feed (a PHP warning printed before the XML
 * declaration, say) the first feed-like element near the top is the root instead.
 */
function findRoot(top: XmlElement): XmlElement | null {
  let level = top.children.filter((c): c is XmlElement => c instanceof XmlElement);
  const first = level[0] ?? null;
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const feed = level.find((el) => FEED_ROOTS.has(el.localName));
    if (feed) return feed;
    level = level.flatMap((el) => el.children.filter((c): c is XmlElement => c instanceof XmlElement));
  }
  return first;
}

// The tokenizer walks CDATA character by character, and feed content is mostly CDATA: cut complete
// sections out with indexOf first and leave a marker element in their place.
const CDATA_MARK = '__topicwire-cdata';
const CDATA_OPEN = '<![CDATA[';

function liftCdata(source: string): { text: string; sections: string[] } {
  let at = source.indexOf(CDATA_OPEN);
  if (at < 0) return { text: source, sections: [] };
  const parts: string[] = [];
  const sections: string[] = [];
  let last = 0;
  while (at >= 0) {
    const end = source.indexOf(']]>', at + CDATA_OPEN.length);
    if (end < 0) break;
    parts.push(source.slice(last, at), `<${CDATA_MARK} n="${sections.length}"/>`);
    sections.push(source.slice(at + CDATA_OPEN.length, end));
    last = end + 3;
    at = source.indexOf(CDATA_OPEN, last);
  }
  parts.push(source.slice(last));
  return { text: parts.join(''), sections };
}

// Internal entities the DOCTYPE declares with a literal value (no '&', so they cannot nest) are
// expanded, as XML and the reference parser do; external (SYSTEM/PUBLIC) and nesting ones never are.
const SAFE_ENTITY_DECLARATION = /<!ENTITY\s+(\w+)\s+"(&#\w+;|[^&"%]*)"\s*>/g;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Expansion may add at most this much text (plus the document's own length): a cheap stop for
// a long value referenced many times.
const MAX_EXPANSION = 1 << 20;

function expandDeclaredEntities(text: string): string {
  const start = text.search(/<\w/);
  if (start < 0) return text;
  const head = text.slice(0, start);
  if (!head.includes('<!ENTITY')) return text;
  const values = new Map<string, string>();
  for (const m of head.matchAll(SAFE_ENTITY_DECLARATION)) if (!PREDEFINED.has(m[1]!)) values.set(m[1]!, m[2]!);
  if (values.size === 0) return text;
  let budget = MAX_EXPANSION + text.length;
  const body = text.slice(start).replace(/&(\w+);/g, (ref, name: string) => {
    const value = values.get(name);
    if (value === undefined || (budget -= value.length) < 0) return ref;
    return value;
  });
  return head + body;
}

const EMPTY_SCOPE: Scope = new Map();
// Identical namespace scopes are shared between documents, so the name cache below survives them.
const internedScopes = new Map<string, Scope>();

function scopeFor(parent: Scope, attribs: Record<string, string>): Scope {
  let scope: Scope | null = null;
  for (const key in attribs) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(key === 'xmlns' ? '' : key.slice(6).toLowerCase(), decodeEntities(attribs[key]!).trim().toLowerCase());
  }
  if (!scope) return parent;
  const signature = [...scope].join('\n');
  const known = internedScopes.get(signature);
  if (known) return known;
  if (internedScopes.size > 256) internedScopes.clear();
  internedScopes.set(signature, scope);
  return scope;
}

// Feeds repeat a handful of names thousands of times; the mapping only changes where xmlns does.
const nameCache = new WeakMap<Scope, Map<string, string>>();

function canonicalName(qname: string, scope: Scope, isAttribute: boolean): string {
  let cache = nameCache.get(scope);
  if (!cache) nameCache.set(scope, (cache = new Map()));
  const key = isAttribute ? `@${qname}` : qname;
  let name = cache.get(key);
  if (name === undefined) cache.set(key, (name = mapName(qname, scope, isAttribute)));
  return name;
}

function mapName(qname: string, scope: Scope, isAttribute: boolean): string {
  const colon = qname.indexOf(':');
  const local = (colon < 0 ? qname : qname.slice(colon + 1)).toLowerCase();
  if (colon < 0) {
    // Unprefixed elements take the default namespace; only XHTML gets a prefix of its own there.
    if (isAttribute) return local;
    return scope.get('') === 'http://www.w3.org/1999/xhtml' ? `xhtml:${local}` : local;
  }
  const prefix = qname.slice(0, colon).toLowerCase();
  if (prefix === 'xml' || prefix === 'xmlns') return `${prefix}:${local}`;
  const uri = scope.get(prefix);
  // Undeclared or unknown namespaces keep the prefix as written: that is how feeds use them.
  const canonical = uri === undefined ? undefined : CANONICAL_PREFIX[uri.replace(/backend\.userland\.com\/rss.*/, 'backend.userland.com/rss')];
  const mapped = canonical ?? prefix;
  return mapped ? `${mapped}:${local}` : local;
}

function makeElement(qname: string, attribs: Record<string, string>, scope: Scope, parent: XmlElement): XmlElement {
  const attrs: Record<string, string> = {};
  for (const key in attribs) attrs[canonicalName(key, scope, true)] = decodeEntities(attribs[key]!);
  const name = canonicalName(qname, scope, false);
  const colon = qname.indexOf(':');
  const namespace = scope.get(colon < 0 ? '' : qname.slice(0, colon).toLowerCase()) ?? '';
  const localName = name.slice(name.indexOf(':') + 1);
  const base = attrs['xml:base'] !== undefined ? joinBase(parent.base, attrs['xml:base']) : parent.base;
  const lang = attrs['xml:lang'] !== undefined ? attrs['xml:lang'] || null : parent.lang;
  return new XmlElement(name, localName, attrs, base, lang, namespace);
}
