import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium: the only browser the tests drive (nothing downloads one). */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless Chromium in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Makes sure Chromium is installed. As root it installs Debian's package with
 * apt-get; otherwise it stops with the command to run.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the browser tests need it.\n` +
        'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'then run the tests again.',
    );
  }
  log(
    `Chromium is missing at ${CHROMIUM}: installing it with apt-get (apt-get update && apt-get install -y chromium)…`,
  );
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(
      `Installing Chromium with apt-get failed (exit ${result.status}). ` +
        'Run  apt-get update && apt-get install -y chromium  by hand and look at its output.',
    );
  }
  log(`Chromium installed at ${CHROMIUM}.`);
  return CHROMIUM;
}
