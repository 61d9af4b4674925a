/**
 * Player budgets, measured on a production build served locally and driven in
 * Debian's Chromium: the drill route's JavaScript (gzipped), the first drill
 * screen becoming interactive with the CPU slowed 4x, and the time from a tap
 * on a choice to the next beat painted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchTablet } from '../e2e/support/browser';
import { buildApp } from '../e2e/support/build';
import { firstOffered, LIBRARY_ROUTE } from '../e2e/support/library-route';
import { DIST } from '../e2e/support/paths';
import { serveDist } from '../e2e/support/static-server';
import type { BenchRow } from './types';

const LIBRARY = 'library-agitated-patron';
const RUNS = 3;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The JavaScript a tablet loads to show the drill route: the entry chunk, the
 * drill screen's chunk, and everything they import statically (from Vite's
 * build manifest). Scenario data and other screens are not part of it.
 */
export function drillRouteChunks(dist = DIST): { file: string; gzip: number }[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const drill = Object.keys(manifest).find((key) => key.endsWith('src/drill/DrillScreen.tsx'));
  if (!entry || !drill) throw new Error('the build manifest has no entry or no drill screen chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]!.imports ?? []) visit(dep);
  };
  visit(entry);
  visit(drill);
  return [...seen]
    .map((key) => manifest[key]!.file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
}

/**
 * Records, in the page, the time from each tap (when the browser hands the
 * page the click it produces) to the first moment after the frame that shows
 * what the tap led to: a new beat (`data-seq` changes) or an outcome. rAF,
 * then a message task: after paint. (The click's own timestamp would also
 * count the 10-20 ms the test driver takes to deliver synthetic touches.)
 */
async function instrumentTaps(page: Page, selector: string): Promise<void> {
  // Plain script text: the bundler that runs this file would otherwise wrap named
  // functions in helpers the page does not have.
  await page.evaluate(`(() => {
    const target = ${JSON.stringify(selector)};
    const w = window;
    const state = () => {
      const beat = document.querySelector('[data-beat-id]');
      const ready = document.querySelector('[data-choice-id]');
      if (document.querySelector('[data-outcome]')) return 'outcome';
      return beat && ready && !ready.disabled ? 'beat:' + beat.getAttribute('data-seq') : undefined;
    };
    w.tapTimes = [];
    w.shown = state();
    document.addEventListener('click', (e) => {
      if (e.target.closest(target)) w.tapAt = performance.now();
    }, true);
    new MutationObserver(() => {
      const now = state();
      if (now === undefined || now === w.shown || w.tapAt === undefined) return;
      w.shown = now;
      const t0 = w.tapAt;
      w.tapAt = undefined;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.tapTimes.push(performance.now() - t0);
        channel.port2.postMessage(0);
      });
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
}

function tapTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { tapTimes: number[] }).tapTimes);
}

/**
 * A cold first load with the CPU slowed 4x: how long until the home screen's
 * Start responds, then (once the page has settled, as it has by the time a
 * person has read the list) from the tap on Start to the first beat ready.
 */
async function firstDrillInteractive(baseUrl: string): Promise<{ home: number; start: number }> {
  const tablet = await launchTablet({ orientation: 'landscape' });
  try {
    const { page, context } = tablet;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(baseUrl, { waitUntil: 'commit' });
    await page.waitForFunction(
      (id) =>
        document.querySelector<HTMLButtonElement>(`[data-scenario-id="${id}"] button`)?.disabled ===
        false,
      LIBRARY,
      { polling: 'raf' },
    );
    const home = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await instrumentTaps(page, `[data-scenario-id="${LIBRARY}"] button`);
    await page
      .locator(`[data-scenario-id="${LIBRARY}"]`)
      .getByRole('button', { name: 'Start' })
      .tap();
    await page.waitForFunction(
      () => (window as unknown as { tapTimes: number[] }).tapTimes.length > 0,
    );
    const [start] = await tapTimes(page);
    return { home, start: start! };
  } finally {
    await tablet.close();
  }
}

/** Plays the library scenario in assessment mode and returns each tap-to-paint time. */
async function tapToNextBeat(baseUrl: string, throttle: number): Promise<number[]> {
  const tablet = await launchTablet({ orientation: 'landscape' });
  try {
    const { page, context } = tablet;
    await page.goto(baseUrl);
    await page.getByRole('radio', { name: 'Assessment' }).check();
    await page
      .locator(`[data-scenario-id="${LIBRARY}"]`)
      .getByRole('button', { name: 'Start' })
      .tap();
    await page.locator('[data-choice-id]').first().waitFor();
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await instrumentTaps(page, '[data-choice-id]');
    for (let i = 0; i < 12; i++) {
      if (await page.locator('[data-outcome], [data-instructor-option]').count()) break;
      const offered = await page
        .locator('[data-choice-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-choice-id')!));
      const pick = firstOffered(LIBRARY_ROUTE, offered) ?? offered[0];
      if (!pick) break;
      const before = (await tapTimes(page)).length;
      await page.locator(`[data-choice-id="${pick}"]`).tap();
      await page.waitForFunction(
        (n) =>
          (window as unknown as { tapTimes: number[] }).tapTimes.length > n ||
          document.querySelector('[data-instructor-option]') !== null,
        before,
      );
      await page.waitForTimeout(100);
    }
    return await tapTimes(page);
  } finally {
    await tablet.close();
  }
}

/** The player's rows of `pnpm bench`. */
export async function benchPlayer(): Promise<BenchRow[]> {
  buildApp();
  const chunks = drillRouteChunks();
  const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
  const rows: BenchRow[] = [
    {
      name: 'drill route JavaScript, gzipped (entry + drill screen + their imports)',
      value: Math.round(total / 100) / 10,
      unit: 'kB',
      budget: 110,
      note: chunks
        .map((c) => `${c.file.replace('assets/', '')} ${(c.gzip / 1000).toFixed(1)}`)
        .join(', '),
    },
  ];

  const server = await serveDist(DIST);
  try {
    const loads: { home: number; start: number }[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await firstDrillInteractive(server.url));
    const home = median(loads.map((l) => l.home));
    const start = median(loads.map((l) => l.start));
    rows.push(
      {
        name: 'home screen interactive, cold first load, 4x CPU throttling',
        value: Math.round(home),
        unit: 'ms',
      },
      {
        name: 'tap on Start to first beat ready, 4x CPU throttling',
        value: Math.round(start),
        unit: 'ms',
      },
      {
        name: 'first drill screen interactive (the two above), 4x CPU throttling',
        value: Math.round(home + start),
        unit: 'ms',
        budget: 1500,
        ratio: `medians of ${RUNS} cold loads`,
      },
    );
    const taps = await tapToNextBeat(server.url, 1);
    rows.push({
      name: 'tap on a choice to next beat painted (stored in IndexedDB first)',
      value: Math.round(median(taps) * 10) / 10,
      unit: 'ms',
      budget: 50,
      ratio: `median of ${taps.length} taps, max ${Math.round(Math.max(...taps))} ms`,
    });
    const slow = await tapToNextBeat(server.url, 4);
    rows.push({
      name: 'tap on a choice to next beat painted, 4x CPU throttling',
      value: Math.round(median(slow) * 10) / 10,
      unit: 'ms',
      ratio: `median of ${slow.length} taps, max ${Math.round(Math.max(...slow))} ms`,
    });
  } finally {
    await server.close();
  }
  return rows;
}
