/**
 * The editor with real files: every shipped scenario opens and exports
 * unchanged except for its `x-editor` layout; a file that is not a scenario
 * is refused and changes nothing; the preview plays a scenario from the
 * start and from a chosen beat; a reload (or a crash) brings the work back.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDrill } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium';
import { OUTPUT, ROOT } from './support/paths';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');
const SCENARIOS = join(ROOT, 'scenarios');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

async function openEditor(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${baseUrl}editor/`);
  await page.locator('.react-flow').waitFor();
  return page;
}

/** Opens a scenario file and waits until the canvas shows all of its beats. */
async function importFile(page: Page, path: string): Promise<void> {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
  await page.setInputFiles('input[type=file]', path);
  await expect.poll(() => page.locator('.doc-title').textContent()).toBe(doc.title);
  await expect
    .poll(() => page.locator('[data-beat-id]').count())
    .toBe(Object.keys(doc.beats).length);
}

async function exportDocument(page: Page, name: string): Promise<Scenario> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const dir = join(OUTPUT, 'downloads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8')) as Scenario;
}

function withoutLayout(doc: Scenario): Scenario {
  const { 'x-editor': _layout, ...rest } = doc;
  return rest as Scenario;
}

describe('the editor with scenario files', () => {
  const shipped = readdirSync(SCENARIOS).filter((f) => f.endsWith('.scenario.json'));

  it('opens each shipped scenario and exports it unchanged except for x-editor', async () => {
    expect(shipped.length).toBeGreaterThanOrEqual(5);
    const page = await openEditor();
    for (const file of shipped) {
      const original = JSON.parse(readFileSync(join(SCENARIOS, file), 'utf8')) as Scenario;
      await importFile(page, join(SCENARIOS, file));
      await page.locator(`[data-beat-id="${original.start}"]`).waitFor();
      expect(await page.locator('[data-beat-id]').count()).toBe(Object.keys(original.beats).length);
      await expect.poll(() => page.locator('.status-chip').textContent()).toBe('✓ Valid');
      const exported = await exportDocument(page, `roundtrip-${file}`);
      expect(withoutLayout(exported)).toEqual(withoutLayout(original));
      const positions = (exported['x-editor'] as { positions: Record<string, unknown> }).positions;
      expect(Object.keys(positions).sort()).toEqual(Object.keys(original.beats).sort());
    }
    await page.getByRole('tab', { name: 'Library' }).click();
    for (const file of shipped) {
      const { title } = JSON.parse(readFileSync(join(SCENARIOS, file), 'utf8')) as Scenario;
      await page.locator('.library-title', { hasText: title }).first().waitFor();
    }
    await page.context().close();
  });

  it('refuses a file that is not JSON or not a scenario, and keeps the open one', async () => {
    const page = await openEditor();
    await importFile(page, join(SCENARIOS, shipped[0]!));
    const before = await page.locator('[data-beat-id]').count();
    expect(before).toBeGreaterThan(0);

    await page.setInputFiles('input[type=file]', {
      name: 'notes.scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "format": "defuse/scenario@1", "beats": { '),
    });
    const banner = page.locator('.banner-error');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('“notes.scenario.json” is not valid JSON');
    expect(await banner.textContent()).toMatch(/line 1, column \d+/);
    expect(await page.locator('[data-beat-id]').count()).toBe(before);

    await page.setInputFiles('input[type=file]', {
      name: 'log.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'defuse/decision-log@1', events: [] })),
    });
    await expect
      .poll(() => banner.textContent())
      .toContain('“log.json” is not a Defuse scenario, so nothing was opened.');
    expect(await page.locator('[data-beat-id]').count()).toBe(before);
    await screenshot(page, 'editor-import-refused');
    await page.context().close();
  });

  it('plays the scenario in the preview, from the start and from a chosen beat', async () => {
    const page = await openEditor();
    const file = join(SCENARIOS, 'library-agitated-patron.scenario.json');
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    await importFile(page, file);
    await page.locator(`[data-beat-id="${scenario.start}"]`).waitFor();

    await page.getByRole('button', { name: '▶ Play', exact: true }).click();
    const preview = page.getByRole('dialog', { name: /^Preview:/ });
    await preview.getByRole('button', { name: '▶ Start' }).click();
    await preview.locator(`[data-beat-id="${scenario.start}"]`).waitFor();
    await preview.locator('[data-choice-id]').first().click();
    await expect.poll(() => preview.locator('.preview-path li').count()).toBe(2);
    await screenshot(page, 'editor-preview');
    await preview.getByRole('button', { name: 'Restart' }).click();

    // From a beat chosen in the setup, with the variables set by hand.
    await preview.getByLabel('A beat of my choice, with these variable values').check();
    await preview.getByRole('combobox', { name: 'Start beat' }).selectOption('first-words');
    const firstVariable = Object.keys(scenario.variables ?? {})[0]!;
    await preview.getByRole('textbox', { name: `Value of ${firstVariable}` }).fill('3');
    await preview.getByRole('button', { name: '▶ Start' }).click();
    await preview.locator('[data-beat-id="first-words"]').waitFor();
    const shown = await preview.locator('.preview-state div').first().locator('dd').textContent();
    expect(shown).toBe('3');
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.count()).toBe(0);
    await page.context().close();
  });

  it('lays a class of drills over the canvas', async () => {
    const file = join(SCENARIOS, 'library-agitated-patron.scenario.json');
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    // Six trainees: each takes the n-th offered choice, round robin, until an outcome.
    const dir = join(OUTPUT, 'class-logs');
    mkdirSync(dir, { recursive: true });
    const paths: string[] = [];
    for (let t = 0; t < 6; t++) {
      let now = 0;
      const drill = await startDrill(scenario, {
        seed: t + 1,
        clock: () => now,
        trainee: { id: `T${t}` },
      });
      for (let step = 0; step < 40 && !drill.snapshot().done; step++) {
        const snap = drill.snapshot();
        now += 3000;
        if (snap.choices.length)
          await drill.choose(snap.choices[(t + step) % snap.choices.length]!.id);
        else if (snap.instructorOptions?.length) await drill.pick(0);
        else await drill.expire();
      }
      const path = join(dir, `T${t}.log.json`);
      writeFileSync(path, JSON.stringify(drill.log()));
      paths.push(path);
    }

    const page = await openEditor();
    await importFile(page, file);
    await page.locator(`[data-beat-id="${scenario.start}"]`).waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Class results…' }).click(),
    ]);
    await chooser.setFiles(paths);
    const legend = page.locator('.overlay-legend');
    await legend.waitFor();
    expect(await legend.textContent()).toContain('Class results: 6 runs · 6 finished');
    await expect
      .poll(() => page.locator('.react-flow__edge-textwrapper', { hasText: '%' }).count())
      .toBeGreaterThan(0);
    expect(
      await page.locator(`[data-beat-id="${scenario.start}"] .overlay-count`).textContent(),
    ).toContain('6 runs');
    await screenshot(page, 'editor-class-overlay');
    await legend.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('.overlay-count').count()).toBe(0);
    await page.context().close();
  });

  it('brings the last state back after the tab is closed without saving', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}editor/`);
    await page.locator('.react-flow').waitFor();
    await page.getByRole('button', { name: '+ Scene', exact: true }).click();
    await page
      .locator('.inspector')
      .getByLabel('Title', { exact: true })
      .fill('Kept after a crash');
    await expect
      .poll(() => page.locator('.save-status').textContent())
      .toBe('Saved in this browser');
    await page.close();

    const again = await context.newPage();
    await again.goto(`${baseUrl}editor/`);
    await again.locator('[data-beat-id="beat"]').waitFor();
    expect(await again.locator('[data-beat-id="beat"] .node-title').textContent()).toBe(
      'Kept after a crash',
    );
    await context.close();
  });
});
