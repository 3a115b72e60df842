// `npm run bench -- bundles`: builds every Lambda handler exactly as the house construct does (same esbuild
// options, AWS SDK bundled, the same after-bundling copies into the asset), prints each bundle's size against
// the 1 MB target and the cold import time of each bundle (node process start → module imported, `handler`
// exported) next to an empty Node process.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import { HANDLERS_DIR, HOUSE_ESBUILD, LAZY_TABLES, PROJECT_ROOT, houseBundling, houseEsbuildOptions } from '../infra/constructs/house-bundling.js';

// Every Lambda entry file: the modules in lambdas/handlers that export `handler`.
const HANDLERS = readdirSync(HANDLERS_DIR)
  .filter((f) => f.endsWith('.ts') && /export const handler\b/.test(readFileSync(join(HANDLERS_DIR, f), 'utf8')))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const RUNS = 10;
const TARGET_BYTES = 1024 * 1024;
// As deployed: the house construct sets NODE_OPTIONS=--enable-source-maps on every function.
const NODE_FLAGS = ['--enable-source-maps'];

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  top: Array<[string, number]>;
}

async function bundle(name: string, outDir: string): Promise<Bundle> {
  const assetDir = join(outDir, name);
  const file = join(assetDir, HOUSE_ESBUILD.outFile);
  const result = await build({ ...houseEsbuildOptions(join(HANDLERS_DIR, `${name}.ts`), assetDir), metafile: true, logLevel: 'error' });
  mkdirSync(assetDir, { recursive: true });
  for (const command of houseBundling().commandHooks?.afterBundling(PROJECT_ROOT, assetDir) ?? []) execSync(command);
  return { name, file, bytes: statSync(file).size, top: topPackages(result.metafile) };
}

/** The three packages contributing most bytes, so an oversized bundle says where to look. */
function topPackages(metafile: Metafile): Array<[string, number]> {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(topicwire)';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall time of a fresh `node` process running `script`, start to exit, median of RUNS. */
function coldStartMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    times.push(elapsed);
  }
  return median(times);
}

function importScript(file: string): string {
  const url = pathToFileURL(file).href;
  return `const m = await import(${JSON.stringify(url)}); if (typeof m.handler !== 'function') throw new Error('no handler export');`;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'topicwire-bundles-'));
  try {
    const bundles = [];
    for (const name of HANDLERS) bundles.push(await bundle(name, outDir));
    const baseline = coldStartMs(['-e', '']);
    process.stdout.write(`empty node process (node -e ''): ${baseline.toFixed(0)} ms (median of ${RUNS})\n\n`);
    process.stdout.write('handler      bundle     < 1 MB  cold import  vs empty node  largest contributors\n');
    let oversized = 0;
    for (const b of bundles) {
      const cold = coldStartMs([...NODE_FLAGS, '--input-type=module', '-e', importScript(b.file)]);
      const fits = b.bytes < TARGET_BYTES;
      if (!fits) oversized++;
      const top = b.top.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(', ');
      process.stdout.write(
        `${b.name.padEnd(12)} ${kb(b.bytes).padStart(8)}   ${(fits ? 'yes' : 'NO').padEnd(6)} ${`${cold.toFixed(0)} ms`.padStart(10)}  ${`${(cold / baseline).toFixed(2)}x (+${(cold - baseline).toFixed(0)} ms)`.padEnd(14)} ${top}\n`,
      );
    }
    process.stdout.write(`\n${bundles.length - oversized} of ${bundles.length} bundles under 1 MB (minified ESM, AWS SDK included, source maps separate)\n`);
    const tablesDir = join(PROJECT_ROOT, LAZY_TABLES.sourceDir);
    const tableBytes = readdirSync(tablesDir).reduce((sum, f) => sum + statSync(join(tablesDir, f)).size, 0);
    const withTables = bundles.filter((b) => existsSync(join(dirname(b.file), LAZY_TABLES.assetDir))).map((b) => b.name);
    process.stdout.write(`beside the bundle, not in it: ${LAZY_TABLES.assetDir}/ ${kb(tableBytes)} (iconv-lite CJK tables, read only when such a feed is decoded) in ${withTables.join(', ') || 'none'}\n`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
