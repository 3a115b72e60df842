import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/opml/', import.meta.url));

const FEEDS = `# Admin notes stay put
feeds:
  - id: alpha
    title: Alpha & Co
    url: https://alpha.example/feed
    tags: [tech-news]
  - id: beta
    title: Beta
    url: https://beta.example/atom
    enabled: false
`;

const topicwire = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd, env });

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'topicwire-feeds-cli-'));
  mkdirSync(join(work, 'config'));
  writeFileSync(join(work, 'config', 'feeds.yaml'), FEEDS);
  copyFileSync(join(FIXTURES, 'nested.opml'), join(work, 'nested.opml'));
  copyFileSync(join(FIXTURES, 'problems.opml'), join(work, 'problems.opml'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('topicwire feeds (spawned)', () => {
  it('validates a good config and lists it', async () => {
    const validate = await topicwire(work, ['feeds', 'validate', '--config', 'config']);
    const list = await topicwire(work, ['feeds', 'list'], { TOPICWIRE_CONFIG_DIR: join(work, 'config') });

    expect(validate).toEqual({ code: 0, stdout: 'config/feeds.yaml: ok, 2 feeds (1 enabled)\n', stderr: '' });
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[1]).toMatch(/^alpha\s+yes\s+60m\s+tech-news\s+https:\/\/alpha\.example\/feed$/);
    expect(list.stdout.split('\n')[2]).toMatch(/^beta\s+no\s+60m\s+-\s+https:\/\/beta\.example\/atom$/);
  });

  it('exits 1 with one file:line line per problem for a bad config', async () => {
    const bad = join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'feeds.yaml'), `${FEEDS}  - id: alpha\n    title: Again\n    url: ftp://x.example/\n    colour: red\n`);

    const run = await topicwire(work, ['feeds', 'validate'], { TOPICWIRE_CONFIG_DIR: 'bad' });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'bad/feeds.yaml:11: feeds[2].id: duplicate id "alpha": already used by feeds[0] at line 3',
      'bad/feeds.yaml:13: feeds[2].url: must be an absolute http:// or https:// URL',
      'bad/feeds.yaml:14: feeds[2].colour: unknown key "colour"; allowed keys: id, url, title, site, enabled, pollIntervalMinutes, topics, tags',
    ]);
  });

  it('checks topic hints against topics.yaml only when that file exists', async () => {
    const hinted = join(work, 'hinted');
    mkdirSync(hinted);
    writeFileSync(join(hinted, 'feeds.yaml'), 'feeds:\n  - id: a\n    title: A\n    url: https://a.example/\n    topics: [privacy, nope]\n');
    const alone = await topicwire(work, ['feeds', 'validate', '--config', 'hinted']);
    writeFileSync(join(hinted, 'topics.yaml'), 'topics:\n  - id: privacy\n');

    const withTopics = await topicwire(work, ['feeds', 'validate', '--config', 'hinted']);

    expect(alone.code).toBe(0);
    expect(withTopics.code).toBe(1);
    expect(withTopics.stderr).toBe('hinted/feeds.yaml:5: feeds[0].topics[1]: unknown topic "nope": not defined in hinted/topics.yaml\n');
  });

  it('imports OPML: prints the merged file, then writes it with --write keeping comments', async () => {
    const preview = await topicwire(work, ['feeds', 'import', 'nested.opml', '--config', 'config']);

    expect(preview.code).toBe(0);
    expect(preview.stdout.startsWith(FEEDS)).toBe(true);
    expect(preview.stdout).toContain('  - id: rights-watch\n');
    expect(preview.stderr).toContain('nested.opml:15: /opml/body/outline[2]/outline[1]: duplicate of /opml/body/outline[1]/outline[1] (line 9)');
    expect(readFileSync(join(work, 'config', 'feeds.yaml'), 'utf8')).toBe(FEEDS);

    const write = await topicwire(work, ['feeds', 'import', 'nested.opml', '--write', '--config', 'config']);

    expect(write.code).toBe(0);
    expect(write.stderr).toContain('config/feeds.yaml: 4 feed(s) added');
    expect(readFileSync(join(work, 'config', 'feeds.yaml'), 'utf8')).toBe(preview.stdout);
  });

  it('refuses an OPML file with invalid outlines, naming each line, and writes nothing', async () => {
    const before = readFileSync(join(work, 'config', 'feeds.yaml'), 'utf8');

    const run = await topicwire(work, ['feeds', 'import', 'problems.opml', '--write', '--config', 'config']);

    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'problems.opml:6: /opml/body/outline[2]: "No URL here" has no xmlUrl',
      'problems.opml:7: /opml/body/outline[3]: "Script": invalid xmlUrl "javascript:alert(1)": must be an absolute http:// or https:// URL',
      'problems.opml:8: /opml/body/outline[4]: "FTP": invalid xmlUrl "ftp://files.example.com/feed.xml": must be an absolute http:// or https:// URL',
      'problems.opml: 3 problem(s); nothing imported',
    ]);
    expect(readFileSync(join(work, 'config', 'feeds.yaml'), 'utf8')).toBe(before);
  });

  it('exports OPML 2.0 that imports back into an empty config as the same feeds', async () => {
    const fresh = join(work, 'fresh');
    mkdirSync(fresh);

    const exported = await topicwire(work, ['feeds', 'export', '--out', 'out.opml', '--owner', 'Ops & Co', '--config', 'config']);
    const imported = await topicwire(work, ['feeds', 'import', 'out.opml', '--write', '--config', 'fresh']);
    const before = await topicwire(work, ['feeds', 'list', '--json', '--config', 'config']);
    const after = await topicwire(work, ['feeds', 'list', '--json', '--config', 'fresh']);

    expect(exported.code).toBe(0);
    expect(readFileSync(join(work, 'out.opml'), 'utf8')).toContain('<ownerName>Ops &amp; Co</ownerName>');
    expect(imported.code).toBe(0);
    const byId = (json: string) => (JSON.parse(json) as Array<{ id: string }>).sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.stdout)).toEqual(byId(before.stdout));
  });

  it('documents every subcommand in --help', async () => {
    const run = await topicwire(work, ['feeds', 'export', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Print the configured feeds as OPML 2.0');
    expect(run.stdout).toContain('--out <file>');
  });
});
