/**
 * A class with the hub, as an academy runs one: the instructor publishes a
 * scenario from the editor and opens a class; three tablets join with its
 * code and drill; one tablet loses the network mid-drill and catches up when
 * it is back; the hub is killed with SIGKILL mid-drill and started again; a
 * tablet whose stored log was edited before it reached the hub sees the
 * refusal; the instructor's debrief opens every log as intact and the class
 * view counts them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { join } from 'node:path';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium';
import { LANDSCAPE, PORTRAIT } from './support/browser';
import { startTestHub, type TestHub } from './support/hub-server';
import { ROOT } from './support/paths';
import { LIBRARY_ROUTE } from './support/library-route';
import { currentBeat, playToOutcome, tapChoice } from './support/player';
import { screenshot } from './support/screenshots';

const SCENARIO = 'library-agitated-patron';
const PASSWORD = 'correct horse battery';

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await hub?.close();
});

async function device(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** Joins the class on a tablet and waits for the class's scenario on the home screen. */
async function joinClass(page: Page, code: string, trainee: string): Promise<void> {
  await page.goto(`${hub.url}#/join/${code}`);
  await page.getByLabel('Trainee ID').fill(trainee);
  await page.getByRole('button', { name: 'Join class' }).tap();
  await page
    .locator('section[aria-labelledby="class-heading"]')
    .locator(`[data-scenario-id="${SCENARIO}"]`)
    .waitFor();
}

/** Starts the scenario from the class's list (the library's copy of it would stay on the tablet). */
async function startClassDrill(page: Page): Promise<void> {
  await page
    .locator('section[aria-labelledby="class-heading"]')
    .locator(`[data-scenario-id="${SCENARIO}"]`)
    .getByRole('button', { name: 'Start' })
    .tap();
  await page.locator('[data-beat-id]').waitFor();
}

/** Taps the library route for `steps` decisions. */
async function decide(page: Page, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const beat = await currentBeat(page);
    expect(beat, 'a beat is on screen').toBeDefined();
    const offered = await page
      .locator('[data-choice-id]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-choice-id') ?? ''));
    const pick = LIBRARY_ROUTE.find((id) => offered.includes(id)) ?? offered[0]!;
    await tapChoice(page, pick);
    if (await page.locator('[data-feedback]').count()) {
      await page.getByRole('button', { name: 'Continue', exact: true }).tap();
      await page.waitForSelector('[data-feedback]', { state: 'detached' });
    }
  }
}

/** The sync state the Logs screen shows for the newest log that is complete (or interrupted). */
async function syncState(page: Page, status: 'Complete' | 'Interrupted'): Promise<string> {
  await page.goto(`${hub.url}#/logs`);
  const row = page
    .locator('tbody tr', { has: page.locator(`.status:text-is("${status}")`) })
    .first()
    .locator('.sync-status');
  await row.waitFor();
  return (await row.textContent()) ?? '';
}

async function waitForSync(
  page: Page,
  text: RegExp,
  { timeout = 45_000, status = 'Complete' as 'Complete' | 'Interrupted' } = {},
): Promise<void> {
  try {
    await expect.poll(() => syncState(page, status), { timeout, interval: 1000 }).toMatch(text);
  } catch (error) {
    // Say what the tablet's Logs screen showed instead.
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '(no page)');
    throw new Error(`${String(error)}\nThe Logs screen shows:\n${shown}`);
  }
}

