import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import iconv from 'iconv-lite';
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLERS_DIR, HOUSE_ESBUILD, PROJECT_ROOT, houseBundling, houseEsbuildOptions } from '../../infra/constructs/house-bundling.js';
import { decodeFeedBytes } from '../../lambdas/core/normalize/charset.js';
import { sanitizeHtml } from '../../lambdas/core/normalize/sanitize.js';

/** Builds `entry` with the house options into `dir` and applies the house after-bundling copies, as a deploy does. */
async function houseAsset(entry: string, dir: string): Promise<Metafile> {
  mkdirSync(dir, { recursive: true });
  // nodePaths: the probe entry lives outside the project but imports its packages.
  const options = { ...houseEsbuildOptions(entry, dir), nodePaths: [join(PROJECT_ROOT, 'node_modules')] };
  const { metafile } = await build({ ...options, sourcemap: false, metafile: true, logLevel: 'error' });
  for (const command of houseBundling().commandHooks?.afterBundling(PROJECT_ROOT, dir) ?? []) execSync(command);
  return metafile;
}

// Texts written for this test; each carries characters that only a full table decodes (UHC Hangul in "euc-kr",
// Big5 circled digits, GB18030 four-byte sequences, the euro sign in GBK).
const SAMPLES = [
  { charset: 'Shift_JIS', text: '新しい記事：東京の天気は晴れ、気温は２０度' },
  { charset: 'EUC-JP', text: '今週の特集：鉄道の旅と駅弁' },
  { charset: 'GB2312', text: '今日新闻：价格上涨' },
  { charset: 'GBK', text: '市场报告：欧元 € 汇率' },
  { charset: 'GB18030', text: '数据中心 𠀀 扩建' },
  { charset: 'Big5', text: '新聞標題 ① 香港天氣' },
  { charset: 'EUC-KR', text: '뉴스 제목: 똠방각하 읽기' },
];

const PROBE = (module: (path: string) => string) => `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeFeedBytes } from ${module('normalize/charset.ts')};
import { sanitizeHtml } from ${module('normalize/sanitize.ts')};
const [command, input] = process.argv.slice(2);
if (command === 'decode') {
  const samples: Array<{ hex: string; contentType: string }> = JSON.parse(input ?? '[]');
  process.stdout.write(JSON.stringify(samples.map((s) => decodeFeedBytes(Buffer.from(s.hex, 'hex'), s.contentType))));
} else if (command === 'sanitize') {
  process.stdout.write(JSON.stringify((JSON.parse(input ?? '[]') as string[]).map((html) => sanitizeHtml(html, 'https://example.org/feed'))));
} else {
  new DynamoDBClient({ region: 'eu-west-1' }).config.credentials().then(
    (c) => process.stdout.write(c.accessKeyId),
    (e: Error) => process.stdout.write('error: ' + e.message),
  );
}`;

describe('house bundling', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'topicwire-house-bundle-'));
  let handlerMeta: Metafile;
  let probeMeta: Metafile;
  const probeDir = join(scratch, 'probe');
  const pollFeedDir = join(scratch, 'poll-feed');

  beforeAll(async () => {
    const probe = join(scratch, 'probe.ts');
    writeFileSync(probe, PROBE((path) => JSON.stringify(join(PROJECT_ROOT, 'lambdas', 'core', path))));
    probeMeta = await houseAsset(probe, probeDir);
    handlerMeta = await houseAsset(join(HANDLERS_DIR, 'poll-feed.ts'), pollFeedDir);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const runProbe = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, [join(probeDir, HOUSE_ESBUILD.outFile), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratch, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env } });

  it('decodes CJK feeds inside the deployed bundle exactly as iconv-lite does in the tests', () => {
    // Prepare
    const feeds = SAMPLES.map(({ charset, text }) => ({
      hex: iconv.encode(`<?xml version="1.0"?><title>${text}</title>`, charset).toString('hex'),
      contentType: `application/rss+xml; charset=${charset}`,
    }));

    // Act
    const bundled = JSON.parse(runProbe(['decode', JSON.stringify(feeds)]));

    // Assess
    const inProcess = feeds.map((f) => decodeFeedBytes(Buffer.from(f.hex, 'hex'), f.contentType));
    expect(bundled).toEqual(inProcess);
    expect(bundled.map((d: { text: string }) => d.text)).toEqual(SAMPLES.map(({ text }) => `<?xml version="1.0"?><title>${text}</title>`));
  });

  it('keeps the tables out of index.mjs and ships every one the bundle may require beside it', () => {
    for (const metafile of [probeMeta, handlerMeta]) {
      // Act
      const inputs = Object.keys(metafile.inputs);
      const externals = Object.entries(metafile.inputs).flatMap(([importer, input]) =>
        input.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => ({ importer, path: i.path })),
      );

      // Assess
      expect(inputs.some((path) => path.includes('encodings/tables/'))).toBe(false);
      expect(externals.length).toBeGreaterThan(0);
      for (const { importer, path } of externals) {
        expect(importer).toContain('node_modules/iconv-lite/');
        expect(existsSync(join(metafile === probeMeta ? probeDir : pollFeedDir, path))).toBe(true);
      }
    }
  });

  it('sanitizes HTML with style attributes as the unbundled code does, though postcss is left out', () => {
    // Prepare
    const html = [
      '<p style="color: red; position: fixed">Red <b style="font-weight:bold">text</b></p>',
      '<div style="background: url(javascript:alert(1))"><a href="/x" style="x">link</a></div>',
      '<table><tr><td style="width: 50%">cell</td></tr></table><img src="/a.png" style="float:left">',
    ];

    // Act
    const bundled = JSON.parse(runProbe(['sanitize', JSON.stringify(html)]));

    // Assess
    expect(bundled).toEqual(html.map((h) => sanitizeHtml(h, 'https://example.org/feed')));
    expect(Object.keys(handlerMeta.inputs).some((path) => path.includes('node_modules/postcss/'))).toBe(false);
  });

  it('takes AWS credentials from the environment Lambda sets, without the rest of the default chain', () => {
    // Act
    const fromEnv = runProbe(['credentials'], { AWS_ACCESS_KEY_ID: 'AKIDPROBE', AWS_SECRET_ACCESS_KEY: 'probe-secret', AWS_SESSION_TOKEN: 'probe-token' });
    const withoutEnv = runProbe(['credentials']);

    // Assess
    expect(fromEnv).toBe('AKIDPROBE');
    // The full chain would go on to ~/.aws files and instance metadata and fail with "from any providers".
    expect(withoutEnv).toMatch(/^error: .*environment variable/i);
    expect(Object.keys(handlerMeta.inputs).some((path) => path.includes('credential-provider-node/'))).toBe(false);
  });
});
