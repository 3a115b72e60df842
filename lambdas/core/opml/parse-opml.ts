import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConfigError } from '../errors.js';
import { feedSchema, normalizeFeedUrl } from '../config/feeds.js';
import type { OpmlExtras } from './opml-extras.js';
import { readExtras } from './opml-extras.js';
import { slugify } from './slug.js';

// OPML 1.0/2.0 subscription lists. Outlines with an xmlUrl are feeds; outlines around them are folders,
// which become tags (together with the OPML 2.0 `category` attribute). Problems name the outline's line
// and XPath so the admin can find it.

export const MAX_OPML_CHARS = 5 * 1024 * 1024;

export interface OpmlFeed {
  line: number;
  /** XPath of the outline, e.g. /opml/body/outline[2]/outline[1]. */
  path: string;
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  tags: string[];
  extras: OpmlExtras;
}

export interface OpmlProblem {
  line: number;
  path: string;
  message: string;
}

export interface ParsedOpml {
  title: string | null;
  feeds: OpmlFeed[];
  /** Outlines that cannot become feeds (no or invalid xmlUrl): the import must not go ahead. */
  errors: OpmlProblem[];
  /** Worked around, but the admin should know (duplicates merged, bad htmlUrl dropped). */
  warnings: OpmlProblem[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

// Entities stay under our control: a DOCTYPE is refused before parsing (OPML never needs one), and the
// parser's own limits are a second fence. htmlEntities adds numeric references and the HTML names
// hand-written OPML uses (&eacute;), never anything from the document itself.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxTotalExpansions: 1_000_000, maxExpandedLength: MAX_OPML_CHARS },
});

export function formatOpmlProblem(file: string, p: OpmlProblem): string {
  return `${file}:${p.line}: ${p.path}: ${p.message}`;
}

/** Parses OPML text; throws ConfigError when the document as a whole is unusable (not XML, not OPML, DOCTYPE). */
export function parseOpml(file: string, text: string): ParsedOpml {
  const root = readDocument(file, text);
  const opml = childrenNamed(root, 'opml')[0];
  const body = opml && childrenNamed(opml.children, 'body')[0];
  if (!opml || !body) throw new ConfigError(`${file}:1: not an OPML document (expected <opml> with a <body>)`);
  const head = childrenNamed(opml.children, 'head')[0];
  const titleNode = head && childrenNamed(head.children, 'title')[0];
  const result: ParsedOpml = { title: titleNode ? textOf(titleNode.children) : null, feeds: [], errors: [], warnings: [] };
  const walker = { result, lines: outlineLines(text), next: 0, seen: new Map<string, OpmlFeed>() };
  walkOutlines(walker, body.children, '/opml/body', []);
  return result;
}

function readDocument(file: string, text: string): OrderedNode[] {
  if (text.length > MAX_OPML_CHARS) throw new ConfigError(`${file}: larger than ${MAX_OPML_CHARS} characters, refused`);
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) {
    throw new ConfigError(`${file}:${lineAt(text, doctype.index)}: <!${doctype[1]}> is not allowed in OPML (entities are never expanded)`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ConfigError(`${file}:${valid.err.line}: malformed XML: ${valid.err.msg}`);
  try {
    return parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new ConfigError(`${file}: malformed XML: ${(error as Error).message}`, { cause: error });
  }
}

interface Walker {
  result: ParsedOpml;
  lines: number[];
  next: number;
  seen: Map<string, OpmlFeed>;
}

function walkOutlines(w: Walker, nodes: OrderedNode[], parentPath: string, folders: string[]): void {
  let index = 0;
  for (const node of nodes) {
    if (!('outline' in node)) continue;
    index += 1;
    const attrs = stringAttributes(node[':@']);
    const children = node.outline as OrderedNode[];
    const path = `${parentPath}/outline[${index}]`;
    const line = w.lines[w.next++] ?? 1;
    const label = (attrs.title ?? attrs.text ?? '').trim();
    const hasChildren = children.some((c) => 'outline' in c);
    if (attrs.xmlUrl !== undefined || !hasChildren) addFeed(w, { line, path, attrs, label, folders });
    if (hasChildren) walkOutlines(w, children, path, label ? [...folders, label] : folders);
  }
}

interface OutlineInfo {
  line: number;
  path: string;
  attrs: Record<string, string>;
  label: string;
  folders: string[];
}

function addFeed(w: Walker, { line, path, attrs, label, folders }: OutlineInfo): void {
  const xmlUrl = (attrs.xmlUrl ?? '').trim();
  const name = label ? `"${label}"` : 'outline';
  if (!xmlUrl) {
    w.result.errors.push({ line, path, message: `${name} has no xmlUrl` });
    return;
  }
  if (!feedSchema.shape.url.safeParse(xmlUrl).success) {
    w.result.errors.push({ line, path, message: `${name}: invalid xmlUrl "${xmlUrl}": must be an absolute http:// or https:// URL` });
    return;
  }
  let htmlUrl: string | null = (attrs.htmlUrl ?? '').trim() || null;
  if (htmlUrl && !feedSchema.shape.url.safeParse(htmlUrl).success) {
    w.result.warnings.push({ line, path, message: `${name}: invalid htmlUrl "${htmlUrl}" dropped` });
    htmlUrl = null;
  }
  const tags = uniqueSlugs([...folders, ...categoriesOf(attrs.category)]);
  const key = normalizeFeedUrl(xmlUrl);
  const first = w.seen.get(key);
  if (first) {
    first.tags = uniqueSlugs([...first.tags, ...tags]);
    w.result.warnings.push({ line, path, message: `duplicate of ${first.path} (line ${first.line}) with the same xmlUrl ${xmlUrl}; merged its categories` });
    return;
  }
  const feed: OpmlFeed = { line, path, title: label || new URL(xmlUrl).hostname, xmlUrl, htmlUrl, tags, extras: readExtras(attrs) };
  w.seen.set(key, feed);
  w.result.feeds.push(feed);
}

// OPML 2.0: "a string of comma-separated slash-delimited category strings", e.g. "/Tech/News,/Privacy".
function categoriesOf(category: string | undefined): string[] {
  return (category ?? '').split(',').flatMap((c) => c.split('/')).map((c) => c.trim()).filter(Boolean);
}

function uniqueSlugs(names: string[]): string[] {
  return [...new Set(names.map((n) => slugify(n)).filter(Boolean))];
}

/** Lines of the `<outline` start tags in document order, comments and CDATA blanked out first. */
function outlineLines(text: string): number[] {
  const visible = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (const match of visible.matchAll(/<outline[\s/>]/g)) {
    for (let i = last; i < match.index; i++) if (visible.charCodeAt(i) === 10) line++;
    last = match.index;
    lines.push(line);
  }
  return lines;
}

// A bare attribute (allowBooleanAttributes) arrives as `true`; treat it as empty.
function stringAttributes(raw: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function childrenNamed(nodes: OrderedNode[], name: string): Array<{ children: OrderedNode[] }> {
  return nodes.filter((n) => name in n).map((n) => ({ children: n[name] as OrderedNode[] }));
}

function textOf(nodes: OrderedNode[]): string | null {
  const text = nodes.map((n) => (typeof n['#text'] === 'string' ? n['#text'] : '')).join('').trim();
  return text || null;
}
