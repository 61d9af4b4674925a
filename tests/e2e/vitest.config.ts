import { defineProject } from 'vitest/config';

/** Browser tests: one file at a time, against a production build served locally. */
export default defineProject({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    globalSetup: ['./support/global-setup.ts'],
  },
});
