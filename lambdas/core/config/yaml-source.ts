import { isCollection, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { ConfigError } from '../errors.js';

// Admin-edited YAML is validated strictly; every problem is reported as `file:LINE: path: reason`
// so the admin can jump to the line. Parsing is pure: the caller reads the file.

export type YamlPath = ReadonlyArray<string | number>;

export interface ConfigProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

export function formatPath(path: YamlPath): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Parses YAML text and validates it with `schema`; throws one ConfigError listing every problem. */
export function parseYamlConfig<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    file,
    line: lineCounter.linePos(e.pos[0]).line,
    path: '',
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (problems.length === 0) {
    const result = schema.safeParse(doc.toJS());
    if (result.success) return result.data;
    for (const issue of result.error.issues) problems.push(...describeIssue(issue, schema, (p) => lineOf(doc.contents, p, lineCounter), file));
  }
  problems.sort((a, b) => a.line - b.line);
  throw new ConfigError(problems.map(formatProblem).join('\n'));
}

/** The line of the deepest node that exists along `path` (a missing key is reported at its parent). */
export function lineOf(root: unknown, path: YamlPath, lineCounter: LineCounter): number {
  let node = root as Node | null | undefined;
  let offset = (node as Node | undefined)?.range?.[0] ?? 0;
  for (const key of path) {
    if (!node || !isCollection(node)) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else {
      const child = node.items[Number(key)] as Node | undefined;
      if (!child) break;
      offset = child.range?.[0] ?? offset;
      node = child;
    }
  }
  return lineCounter.linePos(offset).line;
}

function describeIssue(issue: $ZodIssue, schema: z.ZodType, lineAt: (path: YamlPath) => number, file: string): ConfigProblem[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    // One problem per key, at the key's own line, with the keys that would have been accepted.
    const allowed = allowedKeysAt(schema, path);
    const hint = allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
    return issue.keys.map((key) => ({
      file,
      line: lineAt([...path, key]),
      path: formatPath([...path, key]),
      message: `unknown key "${key}"${hint}`,
    }));
  }
  let message = issue.message;
  // zod words a missing key as "expected string, received undefined"; say what the admin must do.
  if (issue.code === 'invalid_type' && / received undefined$/.test(message)) message = `required key is missing (${issue.expected})`;
  // A custom issue may point at a second place (the first of two duplicates): name its line too.
  const related = issue.code === 'custom' ? (issue.params as { relatedPath?: YamlPath } | undefined)?.relatedPath : undefined;
  if (related) message += ` at line ${lineAt(related)}`;
  return [{ file, line: lineAt(path), path: formatPath(path), message }];
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

/** The keys the object schema at `path` accepts, found by walking the schema's definition. */
export function allowedKeysAt(schema: z.ZodType, path: YamlPath): string[] {
  let def = defOf(schema);
  for (const key of [...path, null]) {
    while (def && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'pipe'].includes(def.type)) {
      def = defOf(def.innerType ?? def.in);
    }
    if (!def || key === null) break;
    if (def.type === 'object' && typeof key === 'string') def = defOf(def.shape?.[key]);
    else if (def.type === 'array' && typeof key === 'number') def = defOf(def.element);
    else def = undefined;
  }
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}
