import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { launchTablet, type Tablet } from './support/browser';
import { OUTPUT, ROOT } from './support/paths';
import {
  fixturePath,
  importScenarioFile,
  openHome,
  playToOutcome,
  setUp,
  startScenario,
  tapChoice,
} from './support/player';
import { screenshot } from './support/screenshots';

const baseUrl = inject('baseUrl');
const DOWNLOADS = join(OUTPUT, 'downloads');

let tablet: Tablet | undefined;
afterEach(async () => {
  await tablet?.close();
  tablet = undefined;
});

describe('the logs on this tablet', () => {
  it('lists logs, exports one that `pnpm defuse verify` accepts, exports all, and deletes after confirmation', async () => {
    tablet = await launchTablet({ orientation: 'landscape' });
    const { page } = tablet;
    await openHome(page, baseUrl);
    await importScenarioFile(page, fixturePath('timer.scenario.json'));
    await page.locator('[data-scenario-id="e2e-timer"]').waitFor();

    // One complete drill and one left unfinished.
    await setUp(page, { trainee: 'T-export', mode: 'assessment' });
    await startScenario(page, 'e2e-timer');
    await playToOutcome(page, { prefer: ['approach', 'greet'] });
    await page.getByRole('link', { name: 'Back to drills' }).tap();
    await setUp(page, { trainee: 'T-unfinished' });
    await startScenario(page, 'e2e-timer');
    await tapChoice(page, 'hang-back');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Logs' }).tap();
    const rows = page.locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const complete = page.locator('tbody tr', { hasText: 'T-export' });
    const unfinished = page.locator('tbody tr', { hasText: 'T-unfinished' });
    await expect(complete.textContent()).resolves.toMatch(/Clock drill.*Resolved.*Complete/);
    await expect(unfinished.textContent()).resolves.toContain('Interrupted');
    await screenshot(page, 'logs-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await screenshot(page, 'logs-portrait');
    await page.setViewportSize({ width: 1024, height: 768 });

    // Export one, then check it with the command-line tool.
    mkdirSync(DOWNLOADS, { recursive: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      complete.getByRole('button', { name: /^Export/ }).tap(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^e2e-timer_t-export_.*\.log\.json$/);
    const file = join(DOWNLOADS, name);
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { trainee: { id: string } };
    expect(exported.trainee.id).toBe('T-export');
    const verify = spawnSync(
      'npx',
      [
        '-y',
        'pnpm@10.34.8',
        'defuse',
        'verify',
        file,
        '--scenario',
        fixturePath('timer.scenario.json'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(verify.stdout + verify.stderr).toContain('intact');
    expect(verify.status).toBe(0);

    // Export all: one *.log.json per log.
    const names: string[] = [];
    page.on('download', (d) => names.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Export all' }).tap();
    await expect.poll(() => names.length, { timeout: 10_000 }).toBe(2);
    expect(names.every((n) => n.endsWith('.log.json'))).toBe(true);
    expect(new Set(names).size).toBe(2);

    // Delete asks first; Cancel keeps the log.
    await unfinished.getByRole('button', { name: /^Delete/ }).tap();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this log?' });
    await dialog.waitFor();
    await screenshot(page, 'logs-delete-dialog-landscape');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).tap();
    await dialog.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);
    await unfinished.getByRole('button', { name: /^Delete/ }).tap();
    await dialog.getByRole('button', { name: 'Delete log' }).tap();
    await unfinished.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);

    // Gone from the resume offer too.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Drills' })
      .tap();
    await page.locator('[data-scenario-id]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Resume', exact: true }).count()).toBe(0);
  });
});
