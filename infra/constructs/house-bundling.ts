import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Shared by the house function construct and bench/bundles.bench.ts, so the benchmark measures
// exactly the artefact `cdk deploy` ships.

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HANDLERS_DIR = join(PROJECT_ROOT, 'lambdas', 'handlers');
export const CONFIG_DIR = join(PROJECT_ROOT, 'config');

/** Where the copied `config/*.yaml` files live inside the deployed function (`/var/task` is the code root). */
export const DEPLOYED_CONFIG_DIR = '/var/task/config';

// esbuild's ESM output has no `require`; CommonJS dependencies that call it for Node built-ins need one.
export const ESM_REQUIRE_BANNER = "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);";

/**
 * iconv-lite's multi-byte tables (Shift_JIS, EUC-JP, GBK/GB18030, Big5, EUC-KR; about 400 KB once bundled) are
 * required one codec at a time, as `require('./tables/NAME.json')`, when a feed in that charset is first decoded.
 * Kept out of index.mjs and shipped beside it in `tables/`, they cost nothing on a cold start and load from disk
 * (through the banner's `require`, relative to index.mjs) only for the feeds that need them. Node's TextDecoder is
 * no replacement: its ICU decoders for gbk, big5 and euc-kr lose characters iconv-lite decodes (€ in GBK, HKSCS and
 * Big5 symbols, the UHC Hangul syllables that "euc-kr" feeds carry).
 */
export const LAZY_TABLES = {
  importPattern: './tables/*.json',
  sourceDir: relative(PROJECT_ROOT, join(dirname(createRequire(import.meta.url).resolve('iconv-lite')), '..', 'encodings', 'tables')),
  assetDir: 'tables',
} as const;

/**
 * Modules swapped for a small stand-in (relative to the project root, where esbuild runs), each because the code it
 * replaces cannot run inside a Lambda function: about 130 KB of credential providers in every bundle (with the
 * STS/SSO clients they need) and 90 KB of postcss in poll-feed. The stand-ins say why in their own files; the
 * bundle tests check that both still behave as the real modules do in Lambda.
 */
export const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': './infra/bundle-stubs/lambda-credentials.ts',
  postcss: './infra/bundle-stubs/postcss-unused.ts',
} as const;

export const HOUSE_ESBUILD = {
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  external: [LAZY_TABLES.importPattern],
  alias: BUNDLE_ALIASES,
  outFile: 'index.mjs',
} as const;

/** The same build through esbuild's API (bench, tests); `cdk synth` runs the CLI with the options below. */
export function houseEsbuildOptions(entryPoint: string, outDir: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    bundle: true,
    outfile: join(outDir, HOUSE_ESBUILD.outFile),
    absWorkingDir: PROJECT_ROOT,
    format: HOUSE_ESBUILD.format,
    platform: HOUSE_ESBUILD.platform,
    target: HOUSE_ESBUILD.target,
    minify: HOUSE_ESBUILD.minify,
    sourcemap: HOUSE_ESBUILD.sourcemap,
    mainFields: [...HOUSE_ESBUILD.mainFields],
    banner: { js: HOUSE_ESBUILD.banner },
    external: [...HOUSE_ESBUILD.external],
    alias: { ...HOUSE_ESBUILD.alias },
  };
}

/**
 * NodejsFunction bundling for every Topicwire Lambda. The AWS SDK is bundled (not taken from the runtime)
 * so production runs the exact SDK version the tests ran against.
 */
export function houseBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: HOUSE_ESBUILD.target,
    minify: HOUSE_ESBUILD.minify,
    sourceMap: HOUSE_ESBUILD.sourcemap,
    mainFields: [...HOUSE_ESBUILD.mainFields],
    banner: HOUSE_ESBUILD.banner,
    bundleAwsSDK: true,
    externalModules: [...HOUSE_ESBUILD.external],
    esbuildArgs: { '--alias': Object.entries(HOUSE_ESBUILD.alias).map(([name, path]) => `${name}=${path}`) },
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [
        // Admins edit config/*.yaml and run `cdk deploy`: the files travel inside every function's asset.
        `cp -R "${join(inputDir, 'config')}" "${join(outputDir, 'config')}"`,
        // Only bundles that can require a table (those with iconv-lite in them) get the tables.
        `if grep -qsF '"./${LAZY_TABLES.assetDir}/' "${join(outputDir, HOUSE_ESBUILD.outFile)}"; then cp -R "${join(inputDir, LAZY_TABLES.sourceDir)}" "${join(outputDir, LAZY_TABLES.assetDir)}"; fi`,
      ],
    },
  };
}
