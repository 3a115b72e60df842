import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'dist', 'data', 'coverage', '.topicwire'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    // The pure core never touches the outside world: no AWS SDK, no node I/O modules.
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'node:fs*', 'node:http*', 'node:net', 'node:dns*', 'node:child_process', '**/adapters/**', '**/wiring/**'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the clock in.' }, { object: 'process', property: 'env', message: 'Core reads no environment.' }],
    },
  },
  {
    // Only adapters and wiring may talk to AWS.
    files: ['lambdas/core/**/*.ts', 'lambdas/use-cases/**/*.ts', 'lambdas/handlers/**/*.ts', 'lambdas/cli/**/*.ts'],
    ignores: [],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*'] }],
    },
  },
  // Later blocks override earlier ones for the same rule, so core's stricter list comes last.
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'node:fs*', 'node:http*', 'node:net', 'node:dns*', 'node:child_process', '**/adapters/**', '**/wiring/**'] }],
    },
  },
);
