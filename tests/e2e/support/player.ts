import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { ROOT } from './paths';
import { firstOffered } from './library-route';

/** A scenario of the shipped library, checked by the engine. */
export function libraryScenario(id: string): Scenario {
  const text = readFileSync(join(ROOT, 'scenarios', `${id}.scenario.json`), 'utf8');
  const { scenario, diagnostics } = parseScenario(text);
  if (!scenario) throw new Error(`${id} is invalid: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

/** A scenario fixture of the browser tests. */
export function fixturePath(name: string): string {
  return join(ROOT, 'tests', 'e2e', 'fixtures', name);
}

export function fixtureScenario(name: string): Scenario {
  const { scenario, diagnostics } = parseScenario(readFileSync(fixturePath(name), 'utf8'));
  if (!scenario) throw new Error(`${name} is invalid: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

export interface DrillSetup {
  trainee?: string;
  mode?: 'training' | 'assessment';
  instructor?: 'solo' | 'present';
}

/** Opens the home screen and waits for the scenario list. */
export async function openHome(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.locator('[data-scenario-id]').first().waitFor();
}

/** Fills in the drill setup on the home screen. */
export async function setUp(page: Page, setup: DrillSetup): Promise<void> {
  if (setup.trainee !== undefined) await page.getByLabel('Trainee ID').fill(setup.trainee);
  if (setup.mode) {
    await page
      .getByRole('radio', { name: setup.mode === 'training' ? 'Training' : 'Assessment' })
      .check();
  }
  if (setup.instructor) {
    await page
      .getByRole('radio', { name: setup.instructor === 'solo' ? 'Solo' : 'Instructor present' })
      .check();
  }
}

/** Taps "Start" on a scenario of the home screen and waits for its first beat. */
export async function startScenario(page: Page, scenarioId: string): Promise<void> {
  await page
    .locator(`[data-scenario-id="${scenarioId}"]`)
    .getByRole('button', { name: 'Start' })
    .tap();
  await page.locator('[data-beat-id]').waitFor();
}

/** The beat on screen, or undefined when none is (feedback, outcome). */
export async function currentBeat(page: Page): Promise<string | undefined> {
  const beat = page.locator('[data-beat-id]');
  if ((await beat.count()) === 0) return undefined;
  return (await beat.getAttribute('data-beat-id')) ?? undefined;
}

/** Taps a choice and waits until the drill has recorded the decision and moved on. */
export async function tapChoice(page: Page, choiceId: string): Promise<void> {
  const seq = await page.locator('[data-beat-id]').getAttribute('data-seq');
  await page.locator(`[data-choice-id="${choiceId}"]`).tap();
  await page.waitForFunction((prev) => {
    if (document.querySelector('[data-outcome], [data-feedback], [data-instructor-option]')) {
      return true;
    }
    const beat = document.querySelector('[data-beat-id]');
    return beat !== null && beat.getAttribute('data-seq') !== prev;
  }, seq);
}

/**
 * Plays the drill on screen to its outcome: at each beat it taps the first
 * preferred choice on offer (else the first choice), taps Continue after
 * training feedback, and picks instructor option `instructorPick`.
 * Returns the beats passed through and the outcome's result.
 */
export async function playToOutcome(
  page: Page,
  options: { prefer?: string[]; instructorPick?: number; maxSteps?: number } = {},
): Promise<{ beats: string[]; result: string }> {
  const prefer = options.prefer ?? [];
  const beats: string[] = [];
  for (let i = 0; i < (options.maxSteps ?? 60); i++) {
    const outcome = page.locator('[data-outcome]');
    if (await outcome.count()) {
      return { beats, result: (await outcome.getAttribute('data-outcome')) ?? '' };
    }
    if (await page.locator('[data-feedback]').count()) {
      await page.getByRole('button', { name: 'Continue', exact: true }).tap();
      await page.waitForSelector('[data-feedback]', { state: 'detached' });
      continue;
    }
    const option = page.locator(`[data-instructor-option="${options.instructorPick ?? 0}"]`);
    if (await option.count()) {
      await option.tap();
      await page.waitForSelector('[data-instructor-option]', { state: 'detached' });
      continue;
    }
    const beat = await currentBeat(page);
    if (!beat) {
      await page.waitForTimeout(50);
      continue;
    }
    beats.push(beat);
    const offered = await page
      .locator('[data-choice-id]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-choice-id') ?? ''));
    const pick = firstOffered(prefer, offered) ?? offered[0];
    expect(pick, `no choice offered at beat ${beat}`).toBeDefined();
    await tapChoice(page, pick!);
  }
  throw new Error(`No outcome after ${options.maxSteps ?? 60} steps; beats: ${beats.join(' > ')}`);
}

/** Every decision log stored in the page's IndexedDB, read straight from the database. */
export async function storedLogs(page: Page): Promise<DecisionLog[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const req = indexedDB.open('defuse-player');
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((done, fail) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => done(req.result as T[]);
        req.onerror = () => fail(req.error);
      });
    type Row = { sessionId: string; header: Record<string, unknown> };
    type EventRow = { sessionId: string; seq: number } & Record<string, unknown>;
    const sessions = await all<Row>('sessions');
    const events = await all<EventRow>('events');
    db.close();
    return sessions.map((s) => ({
      ...s.header,
      events: events
        .filter((e) => e.sessionId === s.sessionId)
        .sort((a, b) => a.seq - b.seq)
        .map(({ sessionId: _drop, ...e }) => e),
    })) as unknown as DecisionLog[];
  });
}

/** Imports a scenario file through the home screen's file input. */
export async function importScenarioFile(page: Page, path: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(path);
}
