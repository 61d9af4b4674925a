import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DecisionLog } from '@defuse/schemas';
import { seriousAxeViolations } from './support/axe';
import { LANDSCAPE, PORTRAIT, launchTablet, type Tablet } from './support/browser';
import { OUTPUT, ROOT } from './support/paths';
import { openHome, playToOutcome, setUp, startScenario } from './support/player';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');
const DOWNLOADS = join(OUTPUT, 'downloads', 'debrief');
const LIBRARY = join(ROOT, 'scenarios', 'library-agitated-patron.scenario.json');

/** A trainee who slows down, keeps distance and talks. */
const CAREFUL = [
  'query-dispatch',
  'request-cover',
  'hold-at-table',
  'move-children',
  'introduce',
  'label-fear',
  'recognise-crisis',
  'offer-caseworker',
  'explain-powers',
  'invite-walk',
  'call-caseworker',
  'sit-and-wait',
];
/** A trainee who rushes in and goes hands-on. */
const RUSHED = ['rush-in', 'walk-up', 'grab-arm', 'take-down'];

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

function defuse(...args: string[]) {
  return spawnSync('npx', ['-y', 'pnpm@10.34.8', 'defuse', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

async function playLibraryDrill(page: Page, trainee: string, prefer: string[]): Promise<void> {
  await openHome(page, baseUrl);
  await setUp(page, { trainee, mode: 'assessment', instructor: 'solo' });
  await startScenario(page, 'library-agitated-patron');
  await playToOutcome(page, { prefer });
}

async function goToDebrief(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Debrief' }).tap();
  await page.getByRole('heading', { name: 'Debrief', level: 1 }).waitFor();
}

/** Screenshots of the current screen at both tablet sizes, then back to landscape. */
async function bothOrientations(page: Page, name: string): Promise<void> {
  await page.setViewportSize(LANDSCAPE);
  await screenshot(page, `${name}-landscape`);
  await page.setViewportSize(PORTRAIT);
  await screenshot(page, `${name}-portrait`);
  await page.setViewportSize(LANDSCAPE);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).tap();
  await page.locator(`[role="tabpanel"][data-tab="${name.toLowerCase()}"]`).waitFor();
}

describe('the debrief of two drills of the library scenario', () => {
  it('debriefs a drill phase by phase, exports a log that still verifies, flags an edited one, and shows the class', async () => {
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    await playLibraryDrill(page, 'T-ana', CAREFUL);
    await playLibraryDrill(page, 'T-ben', RUSHED);

    // The list: both drills, intact.
    await goToDebrief(page);
    const ana = page.locator('tbody tr', { hasText: 'T-ana' }).filter({ hasText: 'this tablet' });
    const ben = page.locator('tbody tr', { hasText: 'T-ben' }).filter({ hasText: 'this tablet' });
    await page.locator('tbody tr').first().waitFor();
    const listed = await page.locator('tbody tr').allTextContents();
    expect(listed, 'one row per drill played').toHaveLength(2);
    expect(await ana.locator('[data-integrity]').getAttribute('data-integrity')).toBe('intact');
    expect(await ben.locator('[data-integrity]').getAttribute('data-integrity')).toBe('intact');
    expect(await page.locator('input[type="file"][multiple]').count()).toBe(1);
    await bothOrientations(page, 'debrief-list');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Reactions come first.
    await ben.getByRole('button', { name: /^Debrief/ }).tap();
    await page.getByLabel('What went well?').fill('I got there fast and took control.');
    await page
      .getByLabel('What would you change next time?')
      .fill('Maybe wait for my partner before going up.');
    expect(await page.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await bothOrientations(page, 'debrief-reactions');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save and open the debrief' }).tap();

    // Timeline: one row per event; ratings only once shown; a note on a decision.
    const rows = page.locator('.timeline > [data-seq]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(4);
    expect(await page.locator('[data-rating]').count()).toBe(0);
    await bothOrientations(page, 'debrief-timeline');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show ratings' }).tap();
    expect(await page.locator('[data-seq="2"] [data-rating]').getAttribute('data-rating')).toBe(
      'poor',
    );
    await page.getByRole('button', { name: 'Add a note on event 2' }).tap();
    await page
      .getByLabel(/Note on event 2/)
      .fill('What did you know about him before you went up?');
    await page.getByLabel('Your name').fill('Sgt. Ortiz');
    await page.getByRole('button', { name: 'Save note' }).tap();
    await page.locator('[data-seq="2"] .note-text').waitFor();
    await bothOrientations(page, 'debrief-timeline-notes');

    // Step through: what the trainee saw, the choice taken marked.
    await page.getByRole('button', { name: 'Replay step 1' }).tap();
    await page.getByRole('heading', { name: /^Step 1 of/ }).waitFor();
    expect(
      await page.locator('.offered-choice[aria-current="true"]').getAttribute('data-choice-id'),
    ).toBe('rush-in');
    await page.getByRole('button', { name: 'Next →' }).tap();
    await page.getByRole('heading', { name: /^Step 2 of/ }).waitFor();
    expect(await page.locator('.step-beat [data-beat-id]').getAttribute('data-beat-id')).toBe(
      'arrival',
    );
    await bothOrientations(page, 'debrief-step-through');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // What if: play on from here with the other choice; the trainee's log stays as it was.
    await page.getByRole('button', { name: /What if… play on from here/ }).tap();
    const sandbox = page.getByTestId('what-if');
    await sandbox.waitFor();
    await sandbox.locator('[data-choice-id="hold-at-table"]').tap();
    await sandbox.locator('[data-beat-id="clear-area"]').waitFor();
    await bothOrientations(page, 'debrief-what-if');
    await page.getByRole('button', { name: 'Close the sandbox' }).tap();

    // Analysis and summary.
    await openTab(page, 'Analysis');
    await page.getByTestId('variables-chart').waitFor();
    await bothOrientations(page, 'debrief-analysis');
    await screenshot(page, 'debrief-analysis-full-landscape', true);
    await page.getByTestId('path-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-analysis-path-landscape');
    await page.setViewportSize(PORTRAIT);
    await page.getByTestId('path-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-analysis-path-portrait');
    await page.setViewportSize(LANDSCAPE);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await openTab(page, 'Summary');
    await page.getByText('Maybe wait for my partner before going up.').first().waitFor();
    await bothOrientations(page, 'debrief-summary');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Print to PDF: one clean page.
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'debrief-print-preview-landscape', true);
    mkdirSync(DOWNLOADS, { recursive: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    writeFileSync(join(DOWNLOADS, 'debrief.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);

    // Export the log with its note and reactions; the command-line tool still verifies it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export log' }).tap(),
    ]);
    const file = join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as DecisionLog;
    expect(exported.annotations).toEqual([
      expect.objectContaining({
        seq: 2,
        author: 'Sgt. Ortiz',
        text: 'What did you know about him before you went up?',
      }),
    ]);
    expect(exported.selfAssessment?.change).toBe('Maybe wait for my partner before going up.');
    const verify = defuse('verify', file, '--scenario', LIBRARY);
    expect(verify.stdout + verify.stderr).toContain('intact');
    expect(verify.status).toBe(0);

    // The same log with one event edited: the tampered badge names that event.
    const edited = structuredClone(exported);
    edited.events[2] = { ...edited.events[2]!, at: edited.events[2]!.at + 1500 };
    const editedFile = join(DOWNLOADS, 'edited.log.json');
    writeFileSync(editedFile, JSON.stringify(edited, null, 2));
    await page.getByRole('button', { name: '← All logs' }).tap();
    await page.locator('input[type="file"][multiple]').setInputFiles(editedFile);
    const editedRow = page.locator('tbody tr', { hasText: 'edited.log.json' });
    await editedRow.waitFor();
    const badge = editedRow.locator('[data-integrity]');
    expect(await badge.getAttribute('data-integrity')).toBe('tampered');
    expect(await badge.textContent()).toContain('event 3');
    await bothOrientations(page, 'debrief-list-tampered');
    await editedRow.getByRole('button', { name: /^Debrief/ }).tap();
    await page.locator('.timeline-row.flagged[data-seq="3"]').waitFor();
    await bothOrientations(page, 'debrief-tampered');
    await page.getByRole('button', { name: '← All logs' }).tap();

    // Class view of the two drills: half took each way at the first beat.
    await ana.locator('input[type="checkbox"]').check();
    await ben.locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: 'Class view' }).tap();
    const view = page.getByTestId('class-view');
    await view.waitFor();
    expect(await view.textContent()).toContain('2 runs counted');
    const dispatch = view.locator('[data-beat-id="dispatch"]');
    expect(
      await dispatch.locator('[data-choice-id="query-dispatch"]').getAttribute('data-share'),
    ).toBe('0.5000');
    expect(await dispatch.locator('[data-choice-id="rush-in"]').getAttribute('data-share')).toBe(
      '0.5000',
    );
    expect(
      await dispatch.locator('[data-choice-id="start-with-cover"]').getAttribute('data-share'),
    ).toBe('0.0000');
    await bothOrientations(page, 'debrief-class');
    await screenshot(page, 'debrief-class-full-landscape', true);
    await dispatch.scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-class-beats-landscape');
    await page.setViewportSize(PORTRAIT);
    await dispatch.scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-class-beats-portrait');
    await page.setViewportSize(LANDSCAPE);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The class exports both drills as xAPI statements.
    const [anaDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export xAPI' }).tap(),
    ]);
    const xapiFile = join(DOWNLOADS, anaDownload.suggestedFilename());
    await anaDownload.saveAs(xapiFile);
    const statements = JSON.parse(readFileSync(xapiFile, 'utf8')) as { verb: { id: string } }[];
    expect(statements.filter((s) => s.verb.id.endsWith('/completed'))).toHaveLength(2);
  });
});
