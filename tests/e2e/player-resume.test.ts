import { afterEach, describe, expect, inject, it } from 'vitest';
import { verifyLog } from '@defuse/engine';
import type { DecisionLog } from '@defuse/schemas';
import { launchTablet, type Tablet } from './support/browser';
import {
  currentBeat,
  fixturePath,
  fixtureScenario,
  importScenarioFile,
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

let tablets: Tablet[] = [];
afterEach(async () => {
  for (const t of tablets) await t.close();
  tablets = [];
});

/** Each seq once, in order, and every decision exactly once. */
function expectIntact(log: DecisionLog, scenario = libraryScenario(LIBRARY)): void {
  expect(log.events.map((e) => e.seq)).toEqual(log.events.map((_, i) => i + 1));
  expect(log.events.filter((e) => e.type === 'resume')).toHaveLength(1);
  expect(verifyLog(scenario, log)).toMatchObject({ ok: true });
}

describe('resuming an interrupted drill', () => {
  it("reloading while the instructor decides keeps the trainee's choice and waits for the pick again", async () => {
    const tablet = await launchTablet({ orientation: 'landscape' });
    tablets.push(tablet);
    const { page } = tablet;
    await openHome(page, baseUrl);
    await setUp(page, { trainee: 'T-fork', mode: 'assessment', instructor: 'present' });
    await startScenario(page, LIBRARY);
    for (let step = 0; step < 30 && (await currentBeat(page)) !== 'the-ask'; step++) {
      const offered = await page
        .locator('[data-choice-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-choice-id') ?? ''));
      await tapChoice(page, firstOffered(LIBRARY_ROUTE, offered) ?? offered[0]!);
    }
    expect(await currentBeat(page)).toBe('the-ask');
    // The choice is logged only with the instructor's pick.
    await page.locator('[data-choice-id="invite-walk"]').tap();
    await page.locator('[data-instructor-option]').first().waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Resume', exact: true }).tap();
    await page.locator('[data-instructor-option="1"]').waitFor();
    expect(await page.locator('[data-choice-id]').count()).toBe(0);
    await expect
      .poll(() => page.getByText('The trainee chose:', { exact: false }).count())
      .toBeGreaterThan(0);
    await screenshot(page, 'resume-instructor-waiting-landscape');
    await page.locator('[data-instructor-option="1"]').tap();
    await page.waitForSelector('[data-instructor-option]', { state: 'detached' });
    await playToOutcome(page, { prefer: [...LIBRARY_ROUTE] });

    const [log] = await storedLogs(page);
    expectIntact(log!);
    const invites = log!.events.filter((e) => e.choice === 'invite-walk');
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ by: 'instructor', option: 1, to: 'sits-down' });
  });

  it('reloading mid-drill offers Resume, continues at the same beat, and keeps the log intact', async () => {
    const tablet = await launchTablet({ orientation: 'landscape' });
    tablets.push(tablet);
    const { page } = tablet;
    await openHome(page, baseUrl);
    await setUp(page, { trainee: 'T-reload', mode: 'assessment' });
    await startScenario(page, LIBRARY);
    await tapChoice(page, 'query-dispatch');
    await tapChoice(page, 'request-cover');
    const before = await currentBeat(page);
    expect(before).toBe('arrival');

    await page.reload();
    const resume = page.getByRole('button', { name: 'Resume', exact: true });
    await resume.waitFor();
    await screenshot(page, 'resume-offer-landscape');
    await resume.tap();
    await page.locator(`[data-beat-id="${before}"]`).waitFor();

    const { beats } = await playToOutcome(page, { prefer: ['hold-at-table', 'move-children'] });
    const [log] = await storedLogs(page);
    expectIntact(log!);
    const decided = log!.events.filter((e) => e.type === 'choice').map((e) => e.beat);
    expect(decided).toEqual(['dispatch', 'dispatch-update', ...beats]);
    const resumeEvent = log!.events.find((e) => e.type === 'resume')!;
    expect(resumeEvent.beat).toBe('arrival');
  });

  it('a running clock resumes with the time it had left, not a fresh one', async () => {
    const tablet = await launchTablet({ orientation: 'portrait' });
    tablets.push(tablet);
    const { page } = tablet;
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('timer.scenario.json'));
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();
    await setUp(page, { mode: 'assessment' });
    await startScenario(page, 'e2e-timer');
    await tapChoice(page, 'hang-back');
    await page.locator('[data-beat-id="long-wait"]').waitFor();
    await page.waitForTimeout(3_500);

    await page.reload();
    await page.getByRole('button', { name: 'Resume', exact: true }).tap();
    await page.locator('[data-beat-id="long-wait"]').waitFor();
    const label = await page.getByRole('timer').getAttribute('aria-label');
    const left = Number(/(\d+) seconds? left/.exec(label ?? '')?.[1]);
    // 9 s limit, about 3.5 s gone before the reload (heartbeats are 1 s apart).
    expect(left).toBeGreaterThanOrEqual(4);
    expect(left).toBeLessThanOrEqual(7);
    await screenshot(page, 'resumed-timer-portrait');

    await page.locator('[data-beat-id="shouting"]').waitFor({ timeout: 10_000 });
    const [log] = await storedLogs(page);
    expectIntact(log!, fixtureScenario('timer.scenario.json'));
    const types = log!.events.map((e) => e.type);
    expect(types).toEqual(['start', 'choice', 'resume', 'timeout']);
  });

  it('after the browser is killed mid-drill, a fresh browser offers Resume on the home screen', async () => {
    const first = await launchTablet({ orientation: 'landscape' });
    tablets.push(first);
    await openHome(first.page, baseUrl);
    await setUp(first.page, { trainee: 'T-crash', mode: 'assessment' });
    await startScenario(first.page, LIBRARY);
    await tapChoice(first.page, 'start-with-cover');
    await tapChoice(first.page, 'hold-at-table');
    const before = await currentBeat(first.page);
    expect(before).toBe('clear-area');

    await first.kill();
    const second = await launchTablet({ orientation: 'landscape', userDataDir: first.userDataDir });
    tablets = [second];
    const { page } = second;
    await openHome(page, baseUrl);
    const offer = page.getByRole('button', { name: 'Resume', exact: true });
    await offer.waitFor();
    await expect(
      page.getByRole('region', { name: /interrupted drill/i }).textContent(),
    ).resolves.toContain('T-crash');
    await screenshot(page, 'resume-after-crash-landscape');
    await offer.tap();
    await page.locator(`[data-beat-id="${before}"]`).waitFor();
    await playToOutcome(page);

    const logs = await storedLogs(page);
    expect(logs).toHaveLength(1);
    expectIntact(logs[0]!);
    const decided = logs[0]!.events.filter((e) => e.type === 'choice').map((e) => e.choice);
    expect(decided.slice(0, 2)).toEqual(['start-with-cover', 'hold-at-table']);
    expect(logs[0]!.events.at(-1)!.type).toBe('end');
  });
});
