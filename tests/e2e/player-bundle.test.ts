import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillRouteChunks } from '../bench/player';
import { DIST } from './support/paths';

describe('the production build', () => {
  it('ships no schema compiler: validation is compiled ahead of time, and nothing is evaluated', () => {
    const chunks = drillRouteChunks();
    expect(chunks.map((c) => c.file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/DrillScreen-.*\.js$/)]),
    );
    for (const { file } of chunks) {
      const code = readFileSync(join(DIST, file), 'utf8');
      expect(code, file).not.toMatch(/\bnew Function\b|\beval\(/);
      expect(code, file).not.toMatch(/\bajv\b/i);
    }
  });

  it('precaches the app for offline use but leaves the editor and the hub’s API to their own pages', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toMatch(/index\.html/);
    expect(sw).toMatch(/DrillScreen-[\w-]+\.js/);
    expect(sw).not.toMatch(/"editor\//);
    // Offline navigation falls back to the player, except under /editor/ and the hub's /api/.
    expect(sw).toContain('denylist:[/^\\/editor(\\/|$)/,/^\\/api\\//]');
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      icons: { sizes: string; purpose?: string }[];
    };
    expect(manifest.name).toMatch(/Defuse/);
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  });
});
