/**
 * An instructor writes a small but complete scenario in the editor from an
 * empty document, through the UI alone, fixes a problem by clicking it,
 * undoes and redoes, exports, and the command-line validator accepts the file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Scenario, SceneBeat } from '@defuse/schemas';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium';
import { OUTPUT, ROOT } from './support/paths';
import { screenshot } from './support/screenshots';
import { seriousAxeViolations } from './support/axe';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

async function openEditor(width = 1440, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${baseUrl}editor/`);
  await page.locator('.react-flow').waitFor();
  return page;
}

const inspector = (page: Page): Locator => page.locator('.inspector');

/** Types into a field and commits it with Enter (ids are committed that way). */
async function commit(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await field.press('Enter');
}

async function addBeat(page: Page, kind: 'Scene' | 'Outcome', id: string, title: string) {
  await page.getByRole('button', { name: `+ ${kind}`, exact: true }).click();
  await commit(inspector(page).getByLabel('Beat id'), id);
  await inspector(page).getByLabel('Title', { exact: true }).fill(title);
  await page.locator(`[data-beat-id="${id}"]`).waitFor();
}

async function selectBeat(page: Page, id: string): Promise<void> {
  await page.locator(`[data-beat-id="${id}"] .node-title`).click();
  await expect.poll(() => inspector(page).getByLabel('Beat id').inputValue()).toBe(id);
}

