import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const PLAYER_SOURCE = /[\\/]player[\\/]src[\\/]/;

/**
 * The preview imports a few drill components from `@defuse/player`. The
 * player's own screens use build-time virtual modules (its bundled
 * library) that only the player's build provides; the editor never runs
 * that code, so those imports resolve to an empty module here.
 */
export function playerVirtualModules(): Plugin {
  const PREFIX = '\0editor-empty:';
  return {
    name: 'editor-player-virtual-modules',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id.startsWith('virtual:') && importer && PLAYER_SOURCE.test(importer)) return PREFIX + id;
      return undefined;
    },
    load(id) {
      return id.startsWith(PREFIX) ? 'export default undefined;' : undefined;
    },
  };
}

// The workspace packages have no side effects on import (the engine is pure
// by design; the preview takes only a few drill components from the player),
// so what the editor does not use must not ride along: the player's screens
// and library, the engine's drill runtime in the main bundle, its xAPI export...
const treeshake = {
  moduleSideEffects: (id: string) => !/[\\/](player|engine|schemas)[\\/]src[\\/].*\.tsx?$/.test(id),
};

/**
 * The editor is served beside the player: the player's build is the site
 * root, the editor lives at `/editor/` inside it.
 */
export default defineConfig({
  base: '/editor/',
  plugins: [react(), playerVirtualModules()],
  build: {
    outDir: fileURLToPath(new URL('../player/dist/editor', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: { treeshake },
  },
  worker: {
    format: 'es',
    rolldownOptions: { treeshake },
  },
});
