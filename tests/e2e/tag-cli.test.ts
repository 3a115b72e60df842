import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { CliContext } from '../../lambdas/cli/context.js';
import { main } from '../../lambdas/cli/main.js';
import { startLocal } from '../../lambdas/wiring/local.js';
import { runCli } from '../support/cli.js';
import type { CliRun } from '../support/cli.js';
import { sampleEntry, sampleTag } from '../support/sample-entries.js';

// The `topicwire tag` contract, run as a separate process exactly as a caller would (bin/topicwire.mjs is
// what `npx topicwire` starts).

const tagCli = (args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: process.cwd(), stdin, env });

const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('topicwire tag --jsonl', () => {
  it('writes one line per input line in order, an error line per malformed line, skips blank lines, exits 0', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'ICE agents detain 40 in raid', summary: 'Immigration officers arrested workers.' }),
      '',
      '{"id": "b", "title": "broken',
      JSON.stringify({ id: 'c', title: 'Maple Leafs win ice hockey opener', summary: 'A late goal.' }),
      JSON.stringify({ id: 7, title: 'x', summary: 'y' }),
      JSON.stringify({ id: 'd', title: 'Police face recognition ban', summary: '<p>The council voted.</p>', content: '<p>Facial recognition bias worried members.</p>' }),
      '   ',
      '[1, 2]',
    ].join('\n');

    const run = await tagCli(['tag', '--jsonl'], `${input}\n`);

    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((o) => o.id)).toEqual(['a', null, 'c', null, 'd', null]);
    const immigration = (out[0]!.evidence as Record<string, { score: number; hits: unknown[] }>).immigration!;
    expect(out[0]!.topics).toEqual(['immigration']);
    expect(immigration.score).toBeGreaterThanOrEqual(3);
    expect(immigration.hits).toContainEqual({ rule: 'immigration.agency-acronyms', phrase: 'ICE', field: 'title', weight: 6 });
    expect(out[1]!.error).toMatch(/^line 3: invalid JSON/);
    expect(out[2]).toEqual({ id: 'c', topics: [], evidence: {} });
    expect(out[3]).toEqual({ id: null, error: 'line 5: id must be a string' });
    // A ban on face recognition is also AI ethics (governance of an AI system), by rule and by model.
    expect(out[4]!.topics).toEqual(['facial-recognition', 'ai-ethics']);
    expect(out[5]).toEqual({ id: null, error: 'line 8: expected a JSON object with id, title and summary' });
  });

  it('streams a large input through, in order', async () => {
    const count = 3000;
    const input = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `n${i}`, title: i % 2 ? 'Asylum claims rise' : 'New phone ships', summary: 'Details inside.' })).join('\n');

    const run = await tagCli(['tag', '--jsonl'], input);

    const out = lines(run.stdout);
    expect(run.code).toBe(0);
    expect(out).toHaveLength(count);
    expect(out[count - 1]).toMatchObject({ id: `n${count - 1}`, topics: ['immigration'] });
    expect(out[count - 2]).toMatchObject({ id: `n${count - 2}`, topics: [] });
  });
});

describe('topicwire tag --jsonl with a reader that stops early', () => {
  it('exits 0 without an error when its output is closed (| head)', async () => {
    const child = spawn(process.execPath, ['bin/topicwire.mjs', 'tag', '--jsonl'], { cwd: process.cwd() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const line = `${JSON.stringify({ id: 'x', title: 'Asylum claims rise', summary: '' })}\n`;
    child.stdin.on('error', () => {});
    child.stdin.end(line.repeat(20_000));

    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('topicwire tag --explain', () => {
  it('shows the rules that fire and the ones held back, with scores against thresholds', async () => {
    const run = await tagCli(['tag', '--explain', 'ICE futures rally as face recognition ban passes', '--field', 'title']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/immigration \(Immigration\): score 0 \/ threshold 3, model probability 0\.\d\d \/ 0\.6 -> not tagged/);
    expect(run.stdout).toContain("title 'ICE'  [immigration.agency-acronyms] blocked by context finance");
    expect(run.stdout).toMatch(/facial-recognition \(Facial recognition\): score 6 \/ threshold 3, model probability [\d.]+ \/ 0\.6 -> TAGGED by rules/);
    // The model's side is readable too: the words that pushed for and against, with their weights.
    expect(run.stdout).toMatch(/model, for: title 'face' \+[\d.]+/);
    expect(run.stdout).toMatch(/model, against: .*title 'futures' -[\d.]+/);
  });

  it('prints the scoring as JSON with --json', async () => {
    const run = await tagCli(['tag', '--explain', 'Deportation flights resume', '--json']);

    const parsed = JSON.parse(run.stdout) as { field: string; topics: Array<{ topic: string; score: number; assigned: boolean }> };
    expect(parsed.field).toBe('summary');
    expect(parsed.topics.find((t) => t.topic === 'immigration')).toMatchObject({ score: 3, assigned: true });
  });
});

describe('topicwire tag errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tag-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 naming file:line when topics.yaml has an unsafe pattern', async () => {
    writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - id: t\n    label: T\n    threshold: 1\n    rules:\n      - id: r\n        patterns: ["(a+)+$"]\n');

    const run = await tagCli(['tag', '--jsonl'], '', { TOPICWIRE_CONFIG_DIR: dir });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/topics\.yaml:7: topics\[0\]\.rules\[0\]\.patterns\[0\]: pattern may hang the tagger/);
  });

  it('asks for --jsonl or --explain', async () => {
    const run = await tagCli(['tag']);

    expect(run.code).toBe(64);
    expect(run.stderr).toContain('give exactly one of --jsonl or --explain');
  });
});

async function runInProcess(args: string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const ctx: CliContext = { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), env: {} };
  const code = await main(args, ctx);
  return { code, stdout: out, stderr: err };
}

describe('topicwire topics test and retag over the local store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tag-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('previews the changes, applies them, and a second retag writes nothing', async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const runtime = await startLocal({ configDir: join(process.cwd(), 'config'), dataDir, stages: { tagEntry: () => [] } });
    await runtime.stores.entries.putEntries([
      sampleEntry({ id: 'hockey', title: 'Maple Leafs win on the ice', summary: 'ICE-cold finish.', topics: [sampleTag('immigration', 'ICE')], firstSeenAt: recent }),
      sampleEntry({ id: 'scans', title: 'Airport face scans expand', summary: 'More gates use facial comparison.', topics: [], firstSeenAt: recent }),
    ]);
    await runtime.close();

    const preview = await runInProcess(['topics', 'test', '--since', '7d', '--data', dataDir]);
    const first = await runInProcess(['retag', '--since', '30d', '--data', dataDir, '--json']);
    const second = await runInProcess(['retag', '--since', '30d', '--data', dataDir, '--json']);
    const after = await runInProcess(['topics', 'test', '--data', dataDir]);

    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('over 2 stored items');
    expect(preview.stdout).toContain('immigration: 1 -> 0 items (+0 added, -1 removed)');
    expect(preview.stdout).toContain('  - northwind/hockey "Maple Leafs win on the ice" - was: title \'ICE\'');
    expect(preview.stdout).toContain("  + northwind/scans \"Airport face scans expand\" - title 'face scans'");
    expect(JSON.parse(first.stdout)).toMatchObject({ scanned: 2, changed: 2, added: { 'facial-recognition': 1 }, removed: { immigration: 1 } });
    expect(JSON.parse(second.stdout)).toMatchObject({ scanned: 2, changed: 0 });
    expect(after.stdout).toContain('0 would change');
  }, 60_000);
});

