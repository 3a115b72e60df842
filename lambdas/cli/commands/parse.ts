import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { ParseError } from '../../core/errors.js';
import type { ParsedFeed } from '../../core/model.js';
import { parseFeed } from '../../core/parse/index.js';
import type { ParseFeedOptions } from '../../core/parse/index.js';
import type { CliContext } from '../context.js';

/** The public shape of `topicwire parse`: exactly these keys, whatever the internal Entry model carries. */
export function toContract(parsed: ParsedFeed) {
  const { title, link, description, language } = parsed.feed;
  return {
    feed: { title, link, description, language },
    items: parsed.items.map((i) => ({
      id: i.id, title: i.title, link: i.link, published: i.published, updated: i.updated,
      author: i.author, summary: i.summary, content: i.content, categories: i.categories,
    })),
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('parse')
    .description('Parse feed files (RSS, RDF, Atom, JSON Feed) and print them as JSON: {"feed": {...}, "items": [...]}. '
      + 'Exits 2 with one line on stderr when the input is not a feed.')
    .argument('<files...>', "feed files to read; '-' reads standard input")
    .option('--jsonl', 'one JSON object per file and line, in order; a file that is not a feed prints {"error", "file"}')
    .option('--pretty', 'indent the JSON (single-object output only)')
    .option('--base-url <url>', 'resolve relative links against this URL (the address the feed was fetched from)')
    .option('--strip-tracking', 'remove utm_* and similar parameters from item links, as stored entries do')
    .addHelpText('after', '\nExamples:\n  topicwire parse feed.xml\n  curl -s https://example.org/feed | topicwire parse -\n  topicwire parse --jsonl feeds/*.xml')
    .action(async (files: string[], opts: ParseCommandOptions) => {
      const parseOptions: ParseFeedOptions = { url: opts.baseUrl ?? null, keepTrackingParams: !opts.stripTracking };
      if (opts.jsonl) await parseMany(files, parseOptions, ctx);
      else if (files.length !== 1) {
        ctx.stderr.write('topicwire parse: give one file, or use --jsonl for several\n');
        ctx.exitCode = 64;
      } else await parseOne(files[0]!, parseOptions, Boolean(opts.pretty), ctx);
    });
}

interface ParseCommandOptions {
  jsonl?: boolean;
  pretty?: boolean;
  baseUrl?: string;
  stripTracking?: boolean;
}

async function parseOne(file: string, options: ParseFeedOptions, pretty: boolean, ctx: CliContext): Promise<void> {
  const result = await parseFile(file, options, ctx);
  if ('error' in result) {
    ctx.stderr.write(`topicwire parse: ${result.error}\n`);
    ctx.exitCode = result.notFeed ? 2 : 1;
    return;
  }
  ctx.stdout.write(`${JSON.stringify(toContract(result.parsed), null, pretty ? 2 : undefined)}\n`);
}

async function parseMany(files: string[], options: ParseFeedOptions, ctx: CliContext): Promise<void> {
  let buffer = '';
  for (const file of files) {
    const result = await parseFile(file, options, ctx);
    buffer += `${JSON.stringify('error' in result ? { error: result.error, file } : toContract(result.parsed))}\n`;
    if (buffer.length > 1 << 16) {
      ctx.stdout.write(buffer);
      buffer = '';
    }
  }
  if (buffer) ctx.stdout.write(buffer);
}

type FileResult = { parsed: ParsedFeed } | { error: string; notFeed: boolean };

async function parseFile(file: string, options: ParseFeedOptions, ctx: CliContext): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readAll(ctx.stdin) : readFileSync(resolve(ctx.cwd, file));
  } catch (error) {
    return { error: `${file}: cannot read: ${(error as Error).message}`.replace(/\s+/g, ' '), notFeed: false };
  }
  try {
    return { parsed: parseFeed(bytes, options) };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { error: `${file}: ${error.message.replace(/^input: /, '')}`.replace(/\s+/g, ' '), notFeed: true };
  }
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
