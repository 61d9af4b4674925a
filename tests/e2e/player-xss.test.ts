import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchTablet, type Tablet } from './support/browser';
import {
  fixturePath,
  importScenarioFile,
  openHome,
  setUp,
  startScenario,
  tapChoice,
} from './support/player';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

describe('scenario text is text', () => {
  it('shows markup in a scenario as characters and runs none of it', async () => {
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('xss.scenario.json'));
    const card = page.locator('[data-scenario-id="e2e-markup"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(
      "Markup <script>window.__pwned = 'title'</script> check",
    );
    await setUp(page, { mode: 'training' });
    await startScenario(page, 'e2e-markup');

    const beat = page.locator('[data-beat-id="front-desk"]');
    const text = (await beat.textContent()) ?? '';
    expect(text).toContain('<b>Front desk</b>');
    expect(text).toContain('The note on the desk reads <img src=x onerror=alert(1)>.');
    expect(text).toContain("<script>window.__pwned = 'narrative'; alert(2)</script>");
    expect(text).toContain('<a href="javascript:alert(3)">click me</a>');
    expect(text).toContain(`<svg onload="window.__pwned='cue'"></svg> a handwritten note`);
    await expect(page.locator('[data-choice-id="read-note"]').textContent()).resolves.toContain(
      `<img src=x onerror="window.__pwned='label'">Read the note aloud`,
    );
    await screenshot(page, 'drill-markup-landscape');
    expect(
      await page.locator('main img, main script, main iframe, main a[href^="javascript"]').count(),
    ).toBe(0);
    expect(await page.locator('main svg[onload], main style').count()).toBe(0);

    await tapChoice(page, 'read-note');
    await expect(page.locator('[data-feedback]').textContent()).resolves.toContain(
      `<iframe src="javascript:window.__pwned='feedback'"></iframe> Good.`,
    );
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    const outcome = page.locator('[data-outcome]');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toContain(
      "<script>window.__pwned = 'outcome'</script>Done",
    );
    await expect(outcome.textContent()).resolves.toContain('<style>body { display: none }</style>');
    expect(await page.locator('body').isVisible()).toBe(true);

    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
