/**
 * The editor after one online visit works with the network gone, like the
 * player, and its service worker and the player's do not take each other's
 * pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchTablet, type Tablet } from './support/browser';
import { DIST } from './support/paths';
import { serveDist, type StaticServer } from './support/static-server';

let tablet: Tablet | undefined;
let server: StaticServer | undefined;
afterEach(async () => {
  await tablet?.close();
  await server?.close();
  tablet = undefined;
  server = undefined;
});

/** The script of the worker that controls the page, or '' when none does. */
function controller(tablet: Tablet): Promise<string> {
  return tablet.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}

describe('the editor offline', () => {
  it('opens and edits a scenario offline after one online visit', async () => {
    server = await serveDist(DIST);
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page, context } = tablet;
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));

    await page.goto(`${server.url}editor/`);
    await page.getByRole('region', { name: 'Empty scenario' }).waitFor();
    const manifest = (await (
      await page.request.get(`${server.url}editor/manifest.webmanifest`)
    ).json()) as { scope: string; start_url: string };
    expect(manifest.scope).toBe('/editor/');

    // The editor's own worker installs its precache and takes the editor's pages.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => controller(tablet!)).toBe(`${server.url}editor/sw.js`);

    await context.setOffline(true);
    await page.reload();
    const empty = page.getByRole('region', { name: 'Empty scenario' });
    await empty.waitFor();
    await empty.getByRole('button', { name: 'Open a shipped scenario' }).click();
    await page
      .getByRole('button', { name: 'Open a copy of Agitated patron', exact: false })
      .first()
      .click();
    await page.locator('[data-beat-id="dispatch"]').waitFor();
    await expect.poll(() => page.locator('.status-chip').textContent()).toBe('✓ Valid');

    // The player, next door, is still the player's worker's: neither took the other's pages.
    await context.setOffline(false);
    await page.goto(server.url);
    await page.locator('[data-scenario-id]').first().waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => controller(tablet!)).toBe(`${server.url}sw.js`);
    await page.goto(`${server.url}editor/`);
    await page
      .getByRole('region', { name: 'Empty scenario' })
      .or(page.locator('[data-beat-id]'))
      .first()
      .waitFor();
    expect(await controller(tablet)).toBe(`${server.url}editor/sw.js`);
    expect(errors).toEqual([]);
  });
});
