import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { dirname, join } from 'node:path';
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

export const HOUSE_ESBUILD = {
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  outFile: 'index.mjs',
} as const;

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
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // Admins edit config/*.yaml and run `cdk deploy`: the files travel inside every function's asset.
      afterBundling: (inputDir: string, outputDir: string) => [`cp -R "${join(inputDir, 'config')}" "${join(outputDir, 'config')}"`],
    },
  };
}
