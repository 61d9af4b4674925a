import { afterEach, describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { launchTablet, type Tablet } from './support/browser';
import { fixturePath, importScenarioFile, openHome } from './support/player';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

describe('importing a scenario file', () => {
  it('refuses an invalid file with the beat and the problem in plain words, and stores nothing', async () => {
    tablet = await launchTablet({ orientation: 'portrait' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('timer.scenario.json'));
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();
    const listed = await page.locator('[data-scenario-id]').count();

    await importScenarioFile(page, fixturePath('invalid.scenario.json'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('invalid.scenario.json was not imported');
    expect(text).toContain('Nothing on this device was changed');
    expect(text).toContain('Beat “arrival”, choice 1 › “to”');
    expect(text).toContain('the destination beat "conversation" does not exist');
    expect(text).not.toMatch(/at \w+ \(|Error:|\/beats\//);
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-refused-portrait');
    expect(await seriousAxeViolations(page)).toEqual([]);

    expect(await page.locator('[data-scenario-id]').count()).toBe(listed);
    expect(await page.locator('[data-scenario-id="e2e-invalid"]').count()).toBe(0);
    await page.reload();
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();
    expect(await page.locator('[data-scenario-id]').count()).toBe(listed);
  });
});
