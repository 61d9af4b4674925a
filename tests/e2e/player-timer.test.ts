import { afterEach, describe, expect, inject, it } from 'vitest';
import { verifyLog } from '@defuse/engine';
import { seriousAxeViolations } from './support/axe';
import { launchTablet, type Tablet } from './support/browser';
import {
  fixturePath,
  fixtureScenario,
  importScenarioFile,
  openHome,
  setUp,
  startScenario,
  storedLogs,
  tapChoice,
} from './support/player';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

describe('a beat with a time limit', () => {
  it('shows a countdown ring and, when it runs out, goes to onTimeout and logs a timeout', async () => {
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('timer.scenario.json'));
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();
    await setUp(page, { trainee: 'T-clock', mode: 'training', instructor: 'solo' });
    await startScenario(page, 'e2e-timer');

    await tapChoice(page, 'approach');
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    await page.locator('[data-beat-id="standoff"]').waitFor();
    const ring = page.getByRole('timer');
    await expect(ring.getAttribute('aria-label')).resolves.toMatch(/^[1-3] seconds? left$/);
    await screenshot(page, 'drill-timer-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Nobody taps: the clock runs out and the scenario's onTimeout takes over.
    await page.locator('[data-feedback="timeout"]').waitFor({ timeout: 8_000 });
    await expect(page.locator('[data-feedback]').textContent()).resolves.toContain(
      'Silence while he stares reads as a threat',
    );
    await screenshot(page, 'feedback-timeout-landscape');
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    await page.locator('[data-beat-id="shouting"]').waitFor();

    const [log] = await storedLogs(page);
    const timeout = log!.events.find((e) => e.type === 'timeout');
    expect(timeout).toMatchObject({ beat: 'standoff', to: 'shouting' });
    expect(timeout!.vars).toMatchObject({ agitation: 7 });
    const entered = log!.events.find((e) => e.type === 'choice' && e.to === 'standoff')!;
    const pausedWhileReading = log!.events
      .filter((e) => e.seq > entered.seq && e.seq < timeout!.seq)
      .map((e) => e.type);
    // The trainee read the feedback with the clock stopped, then had the full three seconds.
    expect(pausedWhileReading).toEqual(['pause', 'unpause']);
    expect(verifyLog(fixtureScenario('timer.scenario.json'), log!)).toMatchObject({ ok: true });
  });

  it('goes straight to the next beat in assessment mode and says when time is up', async () => {
    tablet = await launchTablet({ orientation: 'portrait' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('timer.scenario.json'));
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();
    await setUp(page, { mode: 'assessment' });
    await startScenario(page, 'e2e-timer');
    await tapChoice(page, 'approach');
    await page.locator('[data-beat-id="standoff"]').waitFor();
    await expect(page.locator('[aria-live="polite"]').first().textContent()).resolves.toBe(
      '3 seconds to decide.',
    );
    await screenshot(page, 'drill-timer-portrait');
    await page.locator('[data-beat-id="shouting"]').waitFor({ timeout: 8_000 });
    expect(await page.locator('[data-feedback]').count()).toBe(0);
    await expect(page.locator('[aria-live="polite"]').first().textContent()).resolves.toBe(
      'Time is up.',
    );

    const [log] = await storedLogs(page);
    expect(log!.trainee.id).toBe('anonymous');
    expect(log!.events.map((e) => e.type)).toEqual(['start', 'choice', 'timeout']);
    const [, choice, timeout] = log!.events;
    expect(timeout!.at - choice!.at).toBeGreaterThanOrEqual(3_000);
    expect(timeout!.at - choice!.at).toBeLessThan(4_500);
  });
});
