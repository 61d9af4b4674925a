import { defineConfig } from 'vitest/config';

/**
 * One test run for the whole workspace. Each package is a project; the
 * browser tests live in `tests/e2e` and run one file at a time because
 * they share a built app and a Chromium.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]],
    projects: [
      { test: { name: 'schemas', include: ['schemas/test/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'engine', include: ['engine/test/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'hub',
          include: ['hub/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A throwaway PostgreSQL 15 cluster and a PGlite template for every hub suite.
          globalSetup: ['hub/test/support/global-setup.ts'],
        },
      },
      'player/vitest.config.ts',
      'editor/vitest.config.ts',
      {
        test: {
          name: 'tests',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      'tests/e2e/vitest.config.ts',
    ],
  },
});