/** Drags from a beat's outgoing handle onto another beat, as a person adds a choice. */
async function dragChoice(page: Page, from: string, to: string): Promise<void> {
  const handle = page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`);
  const target = page.locator(`[data-beat-id="${to}"]`);
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function problemCodes(page: Page): Promise<string[]> {
  return page
    .locator('[data-diagnostic-code]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-diagnostic-code') ?? ''));
}

async function exportDocument(page: Page, name: string): Promise<{ path: string; doc: Scenario }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const dir = join(OUTPUT, 'downloads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, doc: JSON.parse(readFileSync(path, 'utf8')) as Scenario };
}

describe('authoring a scenario in the editor', () => {
  it('builds a complete scenario from an empty document, fixes a problem, undoes, exports', async () => {
    const page = await openEditor();
    await expect.poll(() => page.locator('[data-beat-id]').count()).toBe(0);

    // The scenario's own fields.
    const side = page.locator('.sidebar');
    await side.getByLabel('Title', { exact: true }).fill('Patron at the library, short');
    await side.getByLabel('Id', { exact: true }).fill('library-short');

    // A variable: agitation, 0 to 10, starting at 7.
    await page.getByRole('tab', { name: 'Variables' }).click();
    await side.getByRole('button', { name: 'Number' }).click();
    await commit(side.getByLabel('Name'), 'agitation');
    await side.getByLabel('Label').fill('Agitation');
    await side.getByLabel('Start').fill('7');

    // Three scene beats and two outcomes.
    await addBeat(page, 'Scene', 'arrival', 'Arrival at the library');
    await inspector(page).getByLabel('CDM step').selectOption('information');
    await inspector(page)
      .getByLabel('Narrative')
      .fill('A man is shouting at the librarian.\n\nStaff look relieved to see you.');
    await addBeat(page, 'Scene', 'desk', 'At the desk');
    await addBeat(page, 'Scene', 'hallway', 'In the hallway');
    await addBeat(page, 'Outcome', 'calm-exit', 'He leaves with the outreach worker');
    await addBeat(page, 'Outcome', 'arrest', 'He is arrested');
    await inspector(page).getByLabel('Result').selectOption('arrested');
    await inspector(page).getByLabel('Force used').selectOption('hands');
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await page.locator('.react-flow__controls-fitview').click();

    // First choice, dragged on the canvas, with a condition and an effect.
    await dragChoice(page, 'arrival', 'desk');
    await inspector(page).getByLabel('Choice id').waitFor();
    await commit(inspector(page).getByLabel('Choice id'), 'slow-down');
    await inspector(page)
      .getByLabel('Label (what the trainee reads)')
      .fill('Stop at the doorway and ask staff what happened');
    await inspector(page).getByRole('radio', { name: 'Preferred' }).click();
    await inspector(page).getByRole('button', { name: '+ Only offer it when…' }).click();
    await inspector(page).getByRole('combobox', { name: 'Operator' }).selectOption('lt');
    await inspector(page).getByRole('textbox', { name: 'Value', exact: true }).fill('9');
    await inspector(page).getByRole('button', { name: '+ Add an effect' }).click();
    await inspector(page).getByRole('textbox', { name: 'Amount of effect 1' }).fill('-1');

    // Second choice, from the inspector, also with a condition and an effect.
    await selectBeat(page, 'arrival');
    await inspector(page).getByLabel('Add a choice leading to').selectOption('hallway');
    await commit(inspector(page).getByLabel('Choice id'), 'rush-in');
    await inspector(page)
      .getByLabel('Label (what the trainee reads)')
      .fill('Walk straight up to him');
    await inspector(page).getByRole('radio', { name: 'Poor' }).click();
    await inspector(page).getByLabel('Technique').selectOption('command');
    await inspector(page).getByRole('button', { name: '+ Only offer it when…' }).click();
    await inspector(page).getByRole('combobox', { name: 'Operator' }).selectOption('gte');
    await inspector(page).getByRole('textbox', { name: 'Value', exact: true }).fill('5');
    await inspector(page).getByRole('button', { name: '+ Add an effect' }).click();
    await inspector(page).getByRole('textbox', { name: 'Amount of effect 1' }).fill('2');

    // A timer on the arrival: ten seconds, then the hallway.
    await selectBeat(page, 'arrival');
    await inspector(page).getByLabel('The trainee must decide within a time limit').check();
    await inspector(page).getByLabel('Seconds').fill('10');
    await inspector(page).getByLabel('Destination beat').selectOption('hallway');

    await selectBeat(page, 'desk');
    await inspector(page).getByLabel('Add a choice leading to').selectOption('calm-exit');
    await inspector(page)
      .getByLabel('Label (what the trainee reads)')
      .fill('Listen, then offer the outreach worker');

    // The hallway has no way out yet: the problems list says so. Click it and fix it.
    await expect.poll(() => problemCodes(page)).toContain('DF315');
    const problem = page.locator('[data-diagnostic-code="DF315"]');
    expect(await problem.textContent()).toContain("beat 'hallway'");
    await screenshot(page, 'editor-diagnostics');
    await problem.getByRole('button').click();
    await expect.poll(() => inspector(page).getByLabel('Beat id').inputValue()).toBe('hallway');
    await inspector(page).getByLabel('Add a choice leading to').selectOption('arrest');
    await inspector(page).getByLabel('Label (what the trainee reads)').fill('Grab his arm');
    await expect.poll(() => problemCodes(page)).not.toContain('DF315');
    await expect.poll(() => problemCodes(page)).toEqual([]);
    await expect.poll(() => page.locator('.status-chip').textContent()).toBe('✓ Valid');

    // Undo brings the problem back, redo fixes it again; the buttons name the change.
    const undo = page.getByRole('button', { name: /^↶ Undo edit label of choice 'choice'/ });
    await undo.click();
    await page
      .getByRole('button', { name: /^↶ Undo add choice 'choice' to beat 'hallway'/ })
      .click();
    await expect.poll(() => problemCodes(page)).toContain('DF315');
    await page.keyboard.press('Control+Shift+Z');
    await page.getByRole('button', { name: /^↷ Redo edit label of choice 'choice'/ }).click();
    await expect.poll(() => problemCodes(page)).toEqual([]);
    await expect.poll(() => page.getByRole('button', { name: /^↷ Redo/ }).isDisabled()).toBe(true);

    // Screenshots of the finished canvas and of the inspector on a choice.
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await page.locator('.react-flow__controls-fitview').click();
    await screenshot(page, 'editor-canvas');
    await page.locator('.react-flow__edge-textwrapper', { hasText: 'Stop at the doorway' }).click();
    await inspector(page).getByLabel('Choice id').waitFor();
    await screenshot(page, 'editor-inspector');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Export, then check the file with the command-line validator.
    const { path, doc } = await exportDocument(page, 'library-short.scenario.json');
    expect(Object.keys(doc.beats)).toEqual(['arrival', 'desk', 'hallway', 'calm-exit', 'arrest']);
    expect(doc.start).toBe('arrival');
    const arrival = doc.beats.arrival as SceneBeat;
    expect(arrival.timeLimitSec).toBe(10);
    expect(arrival.onTimeout).toEqual({ to: 'hallway' });
    expect(arrival.choices?.map((c) => [c.id, c.when, c.effects, c.to])).toEqual([
      ['slow-down', { var: 'agitation', lt: 9 }, [{ add: 'agitation', by: -1 }], 'desk'],
      ['rush-in', { var: 'agitation', gte: 5 }, [{ add: 'agitation', by: 2 }], 'hallway'],
    ]);
    expect(doc.variables).toEqual({
      agitation: { type: 'number', initial: 7, min: 0, max: 10, label: 'Agitation' },
    });
    expect(Object.keys((doc['x-editor'] as { positions: object }).positions)).toHaveLength(5);
    const validate = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'engine', 'src', 'cli', 'main.ts'), 'validate', path],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(validate.stdout + validate.stderr).toContain(': ok');
    expect(validate.status).toBe(0);

    // The work survives a reload (it was saved as it was made).
    await page.reload();
    await page.locator('[data-beat-id="hallway"]').waitFor();
    expect(await page.locator('[data-beat-id]').count()).toBe(5);
    await page.context().close();
  });

  it('looks right at 1024 × 768 too', async () => {
    const page = await openEditor(1024, 768);
    await page.setInputFiles(
      'input[type=file]',
      join(ROOT, 'scenarios', 'library-agitated-patron.scenario.json'),
    );
    await page.locator('[data-beat-id="dispatch"]').waitFor();
    await page.locator('[data-beat-id="dispatch"] .node-title').click();
    await screenshot(page, 'editor-canvas-1024');
    const toolbar = await page.locator('.toolbar').boundingBox();
    const inspectorBox = await inspector(page).boundingBox();
    expect(toolbar!.width).toBeLessThanOrEqual(1024);
    expect(inspectorBox!.x + inspectorBox!.width).toBeLessThanOrEqual(1024);
    await expect
      .poll(() => page.getByRole('button', { name: '▶ Play', exact: true }).isVisible())
      .toBe(true);
    await page.context().close();
  });
});
