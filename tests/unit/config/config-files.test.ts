import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CONFIG_DIR,
  loadFeedsConfig,
  readConfigFile,
  resolveConfigDir,
  writeConfigFile,
} from '../../../lambdas/adapters/fs/config-files.js';
import { ConfigError } from '../../../lambdas/core/errors.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topicwire-config-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveConfigDir', () => {
  it('prefers --config, then TOPICWIRE_CONFIG_DIR, then the repository config/', () => {
    expect(resolveConfigDir({ option: 'cfg', env: { TOPICWIRE_CONFIG_DIR: '/env' }, cwd: '/work' })).toBe('/work/cfg');
    expect(resolveConfigDir({ env: { TOPICWIRE_CONFIG_DIR: 'rel' }, cwd: '/work' })).toBe('/work/rel');
    expect(resolveConfigDir({ env: {}, cwd: '/work' })).toBe(DEFAULT_CONFIG_DIR);
    expect(readFileSync(join(DEFAULT_CONFIG_DIR, 'feeds.yaml'), 'utf8')).toContain('feeds:');
  });
});

describe('loadFeedsConfig', () => {
  it('names the file relative to the working directory in its errors', async () => {
    writeFileSync(join(dir, 'feeds.yaml'), 'feeds:\n  - id: a\n    title: A\n    url: gopher://a.example/\n');

    await expect(loadFeedsConfig(dir, join(dir, '..'))).rejects.toThrow(/^topicwire-config-\w+\/feeds\.yaml:4: feeds\[0\]\.url: /);
  });

  it('loads a valid file', async () => {
    writeFileSync(join(dir, 'feeds.yaml'), 'feeds:\n  - id: a\n    title: A\n    url: https://a.example/\n');

    const config = await loadFeedsConfig(dir, dir);

    expect(config.feeds.map((f) => f.id)).toEqual(['a']);
  });

  it('fails with ConfigError when the file is missing', async () => {
    const missing = join(dir, 'nowhere');

    await expect(loadFeedsConfig(missing, '/srv/elsewhere')).rejects.toThrow(ConfigError);
    await expect(loadFeedsConfig(missing, '/srv/elsewhere')).rejects.toThrow(`${missing}/feeds.yaml: not found`);
    expect(await readConfigFile(missing, 'feeds.yaml')).toBeNull();
  });
});

describe('writeConfigFile', () => {
  it('replaces the file content', async () => {
    const path = join(dir, 'out.yaml');
    writeFileSync(path, 'old');

    await writeConfigFile(path, 'new');

    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('creates a missing config directory', async () => {
    const path = join(dir, 'new-config', 'feeds.yaml');

    await writeConfigFile(path, 'feeds: []\n');

    expect(readFileSync(path, 'utf8')).toBe('feeds: []\n');
  });
});
