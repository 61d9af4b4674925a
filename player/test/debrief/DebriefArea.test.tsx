import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventHash } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { CAREFUL, RUSHED, libraryScenario, logFile, playDrill, resetStorage } from './helpers';

let scenario: Scenario;

beforeEach(async () => {
  await resetStorage();
  scenario = libraryScenario();
  window.location.hash = '#/debrief';
});

afterEach(() => {
  window.location.hash = '';
});

function badgeOf(row: HTMLElement): HTMLElement {
  return row.querySelector<HTMLElement>('[data-integrity]')!;
}

/** Re-hashes a log after an edit, so only replay can tell. */
function rehash(log: DecisionLog): void {
  let previous = log.scenario.digest;
  for (const event of log.events) {
    const { hash: _old, ...rest } = event;
    event.hash = eventHash(previous, rest);
    previous = event.hash;
  }
}

describe('the Debrief area: logs', () => {
  it('lists this device’s drills with an intact badge', async () => {
    await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    render(<DebriefArea />);
    const row = await findRow('ana');
    expect(
      within(row).getByText('Agitated patron at the public library', { exact: false }),
    ).toBeTruthy();
    expect(badgeOf(row).dataset.integrity).toBe('intact');
  });

  it('opens several log files at once from the file input, and flags the one with an edited event', async () => {
    const user = userEvent.setup();
    const ben = await playDrill(scenario, RUSHED, { trainee: 'ben' });
    const cy = await playDrill(scenario, CAREFUL, { trainee: 'cy' });
    const edited = structuredClone(cy);
    edited.trainee = { id: 'cy-edited' };
    edited.events[3] = { ...edited.events[3]!, at: edited.events[3]!.at + 1 };
    render(<DebriefArea />);
    const input = await screen.findByLabelText('Open log files');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.hasAttribute('multiple')).toBe(true);
    await user.upload(input, [logFile(ben), logFile(edited, 'edited.log.json')]);

    expect(badgeOf(await findRow('ben')).dataset.integrity).toBe('intact');
    const bad = badgeOf(await findRow('cy-edited'));
    expect(bad.dataset.integrity).toBe('tampered');
    expect(bad.textContent).toContain('event 4');
  });

  it('flags a log whose chain was rebuilt after an edit, because replay does not reproduce it', async () => {
    const user = userEvent.setup();
    const forged = await playDrill(scenario, RUSHED, { trainee: 'dee' });
    forged.events[1] = { ...forged.events[1]!, vars: { ...forged.events[1]!.vars, rapport: 10 } };
    rehash(forged);
    render(<DebriefArea />);
    await user.upload(await screen.findByLabelText('Open log files'), [logFile(forged)]);
    const badge = badgeOf(await findRow('dee'));
    expect(badge.dataset.integrity).toBe('tampered');
    expect(badge.textContent).toContain('event 2');
  });

  it('says when a log was recorded against another version, and shows it by ids only', async () => {
    const user = userEvent.setup();
    const older: Scenario = { ...structuredClone(scenario), version: '0.9.0' };
    older.beats.dispatch!.title = 'Old wording of the call';
    const old = await playDrill(older, RUSHED, { trainee: 'eve' });
    render(<DebriefArea />);
    await user.upload(await screen.findByLabelText('Open log files'), [logFile(old)]);
    const row = await findRow('eve');
    expect(badgeOf(row).dataset.integrity).toBe('version-mismatch');
    await user.click(within(row).getByRole('button', { name: /Debrief/ }));
    expect(await screen.findByText(/Recorded against version 0\.9\.0/)).toBeTruthy();
    expect(screen.getAllByText(/beat “dispatch”/).length).toBeGreaterThan(0);
    // Neither the new text nor the old one is put on the old run.
    expect(screen.queryByText('Call for service')).toBeNull();
  });

  it('asks for a missing scenario, and debriefs the log once its file is opened', async () => {
    const user = userEvent.setup();
    const other: Scenario = {
      ...structuredClone(scenario),
      id: 'library-night-shift',
      title: 'Library, night shift',
    };
    const log = await playDrill(other, CAREFUL, { trainee: 'fay' });
    render(<DebriefArea />);
    await user.upload(await screen.findByLabelText('Open log files'), [logFile(log)]);
    expect(badgeOf(await findRow('fay')).dataset.integrity).toBe('scenario-missing');

    const scenarioFile = new File([JSON.stringify(other)], 'night.scenario.json', {
      type: 'application/json',
    });
    await user.upload(screen.getByLabelText('Open log files'), [scenarioFile]);
    expect(await screen.findByText(/scenario “Library, night shift” v1\.0\.0 added/)).toBeTruthy();
    expect(badgeOf(await findRow('fay')).dataset.integrity).toBe('intact');
  });

  it('opens log files dropped on the area', async () => {
    const gus = await playDrill(scenario, CAREFUL, { trainee: 'gus' });
    render(<DebriefArea />);
    const zone = await screen.findByTestId('debrief-drop');
    fireEvent.drop(zone, { dataTransfer: { files: [logFile(gus)], types: ['Files'] } });
    expect(badgeOf(await findRow('gus')).dataset.integrity).toBe('intact');
  });

  it('refuses a file that is neither a log nor a scenario, and says why', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    const junk = new File(['{"events": 3'], 'broken.log.json', { type: 'application/json' });
    await user.upload(await screen.findByLabelText('Open log files'), [junk]);
    expect(await screen.findByText(/broken\.log\.json: not a decision log/)).toBeTruthy();
    expect(screen.getByText(/No logs yet/)).toBeTruthy();
  });
});

async function findRow(trainee: string): Promise<HTMLElement> {
  await screen.findAllByRole('rowheader');
  return screen
    .findByText(
      (_, el) => el?.getAttribute('scope') === 'row' && !!el.textContent?.startsWith(trainee),
    )
    .then((cell) => cell.closest('tr')!);
}
