import { afterEach, describe, expect, inject, it } from 'vitest';
import { verifyLog } from '@defuse/engine';
import { seriousAxeViolations } from './support/axe';
import { launchTablet, type Tablet } from './support/browser';
import {
  libraryScenario,
  openHome,
  playToOutcome,
  setUp,
  startScenario,
  storedLogs,
  tapChoice,
} from './support/player';
import { firstOffered, LIBRARY_ROUTE } from './support/library-route';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');
const LIBRARY = 'library-agitated-patron';

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

describe('playing the library scenario on a tablet', () => {
  it('plays to an outcome in landscape, records a log the engine verifies, and passes axe', async () => {
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await expect(page.locator(`[data-scenario-id="${LIBRARY}"]`).textContent()).resolves.toContain(
      'Agitated patron at the public library',
    );
    await screenshot(page, 'home-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await setUp(page, { trainee: 'T-4471', mode: 'assessment', instructor: 'solo' });
    await startScenario(page, LIBRARY);
    expect(await page.locator('[data-beat-id]').getAttribute('data-beat-id')).toBe('dispatch');
    const first = page.locator('[data-choice-id]').first();
    const box = await first.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await screenshot(page, 'drill-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const { beats, result } = await playToOutcome(page, {
      prefer: [...LIBRARY_ROUTE],
    });
    expect(beats[0]).toBe('dispatch');
    expect(result).toMatch(/^(resolved|referred|arrested|disengaged|force-used|injury)$/);
    await expect(page.locator('[data-outcome]').textContent()).resolves.toMatch(/Result/);
    await screenshot(page, 'outcome-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const [log] = await storedLogs(page);
    expect(log!.trainee.id).toBe('T-4471');
    expect(log!.mode).toBe('assessment');
    expect(log!.events.at(-1)!.type).toBe('end');
    const choices = log!.events.filter((e) => e.type === 'choice').map((e) => e.beat);
    expect(choices).toEqual(beats);
    expect(verifyLog(libraryScenario(LIBRARY), log!)).toMatchObject({ ok: true });
  });

  it('shows feedback in training mode and hands instructor branches to the instructor, in portrait', async () => {
    tablet = await launchTablet({ orientation: 'portrait' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await setUp(page, { trainee: 'T-0007', mode: 'training', instructor: 'present' });
    await screenshot(page, 'home-portrait');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await startScenario(page, LIBRARY);

    // Portrait: choices span the width of the content column.
    const choice = await page.locator('[data-choice-id]').first().boundingBox();
    const beat = await page.locator('[data-beat-id]').boundingBox();
    expect(choice!.width).toBeGreaterThanOrEqual(beat!.width - 1);
    await expect(page.getByRole('heading', { name: 'Instructor' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'drill-portrait');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Training mode: the author's feedback comes before the next beat.
    await tapChoice(page, 'query-dispatch');
    await page.locator('[data-feedback]').waitFor();
    await expect(page.locator('[data-feedback]').textContent()).resolves.toContain(
      'The first step of the decision-making model is collecting information',
    );
    expect(await page.locator('[data-beat-id]').count()).toBe(0);
    await screenshot(page, 'feedback-portrait');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    await page.locator('[data-beat-id="dispatch-update"]').waitFor();

    const path = [...LIBRARY_ROUTE.slice(1), 'invite-walk'];
    let sawInstructor = false;
    for (let step = 0; step < 40 && !(await page.locator('[data-outcome]').count()); step++) {
      if (await page.locator('[data-instructor-option]').count()) {
        if (!sawInstructor) {
          await screenshot(page, 'instructor-portrait');
          await page.setViewportSize({ width: 1024, height: 768 });
          await screenshot(page, 'instructor-landscape');
          expect(await seriousAxeViolations(page)).toEqual([]);
          await page.setViewportSize({ width: 768, height: 1024 });
        }
        sawInstructor = true;
        // The trainee's choices are not offered while the instructor decides.
        expect(await page.locator('[data-choice-id]').count()).toBe(0);
        await page.locator('[data-instructor-option="0"]').tap();
        await page.waitForSelector('[data-instructor-option]', { state: 'detached' });
        continue;
      }
      if (await page.locator('[data-feedback]').count()) {
        await page.getByRole('button', { name: 'Continue', exact: true }).tap();
        await page.waitForSelector('[data-feedback]', { state: 'detached' });
        continue;
      }
      const offered = await page
        .locator('[data-choice-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-choice-id')!));
      await tapChoice(page, firstOffered(path, offered) ?? offered[0]!);
    }
    expect(sawInstructor).toBe(true);
    await page.locator('[data-outcome]').waitFor();
    await screenshot(page, 'outcome-portrait');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const [log] = await storedLogs(page);
    expect(log!.events.some((e) => e.type === 'choice' && e.by === 'instructor')).toBe(true);
    expect(verifyLog(libraryScenario(LIBRARY), log!)).toMatchObject({ ok: true });
  });
});
