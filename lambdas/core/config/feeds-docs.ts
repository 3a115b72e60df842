import * as z from 'zod';
import { feedsFileSchema } from './feeds.js';

// docs/config.md is rendered from the zod schema (types, bounds, defaults, `.describe()` texts), and a test
// keeps the committed file equal to this output, so the reference cannot drift from what is enforced.
// Regenerate with: npx topicwire feeds docs > docs/config.md

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

interface Row {
  key: string;
  type: string;
  required: string;
  description: string;
}

const EXAMPLE = `contact: mailto:you@example.org
defaults:
  pollIntervalMinutes: 60
feeds:
  - id: eff-deeplinks
    title: EFF Deeplinks
    url: https://www.eff.org/rss/updates.xml
    site: https://www.eff.org
    tags: [civil-liberties]
    pollIntervalMinutes: 120
  - id: ars-technica
    title: Ars Technica
    url: https://feeds.arstechnica.com/arstechnica/index
    enabled: false`;

export function renderFeedsConfigDocs(): string {
  const schema = z.toJSONSchema(feedsFileSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows = collectRows(schema, '');
  return [
    '# Configuration reference: `config/feeds.yaml`',
    '',
    '<!-- Generated from lambdas/core/config/feeds.ts by `npx topicwire feeds docs > docs/config.md`; do not edit by hand. -->',
    '',
    'The feeds Topicwire polls. The file is validated strictly when Topicwire starts, deploys, or runs',
    '`npx topicwire feeds validate`: an unknown key, a bad value, or two feeds with the same id or URL',
    '(compared with lowercase host, without fragment or trailing slash) stops it with one line per problem,',
    'e.g. `config/feeds.yaml:42: feeds[3].url: must be an absolute http:// or https:// URL`.',
    'Set another config directory with `--config DIR` or the `TOPICWIRE_CONFIG_DIR` environment variable.',
    'A *slug* is lowercase letters and digits in words joined by single hyphens, at most 64 characters (`rest-of-world`).',
    '',
    '| Key | Type | Required / default | Description |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.key}\` | ${r.type} | ${r.required} | ${escapeCell(r.description)} |`),
    '',
    '## Example',
    '',
    '```yaml',
    EXAMPLE,
    '```',
    '',
    '## OPML',
    '',
    '`npx topicwire feeds export [--out FILE]` writes the feeds as OPML 2.0, one folder per first tag;',
    '`npx topicwire feeds import FILE.opml [--write]` appends the feeds of an OPML file (folders and',
    '`category` become tags; ids are derived from titles) and prints the merged file, or writes it with',
    '`--write`, keeping the comments and order of the existing file. Duplicates are reported and skipped;',
    'an outline without a valid http(s) `xmlUrl` stops the import with its line number.',
    '',
  ].join('\n');
}

function collectRows(schema: JsonSchema, prefix: string): Row[] {
  const rows: Row[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const key = prefix ? `${prefix}.${name}` : name;
    const required = schema.required?.includes(name) ? 'required' : prop.default !== undefined ? `default \`${JSON.stringify(prop.default)}\`` : 'optional';
    rows.push({ key, type: typeOf(prop), required, description: prop.description ?? '' });
    if (prop.type === 'object') rows.push(...collectRows(prop, key));
    if (prop.type === 'array' && prop.items?.type === 'object') rows.push(...collectRows(prop.items, `${key}[]`));
  }
  return rows;
}

function typeOf(prop: JsonSchema): string {
  if (prop.type === 'array') return `list of ${typeOf(prop.items ?? {})}`;
  if (prop.format === 'uri') return 'URL';
  if (prop.pattern) return 'slug';
  if (prop.type === 'integer' && prop.minimum !== undefined && prop.maximum !== undefined) return `integer ${prop.minimum}..${prop.maximum}`;
  if (prop.type === 'string' && prop.maxLength !== undefined) return `string (${prop.minLength ?? 0}..${prop.maxLength} chars)`;
  return prop.type ?? 'any';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
