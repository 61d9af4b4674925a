import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { preloadHomeScreen } from './preload-home';
import { scenarioIndex } from './scenario-index';

/**
 * The tablet player. `dist/` is served as one site: the player at `/`, and
 * the editor, built afterwards by its own package, at `/editor/`.
 */
export default defineConfig({
  plugins: [
    react(),
    scenarioIndex(new URL('../scenarios/', import.meta.url).pathname),
    preloadHomeScreen(),
    VitePWA({
      registerType: 'autoUpdate',
      // A few lines of inline script register the worker; no client library on the drill route.
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Defuse: de-escalation drills',
        short_name: 'Defuse',
        description: 'Branching de-escalation drills for police training, on a tablet, offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f3f5f7',
        theme_color: '#16344f',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The editor is its own app under /editor/, built after this one.
        globIgnores: ['editor/**'],
        navigateFallback: 'index.html',
        // The editor is its own app; the hub's API and its docs page are never the player's shell.
        navigateFallbackDenylist: [/^\/editor(\/|$)/, /^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // tests/bench reads it to measure what each route loads.
    manifest: true,
    // Every browser the player supports preloads modules natively.
    modulePreload: { polyfill: false },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
});
