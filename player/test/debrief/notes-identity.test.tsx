import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventHash, verifyLog } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { CAREFUL, RUSHED, libraryScenario, logFile, playDrill, resetStorage } from './helpers';

/** `log` moved under another session id and its chain rebuilt, as a forger would. */
function rechained(log: DecisionLog, sessionId: string): DecisionLog {
  let previous = log.scenario.digest;
  const events = log.events.map((e) => {
    const { hash: _old, ...rest } = e;
    const moved = rest.session ? { ...rest, session: { ...rest.session, sessionId } } : rest;
    const hash = eventHash(previous, moved);
    previous = hash;
    return { ...moved, hash };
  });
  return { ...log, sessionId, events };
}

let scenario: Scenario;
let genuine: DecisionLog;
let forged: DecisionLog;

beforeEach(async () => {
  await resetStorage();
  scenario = libraryScenario();
  genuine = await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
  const other = await playDrill(scenario, RUSHED, { trainee: 'ana' });
  forged = {
    ...rechained(other, genuine.sessionId),
    annotations: [{ seq: 1, text: 'FORGED: trainee drew weapon', author: 'Sgt. Nobody' }],
    selfAssessment: { wentWell: 'FORGED reaction' },
  };
  window.location.hash = '#/debrief';
});

afterEach(() => {
  window.location.hash = '';
});

async function openForged(user: ReturnType<typeof userEvent.setup>) {
  render(<DebriefArea />);
  await user.upload(await screen.findByLabelText('Open log files'), [
    logFile(forged, 'forged.log.json'),
  ]);
}

function row(source: 'device' | 'file'): HTMLElement {
  const prefix = source === 'device' ? 'd.' : 'f.';
  return document.querySelector(`tr[data-log-key^="${prefix}"]`) as HTMLElement;
}

async function passReactions(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('What went well?'), 'I kept my distance.');
  await user.click(screen.getByRole('button', { name: 'Save and open the debrief' }));
}

describe('notes and reactions stay with the log they were written on', () => {
  it('the forged file verifies on its own: only its session id is borrowed', () => {
    expect(verifyLog(scenario, forged).ok).toBe(true);
  });

  it('shows a conflict and keeps both logs when a different log reuses a session id', async () => {
    const user = userEvent.setup();
    await openForged(user);
    expect(await screen.findByText(/forged\.log\.json: opened, but a different log/)).toBeTruthy();
    expect(document.querySelectorAll(`tr[data-session-id="${genuine.sessionId}"]`)).toHaveLength(2);
    expect(within(row('device')).getByText(/Conflict/)).toBeTruthy();
    expect(within(row('file')).getByText(/Conflict/)).toBeTruthy();
  });

  it('never merges the file’s notes and reactions into the drill’s debrief or print sheet', async () => {
    const user = userEvent.setup();
    await openForged(user);
    await screen.findByText(/forged\.log\.json: opened/);
    await user.click(within(row('device')).getByRole('button', { name: /^Debrief/ }));
    // The drill's own reactions phase is still open: the file's reactions did not fill it.
    await passReactions(user);
    await screen.findByRole('tab', { name: /Timeline/, selected: true });
    expect(document.body.textContent).not.toContain('FORGED');
    expect(screen.getByText(/Conflict: another, different log/)).toBeTruthy();
  });

  it('shows the file’s notes as the file’s, and prints them apart from the instructor’s', async () => {
    const user = userEvent.setup();
    await openForged(user);
    await screen.findByText(/forged\.log\.json: opened/);
    await user.click(within(row('file')).getByRole('button', { name: /^Debrief/ }));
    const fromFile = await screen.findByRole('region', {
      name: 'Written in the file forged.log.json',
    });
    expect(within(fromFile).getByText(/FORGED: trainee drew weapon/)).toBeTruthy();
    expect(within(fromFile).getByText(/FORGED reaction/)).toBeTruthy();
    await passReactions(user);
    await screen.findByRole('tab', { name: /Timeline/, selected: true });
    expect(document.querySelector('.note-list')?.textContent ?? '').not.toContain('FORGED');
    const sheet = document.querySelector('.print-sheet') as HTMLElement;
    const headings = [...sheet.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).not.toContain('Instructor notes');
    expect(headings).toContain('Written in the file forged.log.json (not by this instructor)');
  });

  it('keeps a note written on one log off another log with the same session id', async () => {
    const user = userEvent.setup();
    await openForged(user);
    await screen.findByText(/forged\.log\.json: opened/);
    await user.click(within(row('file')).getByRole('button', { name: /^Debrief/ }));
    await passReactions(user);
    await user.click(await screen.findByRole('button', { name: 'Add a note on event 2' }));
    await user.type(screen.getByLabelText(/Note on event 2/), 'Only on the file');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('Only on the file');
    await user.click(screen.getByRole('button', { name: '← All logs' }));
    await user.click(within(await waitRow('device')).getByRole('button', { name: /^Debrief/ }));
    expect(await screen.findByLabelText('What went well?')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Only on the file');
  });
});

async function waitRow(source: 'device' | 'file'): Promise<HTMLElement> {
  await screen.findByRole('table');
  return row(source);
}
