/**
 * Editing on the canvas with the mouse and keyboard: a choice dragged to
 * empty space creates its beat, an edge end dragged to another beat
 * reconnects the choice, several beats move together as one undo step,
 * Ctrl+D duplicates, Delete asks first. Zoomed far out, beats become
 * coloured blocks without text; zoomed back in, their titles return.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

const outcome = (title: string, result: string) => ({
  kind: 'outcome',
  title,
  outcome: { result, force: 'none', officerInjury: false, subjectInjury: false },
});

/** A small call laid out on a grid, so every beat is on screen. */
const SCENARIO = {
  format: 'defuse/scenario@1',
  id: 'canvas-editing',
  version: '1.0.0',
  title: 'Canvas editing',
  start: 'arrival',
  beats: {
    arrival: {
      title: 'Arrival',
      choices: [{ id: 'walk-in', label: 'Walk in', to: 'desk' }],
    },
    desk: {
      title: 'At the desk',
      choices: [{ id: 'listen', label: 'Listen', to: 'calm-exit' }],
    },
    hallway: {
      title: 'In the hallway',
      choices: [{ id: 'grab', label: 'Grab his arm', to: 'arrest' }],
    },
    'calm-exit': outcome('He leaves calmly', 'resolved'),
    arrest: outcome('He is arrested', 'arrested'),
  },
  'x-editor': {
    positions: {
      arrival: { x: 0, y: 0 },
      desk: { x: 420, y: 0 },
      hallway: { x: 420, y: 260 },
      'calm-exit': { x: 840, y: 0 },
      arrest: { x: 840, y: 260 },
    },
  },
};

async function openEditor(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${baseUrl}editor/`);
  await page.locator('.react-flow').waitFor();
  await page.setInputFiles('input[type=file]', {
    name: 'canvas-editing.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(SCENARIO)),
  });
  await expect.poll(() => page.locator('[data-beat-id]').count()).toBe(5);
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(300);
  return page;
}

async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 6, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

const undoButton = (page: Page) => page.getByRole('button', { name: /^↶ Undo/ });

describe('editing on the canvas', () => {
  it('drags a choice to empty space to create its beat, and reconnects an edge', async () => {
    const page = await openEditor();

    // From the hallway's handle to empty canvas below it: a new beat and the choice to it.
    const handle = await centre(
      page,
      '.react-flow__node[data-id="hallway"] .react-flow__handle.source',
    );
    await dragMouse(page, handle, { x: handle.x + 60, y: handle.y + 230 });
    await page.locator('[data-beat-id="beat"]').waitFor();
    expect(await undoButton(page).textContent()).toContain("Undo add beat 'beat'");
    await expect
      .poll(() => page.locator('.inspector').getByLabel('Choice id').inputValue())
      .toBe('choice');

    // Drag the arrow end of "Walk in" from the desk onto the hallway.
    const edge = page.locator('.react-flow__edge', { hasText: 'Walk in' });
    const anchor = await centre(
      page,
      `[data-id="${await edge.getAttribute('data-id')}"] .react-flow__edgeupdater-target`,
    );
    await dragMouse(page, anchor, await centre(page, '[data-beat-id="hallway"] .node-title'));
    await expect
      .poll(() => undoButton(page).textContent())
      .toContain("Undo reconnect choice 'walk-in' to 'hallway'");
    await screenshot(page, 'editor-canvas-editing');
    await page.context().close();
  });

  it('moves several beats as one undo step, duplicates them, and deletes after asking', async () => {
    const page = await openEditor();
    await page.locator('[data-beat-id="desk"] .node-title').click();
    await page.locator('[data-beat-id="hallway"] .node-title').click({ modifiers: ['Control'] });
    await expect.poll(() => page.locator('.beat-node.is-selected').count()).toBe(2);
    await expect.poll(() => page.locator('.inspector h2').textContent()).toBe('2 beats');

    const before = await page.locator('[data-beat-id="hallway"]').boundingBox();
    await dragMouse(page, await centre(page, '[data-beat-id="desk"] .node-title'), {
      x: before!.x + 200,
      y: before!.y - 120,
    });
    await expect.poll(() => undoButton(page).textContent()).toContain('Undo move 2 beats');
    const after = await page.locator('[data-beat-id="hallway"]').boundingBox();
    expect(after!.x).toBeGreaterThan(before!.x + 20);
    await undoButton(page).click();
    await expect
      .poll(async () =>
        Math.round((await page.locator('[data-beat-id="hallway"]').boundingBox())!.x),
      )
      .toBe(Math.round(before!.x));

    await page.keyboard.press('Control+d');
    await page.locator('[data-beat-id="desk-copy"]').waitFor();
    await page.locator('[data-beat-id="hallway-copy"]').waitFor();
    expect(await undoButton(page).textContent()).toContain('Undo duplicate 2 beats');

    await page.locator('[data-beat-id="desk"] .node-title').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete this beat?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Choice “Walk in” in “Arrival”');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator('[data-beat-id="desk"]').count()).toBe(0);
    expect(await undoButton(page).textContent()).toContain("Undo delete beat 'desk'");
    await page.context().close();
  });

  it('draws beats as coloured blocks when zoomed far out, and titles again when zoomed in', async () => {
    const page = await openEditor();
    const title = page.locator('[data-beat-id="desk"] .node-title');
    const calmExit = page.locator('[data-beat-id="calm-exit"]');
    expect(await title.textContent()).toBe('At the desk');
    expect(await title.isVisible()).toBe(true);
    expect(await page.getByText('Walk in', { exact: true }).isVisible()).toBe(true);

    const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
    for (let i = 0; i < 8; i++) await zoomOut.click();
    await expect.poll(() => title.count()).toBe(0);
    await screenshot(page, 'editor-canvas-zoomed-out');
    // Every beat is still there, in its colour, with no title, badge or edge label to read.
    expect(await page.locator('[data-beat-id]').count()).toBe(5);
    expect(await page.locator('.react-flow__node .node-title').count()).toBe(0);
    expect(await page.locator('.react-flow__node .badge').count()).toBe(0);
    expect(await page.getByText('Walk in', { exact: true }).isVisible()).toBe(false);
    expect(await calmExit.isVisible()).toBe(true);
    expect(await calmExit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(64, 192, 87)',
    );
    // Screen readers still get the titles.
    expect(await page.locator('[data-beat-id="desk"]').textContent()).toBe('At the desk');

    const zoomIn = page.getByRole('button', { name: 'Zoom In' });
    for (let i = 0; i < 8; i++) await zoomIn.click();
    await expect.poll(() => title.isVisible()).toBe(true);
    expect(await title.textContent()).toBe('At the desk');
    expect(await calmExit.locator('.node-title').textContent()).toBe('He leaves calmly');
    expect(await page.locator('[data-beat-id="arrival"] .badge-start').isVisible()).toBe(true);
    expect(await page.getByText('Walk in', { exact: true }).isVisible()).toBe(true);
    await page.context().close();
  });
});
