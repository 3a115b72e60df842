// Tests are transformed by SWC without type-checking; `npm run typecheck` runs tsc once instead.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
  maxWorkers: 2,
  testTimeout: 20000,
};
