import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
 * The editor works offline after one visit, like the player. Its worker is
 * its own: `/editor/sw.js` with scope `/editor/`, precaching only the
 * editor's files. A browser gives each page to the registration with the
 * longest matching scope, so editor pages go to this worker and every other
 * page to the player's (`/sw.js`, scope `/`), which leaves `/editor/` alone
 * (`globIgnores`, `navigateFallbackDenylist`). Workbox names its caches by
 * scope, so neither worker's clean-up touches the other's cache.
 */
function editorOffline() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script-defer',
    scope: '/editor/',
    filename: 'sw.js',
    manifest: {
      name: 'Defuse editor: write de-escalation scenarios',
      short_name: 'Defuse editor',
      description: 'Write and check branching de-escalation scenarios, offline.',
      lang: 'en',
      start_url: '/editor/',
      scope: '/editor/',
      display: 'standalone',
      background_color: '#f3f5f7',
      theme_color: '#16344f',
      // The player's icons, served at the site root beside the editor.
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // The layout worker and the graph code are large; the editor is no use offline without them.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackAllowlist: [/^\/editor(\/|$)/],
      navigateFallbackDenylist: [/^\/api\//],
      cleanupOutdatedCaches: true,
    },
  });
}

/**
 * The editor is served beside the player: the player's build is the site
 * root, the editor lives at `/editor/` inside it.
 */
export default defineConfig({
  base: '/editor/',
  plugins: [react(), playerVirtualModules(), editorOffline()],
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