describe('topicwire topics train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topics-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A fourth-topic scenario in miniature: a new topic in topics.yaml, labelled items, train, tag.
  const topicsYaml = ['topics:', '  - id: lighthouses', '    label: Lighthouses', '    threshold: 3', '    rules:', '      - id: core', '        weight: 3', '        phrases: [foghorn]'].join('\n');
  const positives = ['Keeper restores lighthouse lamp', 'Lighthouse keeper retires', 'Storm damages lighthouse lantern', 'New lens for harbour lighthouse', 'Volunteers repaint lighthouse'];
  const negatives = ['Council approves bus lanes', 'Bakery wins bread prize', 'Library extends hours', 'Ferry timetable changes', 'School repaints gym'];
  const labelled = Array.from({ length: 25 }, (_, i) => [
    { id: `p${i}`, title: positives[i % 5], summary: 'Local news.', topics: ['lighthouses'] },
    { id: `n${i}`, title: negatives[i % 5], summary: 'Local news.', topics: [] },
  ]).flat();

  it('learns topics.model.json from labelled items, and tag then uses it with its evidence', async () => {
    writeFileSync(join(dir, 'topics.yaml'), topicsYaml);
    writeFileSync(join(dir, 'labelled.jsonl'), labelled.map((l) => JSON.stringify(l)).join('\n'));

    const train = await runCli(['topics', 'train', '--items', 'labelled.jsonl', '--config', '.'], { cwd: dir });
    const tagged = await runCli(['tag', '--jsonl', '--config', '.'], { cwd: dir, stdin: `${JSON.stringify({ id: 'x', title: 'Lighthouse lamp relit', summary: '' })}\n` });
    const model = JSON.parse(readFileSync(join(dir, 'topics.model.json'), 'utf8')) as { trainedOn: { file: string; items: number } };

    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/^Trained on 50 labelled items from labelled\.jsonl; wrote topics\.model\.json\.\n {2}lighthouses: 25 positives, \d+ weighted features\n$/);
    // Named from the folder that holds the config directory (the repository root, for the shipped one).
    expect(model.trainedOn).toMatchObject({ file: `${basename(dir)}/labelled.jsonl`, items: 50 });
    const line = JSON.parse(tagged.stdout) as { topics: string[]; evidence: Record<string, { score: number; probability: number; hits: Array<{ rule: string }> }> };
    expect(line.topics).toEqual(['lighthouses']);
    expect(line.evidence.lighthouses!.score).toBe(0);
    expect(line.evidence.lighthouses!.probability).toBeGreaterThanOrEqual(0.6);
    expect(line.evidence.lighthouses!.hits[0]!.rule).toBe('lighthouses.model');
  }, 60_000);

  it('refuses labelled items with a bad line, naming the file and line, and writes no model', async () => {
    const badDir = mkdtempSync(join(tmpdir(), 'topics-train-bad-'));
    try {
      writeFileSync(join(badDir, 'topics.yaml'), topicsYaml);
      writeFileSync(join(badDir, 'labelled.jsonl'), `${JSON.stringify(labelled[0])}\n{"id": "b", "title": "T", "summary": "S", "topics": ["sailing"]}\n`);

      const train = await runCli(['topics', 'train', '--items', 'labelled.jsonl', '--config', '.'], { cwd: badDir });

      expect(train.code).toBe(1);
      expect(train.stderr).toBe('topicwire: labelled.jsonl:2: topics: "sailing" not in topics.yaml\n');
      expect(existsSync(join(badDir, 'topics.model.json'))).toBe(false);
    } finally {
      rmSync(badDir, { recursive: true, force: true });
    }
  }, 60_000);
});
