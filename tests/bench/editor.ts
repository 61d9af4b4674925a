/**
 * The editor's budgets, on a production build in Chromium: opening a
 * generated 1,000-beat scenario, panning and dragging at that size,
 * revalidation after an edit at 500 beats, and the JavaScript it ships.
 * Frame rates are reported as frame times so that "lower is better" holds
 * for every row (20 ms per frame is 50 frames per second). Chromium runs
 * headless without a GPU here, so drawing is done in software: zoomed all
 * the way out, painting hundreds of nodes and their edges is the cost, not
 * the editor's JavaScript. There the canvas draws its low level of detail
 * (plain blocks, no labels, no background dots, the graph on a layer of its
 * own), which the last frame rows measure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import type { Scenario } from '@defuse/schemas';
import { createEditorStore } from '../../editor/src/store/editor-store';
import { validateDocument } from '../../editor/src/model/validation';
import { openingLayout } from '../../editor/src/canvas/layout';
import { CHROMIUM_ARGS, ensureChromium } from '../e2e/support/chromium';
import { ROOT } from '../e2e/support/paths';
import { serveDist } from '../e2e/support/static-server';
import { generateScenario } from './generate';
import type { BenchRow } from './types';

const OPEN_BEATS = 1000;
const EDIT_BEATS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function countChoices(doc: Scenario): number {
  let n = 0;
  for (const beat of Object.values(doc.beats)) {
    if (beat.kind !== 'outcome') n += beat.choices?.length ?? 0;
  }
  return n;
}

/** Builds the editor for production into a fresh directory laid out as the site serves it. */
function buildEditor(): string {
  const site = mkdtempSync(join(tmpdir(), 'defuse-editor-bench-'));
  const result = spawnSync(
    join(ROOT, 'editor', 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', join(site, 'editor'), '--emptyOutDir'],
    {
      cwd: join(ROOT, 'editor'),
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0)
    throw new Error(`editor build failed:\n${result.stdout}\n${result.stderr}`);
  return site;
}

/**
 * Gzipped sizes of the built JavaScript: all the editor's code, what loads at
 * start, and the shipped scenarios (content, not code: each loads only when
 * the Library tab opens).
 */
function scriptSizes(site: string): { all: number; startup: number; scenarios: number } {
  const assets = join(site, 'editor', 'assets');
  const html = readFileSync(join(site, 'editor', 'index.html'), 'utf8');
  let all = 0;
  let startup = 0;
  let scenarios = 0;
  // `jobs-*` is the worker's code for browsers without workers: never loaded beside the worker.
  for (const file of readdirSync(assets).filter(
    (f) => f.endsWith('.js') && !f.startsWith('jobs-'),
  )) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    if (file.includes('.scenario-')) {
      scenarios += size;
      continue;
    }
    all += size;
    // The entry is named in index.html; the worker starts with the editor; the preview loads on Play.
    if (html.includes(file) || file.startsWith('worker')) startup += size;
  }
  return { all, startup, scenarios };
}

// Page scripts are plain strings: the bench runs under tsx, whose helpers
// for function names do not exist inside the page.
const OPEN_SCRIPT = `async ({ text, start, title }) => {
  const input = document.querySelector('input[type=file]');
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], 'generated.scenario.json', { type: 'application/json' }));
  const began = performance.now();
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const node = document.querySelector('[data-beat-id="' + start + '"] .node-title');
    if (node && node.textContent === title) break;
    if (performance.now() - began > 60000) throw new Error('the scenario never appeared');
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - began;
}`;

const RECORD_SCRIPT = `() => {
  window.__frames = [];
  window.__recording = true;
  const tick = (t) => {
    window.__frames.push(t);
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

const STOP_SCRIPT = `() => {
  window.__recording = false;
  return window.__frames;
}`;

const KEYSTROKE_SCRIPT = `() => new Promise((resolve) => {
  const field = document.activeElement;
  const started = performance.now();
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(field, field.value + 'x');
  field.dispatchEvent(new Event('input', { bubbles: true }));
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
})`;

/** Types into the title of the first beat on screen; ms from each keystroke to the next frame. */
async function typing(page: Page): Promise<number[]> {
  await page.locator('.beat-node .node-title').first().click();
  const title = page.locator('.inspector').getByLabel('Title', { exact: true });
  await title.click();
  const times: number[] = [];
  for (let i = 0; i < 30; i++)
    times.push((await page.evaluate(`(${KEYSTROKE_SCRIPT})()`)) as number);
  return times.slice(5);
}

let opened = 0;

/**
 * Imports a scenario through the file input; ms until the canvas shows its
 * start beat. Each run retitles the start beat, so a run cannot be fooled
 * by the previous document still on screen.
 */
async function openInPage(page: Page, doc: Scenario): Promise<number> {
  const title = `Opening run ${++opened}`;
  const start = doc.beats[doc.start]!;
  const text = JSON.stringify({
    ...doc,
    beats: { ...doc.beats, [doc.start]: { ...start, title } },
  });
  const args = JSON.stringify({ text, start: doc.start, title });
  return page.evaluate(`(${OPEN_SCRIPT})(${args})`) as Promise<number>;
}

/** Frame intervals (ms) recorded while `act` runs. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(${RECORD_SCRIPT})()`);
  await act();
  const stamps = (await page.evaluate(`(${STOP_SCRIPT})()`)) as number[];
  return stamps
    .slice(1)
    .map((t, i) => t - stamps[i]!)
    .slice(1);
}

