import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { scenarioIndex } from './scenario-index';

export default defineProject({
  plugins: [react(), scenarioIndex(new URL('../scenarios/', import.meta.url).pathname)],
  test: {
    name: 'player',
    root: import.meta.dirname,
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
  },
});
