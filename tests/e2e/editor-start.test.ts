/**
 * A first visit to the editor: the empty scenario says it has no beats and
 * leads to the shipped scenarios; opening one from the Library tab puts
 * its graph on the canvas as a local copy.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
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

describe('a first visit to the editor', () => {
  it('opens a shipped scenario from the empty canvas through the Library tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${baseUrl}editor/`);

    const empty = page.getByRole('region', { name: 'Empty scenario' });
    await empty.waitFor();
    expect(await empty.textContent()).toContain('This scenario has no beats yet.');
    await screenshot(page, 'editor-empty-canvas');

    await empty.getByRole('button', { name: 'Open a shipped scenario' }).click();
    expect(await page.getByRole('tab', { name: 'Library' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const open = page.getByRole('button', { name: 'Open a copy of Agitated patron', exact: false });
    await open.first().waitFor();
    expect(await page.locator('[data-shipped]').count()).toBe(5);
    await screenshot(page, 'editor-library-shipped');

    await open.first().click();
    await page.locator('[data-beat-id="dispatch"]').waitFor();
    await expect.poll(() => empty.count()).toBe(0);
    await expect.poll(() => page.locator('.status-chip').textContent()).toBe('✓ Valid');
    expect(await page.locator('.library-list [data-local-key]').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'editor-library-opened');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a portrait tablet: toolbar, canvas and inspector without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}editor/`);
    await page.getByRole('button', { name: 'Open a shipped scenario' }).click();
    await page
      .getByRole('button', { name: 'Open a copy of Agitated patron', exact: false })
      .click();
    await page.locator('[data-beat-id="dispatch"]').click();

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    const play = await page.locator('.tool-play').boundingBox();
    expect(play!.x + play!.width).toBeLessThanOrEqual(768);
    const inspector = await page.getByRole('complementary', { name: 'Inspector' }).boundingBox();
    expect(inspector!.width).toBeGreaterThan(700);
    expect(await page.getByLabel('Title', { exact: true }).last().inputValue()).toBe(
      'Call for service',
    );
    await screenshot(page, 'editor-portrait');
    await context.close();
  });
});
