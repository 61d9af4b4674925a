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
        // The workspace packages have no side effects on import (the engine is
        // pure by design; the preview takes only a few drill components from
        // the player), so what the editor does not use must not ride along:
        // the player's screens and library, the engine's xAPI export...
        moduleSideEffects: (id: string) =>
          !/[\\/](player|engine|schemas)[\\/]src[\\/].*\.tsx?$/.test(id),
      },
    },
  },
});