describe('a class on the hub', () => {
  let instructor: Page;
  let code = '';

  it('publishes from the editor and opens a class with a join code', async () => {
    instructor = await device(LANDSCAPE);
    await instructor.goto(`${hub.url}#/hub`);
    await instructor.getByLabel('E-mail').fill('ortiz@academy.test');
    await instructor.getByLabel('Name').fill('Sgt. Ortiz');
    await instructor.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await instructor.getByLabel('Password again').fill(PASSWORD);
    await instructor.getByRole('button', { name: 'Create admin and sign in' }).click();
    await instructor.getByRole('heading', { name: 'Classes' }).waitFor();

    await instructor.goto(`${hub.url}editor/`);
    await instructor.locator('.react-flow').waitFor();
    await instructor.setInputFiles(
      'input[type=file]',
      join(ROOT, 'scenarios', `${SCENARIO}.scenario.json`),
    );
    await instructor.locator(`[data-beat-id="dispatch"]`).waitFor();
    await instructor.getByRole('button', { name: 'Publish to hub' }).click();
    await instructor
      .getByText(/Published Agitated patron at the public library v1\.0\.0/)
      .waitFor();
    await screenshot(instructor, 'hub-editor-published-1024x768');

    await instructor.goto(`${hub.url}#/hub`);
    await instructor.getByRole('link', { name: 'New class' }).click();
    await instructor.getByLabel('Class name').fill('Recruit class 24-3, Tuesday');
    await instructor.getByRole('checkbox', { name: /Agitated patron/ }).check();
    await instructor.getByRole('button', { name: 'Create class' }).click();
    const codeBox = instructor.locator('.hub-join-code');
    await codeBox.waitFor();
    code = ((await codeBox.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    // The QR code is an image the hub drew, and it loaded.
    await expect
      .poll(() =>
        instructor.locator('img.hub-qr').evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await screenshot(instructor, 'hub-class-code-1024x768');
    await instructor.setViewportSize(PORTRAIT);
    await screenshot(instructor, 'hub-class-code-768x1024');
    await instructor.setViewportSize(LANDSCAPE);
  });

  let tablets: Page[] = [];

  it('lets three tablets join with the code, each with its trainee id', async () => {
    tablets = [await device(LANDSCAPE), await device(PORTRAIT), await device(LANDSCAPE)];
    const trainees = ['T-0415', 'T-0416', 'T-0417'];
    for (const [i, tablet] of tablets.entries()) await joinClass(tablet, code, trainees[i]!);
    await expect(tablets[0]!.getByText(/trainee T-0415/)).toBeTruthy();
    await screenshot(tablets[0]!, 'hub-tablet-joined-1024x768');
    await screenshot(tablets[1]!, 'hub-tablet-joined-768x1024');
    await instructor.reload();
    for (const trainee of trainees) await instructor.getByText(trainee).first().waitFor();
  });

  it('syncs a drill that went offline half way once the network is back', async () => {
    const [, offline] = tablets;
    await startClassDrill(offline!);
    await decide(offline!, 2);
    await offline!.context().setOffline(true);
    await decide(offline!, 2);
    const rest = await playToOutcome(offline!, { prefer: [...LIBRARY_ROUTE] });
    expect(rest.result).not.toBe('');
    // The log is complete on the tablet, and cannot be on the hub yet.
    await waitForSync(offline!, /On this device only|Sending/);
    await screenshot(offline!, 'hub-tablet-offline-768x1024');
    await offline!.context().setOffline(false);
    await offline!.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForSync(offline!, /On the hub/);
    await screenshot(offline!, 'hub-tablet-synced-768x1024');
  });

  it('keeps every decision when the hub is killed mid-drill and started again', async () => {
    const [first] = tablets;
    await startClassDrill(first!);
    await decide(first!, 2);
    await hub.kill();
    await decide(first!, 2);
    await hub.restart();
    const end = await playToOutcome(first!, { prefer: [...LIBRARY_ROUTE] });
    expect(end.result).not.toBe('');
    await first!.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForSync(first!, /On the hub/, { timeout: 60_000 });
  });

  it('shows the hub refusing a log whose stored event was edited before it arrived', async () => {
    const third = tablets[2]!;
    await third.context().setOffline(true);
    await startClassDrill(third);
    await decide(third, 3);
    // Someone with the tablet edits a recorded decision time in IndexedDB.
    await third.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('defuse-player');
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction('events', 'readwrite');
      const store = tx.objectStore('events');
      const rows = await new Promise<{ seq: number; at: number }[]>((done) => {
        const req = store.getAll();
        req.onsuccess = () => done(req.result as { seq: number; at: number }[]);
      });
      const second = rows.find((row) => row.seq === 2)!;
      store.put({ ...second, at: Math.round(second.at / 10) });
      await new Promise((done) => (tx.oncomplete = done));
      db.close();
    });
    await third.context().setOffline(false);
    await third.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForSync(third, /Refused by the hub: .*Event 2/, { status: 'Interrupted' });
    await screenshot(third, 'hub-tablet-refused-1024x768');
  });

  it('opens every synced log in the instructor’s debrief as intact, and the class view counts them', async () => {
    // The third tablet's clean drill: a full run that reaches the hub.
    const third = tablets[2]!;
    await third.goto(hub.url);
    await startClassDrill(third);
    await playToOutcome(third, { prefer: [...LIBRARY_ROUTE] });
    await waitForSync(third, /On the hub/);

    await instructor.goto(`${hub.url}#/debrief`);
    const section = instructor.locator('section', { hasText: 'Logs on the class hub' });
    await section.waitFor();
    const debriefButtons = instructor.getByRole('button', { name: /^Debrief / });
    // Three complete drills and the refused one's accepted start.
    await expect.poll(() => debriefButtons.count(), { timeout: 20_000 }).toBe(4);
    await screenshot(instructor, 'hub-debrief-list-1024x768');

    for (const trainee of ['T-0415', 'T-0416']) {
      await instructor.goto(`${hub.url}#/debrief`);
      await instructor
        .getByRole('button', { name: new RegExp(`^Debrief .*${trainee}`) })
        .first()
        .click();
      const badge = instructor.locator('[data-integrity]').first();
      await badge.waitFor();
      expect(await badge.getAttribute('data-integrity')).toBe('intact');
    }
    await screenshot(instructor, 'hub-debrief-log-1024x768');

    await instructor.goto(`${hub.url}#/debrief`);
    await instructor.getByRole('button', { name: 'Class view of hub logs' }).click();
    await instructor.getByRole('button', { name: 'Count the logs' }).click();
    const view = instructor.getByTestId('class-view');
    await view.waitFor({ timeout: 30_000 });
    // The refused drill stopped at its edited event: its accepted part is on the hub, unfinished.
    expect((await view.innerText()).replace(/\s+/g, ' ')).toMatch(/4 runs counted · 3 finished/);
    await screenshot(instructor, 'hub-class-view-1024x768');
    await instructor.setViewportSize(PORTRAIT);
    await screenshot(instructor, 'hub-class-view-768x1024');
    expect(pageErrors).toEqual([]);
  });
});