async function pan(page: Page): Promise<number[]> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const x = pane.x + pane.width * 0.5;
  const y = pane.y + pane.height * 0.85;
  return framesDuring(page, async () => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 90; i++) await page.mouse.move(x - i * 4, y - i * 2);
    await page.mouse.up();
  });
}

/** Drags the first beat on screen across the canvas. */
async function drag(page: Page): Promise<number[]> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  let node: { x: number; y: number; width: number; height: number } | undefined;
  for (const title of await page.locator('.beat-node .node-title').all()) {
    const box = await title.boundingBox();
    if (box && box.x > pane.x + 20 && box.x + box.width < pane.x + pane.width - 300) {
      node = box;
      break;
    }
  }
  if (!node) throw new Error('no beat on screen to drag');
  const x = node.x + node.width / 2;
  const y = node.y + node.height / 2;
  return framesDuring(page, async () => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 90; i++) await page.mouse.move(x + i * 3, y + (i % 20) * 2);
    await page.mouse.up();
  });
}

function frameRows(name: string, intervals: number[], budget: number): BenchRow[] {
  const mean = intervals.reduce((s, v) => s + v, 0) / Math.max(1, intervals.length);
  const p95 = percentile(intervals, 95);
  return [
    {
      name: `${name}: mean frame time`,
      value: round(mean),
      unit: 'ms',
      budget,
      ratio: `${round(1000 / mean, 0)} fps over ${intervals.length} frames`,
    },
    {
      name: `${name}: 95th percentile frame`,
      value: round(p95),
      unit: 'ms',
      ratio: `${round(1000 / p95, 0)} fps`,
    },
  ];
}

/** Revalidation after an edit: the store's dispatch, document check included. */
function revalidationRows(): BenchRow[] {
  const doc = generateScenario(EDIT_BEATS);
  const beatId = Object.keys(doc.beats)[10]!;
  const store = createEditorStore({ doc, analysis: 'background' });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    store
      .getState()
      .dispatch({ type: 'setBeatField', beatId, field: 'title', value: `Moment ${i}` });
    times.push(performance.now() - started);
  }
  const warm = times.slice(10);
  const analysis: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    validateDocument(store.getState().doc);
    analysis.push(performance.now() - started);
  }
  return [
    {
      name: `revalidation after an edit, ${EDIT_BEATS} beats (store dispatch + engine check)`,
      value: round(median(warm), 2),
      unit: 'ms',
      budget: 16,
      ratio: `p95 ${round(percentile(warm, 95), 2)} ms`,
    },
    {
      name: `graph analysis of ${EDIT_BEATS} beats (background worker, not blocking)`,
      value: round(median(analysis), 0),
      unit: 'ms',
      note: 'Runs off the main thread 150 ms after typing stops; Play waits for it.',
    },
  ];
}

/** The editor bench: see the file comment. */
export async function benchEditor(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const site = buildEditor();
  const server = await serveDist(site);
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const sizes = scriptSizes(site);
    rows.push({
      name: 'editor JavaScript, gzipped (app, worker, preview, import, class overlay)',
      value: round(sizes.all / 1024),
      unit: 'KB',
      budget: 250,
    });
    rows.push({
      name: 'editor JavaScript loaded at start, gzipped (app + worker)',
      value: round(sizes.startup / 1024),
      unit: 'KB',
    });
    rows.push({
      name: 'shipped scenarios offered in the Library tab (content, each loaded on demand), gzipped',
      value: round(sizes.scenarios / 1024),
      unit: 'KB',
    });

    const bare = generateScenario(OPEN_BEATS);
    const laid: Scenario = { ...bare, 'x-editor': { positions: openingLayout(bare) } };
    const label = `${OPEN_BEATS.toLocaleString('en')} beats / ${countChoices(bare).toLocaleString('en')} choices`;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}editor/`);
    await page.locator('.react-flow').waitFor();

    const openTimes: number[] = [];
    for (let i = 0; i < 5; i++) openTimes.push(await openInPage(page, laid));
    rows.push({
      name: `open a generated scenario, ${label}, saved layout`,
      value: round(median(openTimes), 0),
      unit: 'ms',
      budget: 1500,
      ratio: `median of 5; first (cold) ${Math.round(openTimes[0]!)} ms`,
    });
    const bareTimes: number[] = [];
    for (let i = 0; i < 5; i++) bareTimes.push(await openInPage(page, bare));
    rows.push({
      name: `open the same scenario without positions (layout on open)`,
      value: round(median(bareTimes), 0),
      unit: 'ms',
      budget: 1500,
      ratio: `median of 5; first ${Math.round(bareTimes[0]!)} ms`,
    });

    await page.waitForTimeout(500);
    const keys = await typing(page);
    rows.push({
      name: `type in a beat title at ${label}: keystroke to next frame`,
      value: round(median(keys), 1),
      unit: 'ms',
      ratio: `p95 ${round(percentile(keys, 95), 1)} ms (includes waiting for the frame)`,
    });
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    rows.push(...frameRows(`pan at ${label}, working zoom`, await pan(page), 20));
    rows.push(...frameRows(`drag a beat at ${label}, working zoom`, await drag(page), 20));
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(800);
    const shown = await page.locator('.react-flow__node').count();
    rows.push(
      ...frameRows(
        `pan at ${label}, zoomed out to the minimum (${shown} nodes drawn)`,
        await pan(page),
        20,
      ),
    );

    rows.push(...revalidationRows());
  } finally {
    await browser.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
  return rows;
}
