import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playerVirtualModules } from './vite.config';

export default defineProject({
  plugins: [react(), playerVirtualModules()],
  test: {
    name: 'editor',
    root: import.meta.dirname,
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
  },
});
