import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from './paths';

function hasBuildScript(pkgDir: string): boolean {
  const file = join(ROOT, pkgDir, 'package.json');
  if (!existsSync(file)) return false;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> };
  return typeof pkg.scripts?.build === 'string';
}

function run(pkgDir: string): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: join(ROOT, pkgDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(
      `Building ${pkgDir} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Builds what `pnpm start` serves: the player into `player/dist`, then the
 * editor (when it has a build script) into `player/dist/editor`.
 */
export function buildApp(warn: (line: string) => void = console.warn): string {
  run('player');
  if (hasBuildScript('editor')) {
    // The player's tests do not depend on the editor; a broken editor build is its own tests' business.
    try {
      run('editor');
    } catch (error) {
      warn(`The editor did not build, so /editor/ is not served: ${String(error).slice(0, 2000)}`);
    }
  }
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`No build found in ${DIST}`);
  return DIST;
}
