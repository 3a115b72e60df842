import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { Option } from 'commander';
import * as z from 'zod';
import { loadTopics, topicsConfigDir } from '../../adapters/fs/topics-config.js';
import type { TagField } from '../../core/config/topics.js';
import type { TagEvidence } from '../../core/model.js';
import { scoreEntry, tagEntry } from '../../core/tag/index.js';
import type { CompiledTopics, TopicScore } from '../../core/tag/index.js';
import type { CliContext } from '../context.js';

// topicwire tag --jsonl: a streaming filter, one output line per input line in input order, so a caller
// can zip input and output. A bad line becomes an error line and the stream goes on; exit 0 when stdin
// was read to the end. topicwire tag --explain: which rules fire where, for an admin editing topics.yaml.

interface TagOptions {
  jsonl?: boolean;
  explain?: string;
  field: TagField;
  json?: boolean;
  config?: string;
}

const inputLine = z.looseObject({
  id: z.string({ error: 'id must be a string' }),
  title: z.string({ error: 'title must be a string' }),
  summary: z.string({ error: 'summary must be a string' }),
  content: z.string({ error: 'content must be a string' }).nullish(),
  categories: z.array(z.string(), { error: 'categories must be an array of strings' }).nullish(),
});

export function register(program: Command, ctx: CliContext): void {
  program
    .command('tag')
    .description('Tag items with topics from config/topics.yaml and show the evidence (rules, phrases, fields, scores)')
    .option('--jsonl', 'read JSON lines {"id","title","summary","content"?} on stdin; write one line {"id","topics","evidence"} per input line, in order. Blank lines are skipped; a malformed line yields {"id": null, "error": "line N: ..."} and the rest go on')
    .option('--explain <text>', 'show which rules fire on TEXT, per field, with each topic\'s score against its threshold')
    .addOption(new Option('--field <field>', 'which field --explain treats the text as (field weights differ)').choices(['title', 'summary', 'content']).default('summary'))
    .option('--json', 'with --explain: print the full scoring as JSON')
    .option('--config <dir>', 'config directory (default: $TOPICWIRE_CONFIG_DIR, else the repository config/)')
    .addHelpText('after', '\nExamples:\n  echo \'{"id":"1","title":"ICE agents detain 40","summary":"Raid at a plant."}\' | topicwire tag --jsonl\n  topicwire tag --explain "Police halt face recognition pilot over bias" --field title')
    .action(async (opts: TagOptions) => {
      if (Boolean(opts.jsonl) === (opts.explain !== undefined)) {
        ctx.stderr.write('topicwire tag: give exactly one of --jsonl or --explain <text> (see topicwire tag --help)\n');
        ctx.exitCode = 64;
        return;
      }
      const { compiled } = await loadTopics(topicsConfigDir(opts.config, ctx.env, ctx.cwd), ctx.cwd);
      if (opts.jsonl) await tagJsonLines(compiled, ctx);
      else explain(compiled, opts.explain!, opts.field, Boolean(opts.json), ctx.stdout);
    });
}

async function tagJsonLines(compiled: CompiledTopics, ctx: CliContext): Promise<void> {
  const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
  // A reader that goes away (`| head`) ends the run quietly instead of crashing on EPIPE.
  let closed = false;
  const onError = () => {
    closed = true;
    lines.close();
  };
  ctx.stdout.once('error', onError);
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (closed) break;
      if (line.trim() === '') continue;
      const out = JSON.stringify(tagLine(compiled, lineNo === 1 ? line.replace(/^\uFEFF/, '') : line, lineNo));
      if (!writeLine(ctx, `${out}\n`)) await Promise.race([once(ctx.stdout, 'drain'), once(ctx.stdout, 'close')]);
    }
  } catch (error) {
    if (!closed) throw error;
  } finally {
    ctx.stdout.off('error', onError);
  }
}

function writeLine(ctx: CliContext, text: string): boolean {
  try {
    return ctx.stdout.write(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ERR_STREAM_DESTROYED') return true;
    throw error;
  }
}

export function tagLine(compiled: CompiledTopics, line: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `line ${lineNo}: invalid JSON: ${(error as Error).message}` };
  }
  const parsed = inputLine.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = issue.path.length === 0 ? 'expected a JSON object with id, title and summary' : issue.message;
    return { id: null, error: `line ${lineNo}: ${what}` };
  }
  const tags = tagEntry(compiled, parsed.data);
  const evidence = Object.fromEntries(tags.map((t) => [t.topic, t.probability === undefined ? { score: t.score, hits: t.evidence } : { score: t.score, probability: t.probability, hits: t.evidence }]));
  return { id: parsed.data.id, topics: tags.map((t) => t.topic), evidence };
}

function explain(compiled: CompiledTopics, text: string, field: TagField, json: boolean, out: Writable): void {
  const scores = scoreEntry(compiled, { [field]: text });
  if (json) {
    out.write(`${JSON.stringify({ field, topics: scores }, null, 2)}\n`);
    return;
  }
  out.write(`Text read as the ${field} (weight ×${compiled.fieldWeights[field]}).\n`);
  for (const s of scores) out.write(formatScore(s));
}

export function formatScore(s: TopicScore): string {
  const byRules = s.score >= s.threshold;
  const verdict = !s.assigned ? 'not tagged' : byRules ? 'TAGGED by rules' : 'TAGGED by model';
  const model = s.learned ? `, model probability ${s.learned.probability.toFixed(2)} / ${s.learned.threshold}` : '';
  const lines = [`\n${s.topic} (${s.label}): score ${s.score} / threshold ${s.threshold}${model} -> ${verdict}`];
  for (const h of s.hits) lines.push(`  + ${String(h.weight).padStart(4)}  ${h.field} '${h.phrase}'  [${h.rule}]`);
  for (const h of s.suppressed) lines.push(`  -    0  ${h.field} '${h.phrase}'  [${h.rule}] ${h.reason}`);
  if (s.hits.length + s.suppressed.length === 0) lines.push('  (no rule fired)');
  if (s.learned) {
    const list = (hits: TagEvidence[]) => hits.map((h) => `${h.field} '${h.phrase}' ${h.weight > 0 ? '+' : ''}${h.weight}`).join(', ') || 'none';
    lines.push(`  model, for: ${list(s.learned.evidence)}`, `  model, against: ${list(s.learned.against)}`);
  }
  return `${lines.join('\n')}\n`;
}
