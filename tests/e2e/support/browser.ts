import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium';
import { OUTPUT } from './paths';

/** The two tablet viewports the player is designed for. */
export const LANDSCAPE = { width: 1024, height: 768 } as const;
export const PORTRAIT = { width: 768, height: 1024 } as const;
export type Orientation = 'landscape' | 'portrait';

/** A tablet-sized Chromium with touch, on its own profile directory. */
export interface Tablet {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  orientation: Orientation;
  /** Closes the browser and (unless kept) removes the profile. */
  close: (options?: { keepProfile?: boolean }) => Promise<void>;
  /** Kills the browser process with SIGKILL, as a crash or a dead battery would. */
  kill: () => Promise<void>;
}

/** A fresh, empty profile directory under test-output/profiles. */
export function freshProfile(): string {
  const dir = join(OUTPUT, 'profiles');
  mkdirSync(dir, { recursive: true });
  return mkdtempSync(join(dir, 'chromium-'));
}

/**
 * Launches Chromium at a tablet viewport with touch enabled. The profile is
 * persistent on disk, so IndexedDB survives a restart (or a kill) when the
 * same `userDataDir` is launched again.
 */
export async function launchTablet(
  options: { orientation?: Orientation; userDataDir?: string } = {},
): Promise<Tablet> {
  const executablePath = ensureChromium();
  const orientation = options.orientation ?? 'landscape';
  const userDataDir = options.userDataDir ?? freshProfile();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: orientation === 'landscape' ? LANDSCAPE : PORTRAIT,
    screen: orientation === 'landscape' ? LANDSCAPE : PORTRAIT,
    hasTouch: true,
    deviceScaleFactor: 1,
    acceptDownloads: true,
    reducedMotion: 'no-preference',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    userDataDir,
    orientation,
    async close({ keepProfile = false } = {}) {
      if (!closed) {
        closed = true;
        await context.close().catch(() => undefined);
      }
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
    async kill() {
      const pids = browserPids(userDataDir);
      if (pids.length === 0) throw new Error('No Chromium process found for this profile');
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      closed = true;
      // Let Playwright notice the dead connection before the profile is reused.
      await context.close().catch(() => undefined);
    },
  };
}

/** Process ids of the main Chromium process(es) started on this profile. */
function browserPids(userDataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (!args.includes(`--user-data-dir=${userDataDir}`)) continue;
    if (args.some((a) => a.startsWith('--type='))) continue;
    pids.push(Number(entry));
  }
  return pids;
}
