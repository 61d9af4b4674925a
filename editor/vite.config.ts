import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The editor is served beside the player: the player's build is the site
 * root, the editor lives at `/editor/` inside it.
 */
export default defineConfig({
  base: '/editor/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../player/dist/editor', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: {
        // The preview takes a few drill components from the player; the rest of
        // the player (its screens, its bundled library) must not ride along.
        moduleSideEffects: (id: string) => !/[\\/]player[\\/]src[\\/].*\.tsx?$/.test(id),
      },
    },
  },
});
