import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startDrill } from '@defuse/engine';
import type { DecisionLog } from '@defuse/schemas';
import { LogsScreen } from '../src/logs/LogsScreen';
import { logFileName, logFileText } from '../src/logs/export';
import { createRecorder, listLogs } from '../src/storage/logs';
import { fakeScenario, freshDevice, seriousViolations } from './support';

beforeEach(freshDevice);

/** Captures what the screen hands to the browser as downloads. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

afterEach(() => vi.restoreAllMocks());

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

async function recordTwo(): Promise<void> {
  const scenario = fakeScenario();
  const done = await startDrill(scenario, {
    trainee: { id: 'T-done' },
    onEvent: createRecorder(scenario, 'solo'),
  });
  await done.choose('order-up');
  await startDrill(scenario, {
    trainee: { id: 'T-open' },
    mode: 'assessment',
    onEvent: createRecorder(scenario, 'solo'),
  });
}

describe('logs screen', () => {
  it('lists each log with trainee, scenario, date, outcome and status', async () => {
    await recordTwo();
    const { container } = render(<LogsScreen />);
    const done = await screen.findByRole('row', { name: /T-done/ });
    expect(done.textContent).toContain('A man on the front steps');
    expect(done.textContent).toContain('Disengaged');
    expect(done.textContent).toContain('Complete');
    const open = screen.getByRole('row', { name: /T-open/ });
    expect(open.textContent).toContain('Interrupted');
    expect(open.textContent).toContain('Assessment');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('exports one log as a *.log.json file holding the log as recorded', async () => {
    await recordTwo();
    const downloads = captureDownloads();
    const user = userEvent.setup();
    render(<LogsScreen />);
    const row = await screen.findByRole('row', { name: /T-done/ });
    await user.click(within(row).getByRole('button', { name: /^Export the log of T-done/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(
      /^front-steps_t-done_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}_[0-9a-f]{8}\.log\.json$/,
    );
    const log = JSON.parse(await blobText(downloads[0]!.blob)) as DecisionLog;
    expect(log.trainee.id).toBe('T-done');
    expect(log.events.at(-1)!.type).toBe('end');
  });

  it('exports all logs, one file each', async () => {
    await recordTwo();
    const downloads = captureDownloads();
    const user = userEvent.setup();
    render(<LogsScreen />);
    await screen.findByRole('row', { name: /T-done/ });
    await user.click(screen.getByRole('button', { name: 'Export all' }));
    await waitFor(() => expect(downloads).toHaveLength(2), { timeout: 3000 });
    expect(new Set(downloads.map((d) => d.name)).size).toBe(2);
    expect(downloads.every((d) => d.name.endsWith('.log.json'))).toBe(true);
  });

  it('deletes a log only after confirmation', async () => {
    await recordTwo();
    const user = userEvent.setup();
    render(<LogsScreen />);
    const row = await screen.findByRole('row', { name: /T-open/ });
    await user.click(within(row).getByRole('button', { name: /^Delete the log of T-open/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this log?' });
    expect(dialog.textContent).toContain('T-open');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await listLogs()).toHaveLength(2);

    await user.click(within(row).getByRole('button', { name: /^Delete the log of T-open/ }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete log' }),
    );
    await waitFor(() => expect(screen.queryByRole('row', { name: /T-open/ })).toBeNull());
    expect((await listLogs()).map((l) => l.traineeId)).toEqual(['T-done']);
  });

  it('says when there is nothing yet', async () => {
    render(<LogsScreen />);
    expect(
      await screen.findByText('No drills have been recorded on this tablet yet.'),
    ).toBeDefined();
  });
});

describe('log files', () => {
  it('names a file after scenario, trainee, date and session', () => {
    const log = {
      scenario: { id: 'library-agitated-patron' },
      trainee: { id: 'Sgt. O’Neil / 12' },
      startedAt: '2026-11-22T14:03:00.000Z',
      sessionId: '0b6c1f2e-aaaa-bbbb-cccc-000000000000',
    } as DecisionLog;
    expect(logFileName(log)).toBe(
      'library-agitated-patron_sgt-o-neil-12_2026-11-22-14-03_0b6c1f2e.log.json',
    );
    expect(JSON.parse(logFileText(log))).toEqual(log);
  });
});
