import { afterEach, describe, expect, it } from 'vitest';
import { launchTablet, type Tablet } from './support/browser';
import { DIST } from './support/paths';
import { setUp, startScenario, tapChoice } from './support/player';
import { serveDist, type StaticServer } from './support/static-server';

let tablet: Tablet | undefined;
let server: StaticServer | undefined;
afterEach(async () => {
  await tablet?.close();
  await server?.close();
  tablet = undefined;
  server = undefined;
});

describe('offline', () => {
  it('after the first load, runs a drill with the server gone', async () => {
    // A server of its own, so this test can take it away.
    server = await serveDist(DIST);
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    await page.goto(server.url);
    await page.locator('[data-scenario-id]').first().waitFor();

    const manifest = (await (
      await page.request.get(`${server.url}manifest.webmanifest`)
    ).json()) as {
      name: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect((await page.request.get(`${server.url}icon-512.png`)).status()).toBe(200);

    // Wait until the service worker has installed its precache and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);

    await server.close();
    server = undefined;
    await page.reload();
    await page.locator('[data-scenario-id="library-agitated-patron"]').waitFor();
    await setUp(page, { trainee: 'T-offline', mode: 'assessment' });
    await startScenario(page, 'library-agitated-patron');
    await tapChoice(page, 'query-dispatch');
    await page.locator('[data-beat-id="dispatch-update"]').waitFor();
  });
});
