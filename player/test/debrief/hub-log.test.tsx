import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { CAREFUL, RUSHED, libraryScenario, playDrill, resetStorage } from './helpers';
import { INSTRUCTOR, installFakeHub, type FakeHub } from './hub-fake';

let scenario: Scenario;
let hub: FakeHub;
let ben: DecisionLog;

beforeEach(async () => {
  await resetStorage();
  sessionStorage.clear();
  scenario = libraryScenario();
  hub = installFakeHub({});
  ben = await playDrill(scenario, RUSHED, { trainee: 'ben', thinkMs: 4000 });
  hub.addLog(ben, scenario);
  window.location.hash = '#/debrief';
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function badge(): HTMLElement {
  return document.querySelector<HTMLElement>('.debrief-header [data-integrity]')!;
}

async function passReactions(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('What went well?'), 'I kept talking.');
  await user.click(screen.getByRole('button', { name: 'Save and open the debrief' }));
}

describe('debriefing a log from the hub', () => {
  it('opens from the hub list with the intact badge the engine gives a genuine log', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    await user.click(
      await screen.findByRole('button', { name: /^Debrief ben, / }, { timeout: 5000 }),
    );
    expect(window.location.hash).toBe(`#/debrief/hub/${ben.sessionId}/reactions`);
    await screen.findByRole('heading', { name: /ben · Agitated patron/ });
    expect(badge().dataset.integrity).toBe('intact');
    expect(hub.sent(`/logs/${ben.sessionId}`)).toHaveLength(1);
  });

  it('shows the tampered badge, naming the event, for a log edited on the hub', async () => {
    const edited = await playDrill(scenario, CAREFUL, { trainee: 'cy' });
    edited.events[3] = { ...edited.events[3]!, at: edited.events[3]!.at + 1 };
    hub.addLog(edited, scenario);
    window.location.hash = `#/debrief/hub/${edited.sessionId}/reactions`;
    render(<DebriefArea />);
    await screen.findByRole('heading', { name: /cy · Agitated patron/ });
    expect(badge().dataset.integrity).toBe('tampered');
    expect(badge().textContent).toContain('event 4');
    expect(screen.getByText(/This log does not verify/)).toBeTruthy();
  });

  it('does not trust a scenario text that is not the one the log was recorded with', async () => {
    // A version this device does not have, so only the hub's copy could vouch for the log.
    const recorded: Scenario = { ...structuredClone(scenario), version: '7.0.0' };
    const reworded = structuredClone(recorded);
    reworded.beats.dispatch!.title = 'A different call';
    const other = await playDrill(recorded, CAREFUL, { trainee: 'dee' });
    hub.addLog(other, reworded);
    window.location.hash = `#/debrief/hub/${other.sessionId}/reactions`;
    render(<DebriefArea />);
    await screen.findByRole('heading', { name: /dee · / });
    expect(badge().dataset.integrity).not.toBe('intact');
  });

  it('posts a note to the hub and shows it with the name of the instructor who wrote it', async () => {
    const user = userEvent.setup();
    window.location.hash = `#/debrief/hub/${ben.sessionId}/reactions`;
    const { unmount } = render(<DebriefArea />);
    await passReactions(user);
    await user.click(await screen.findByRole('button', { name: 'Add a note on event 2' }));
    await user.type(screen.getByLabelText(/Note on event 2/), 'Why go straight up?');
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(screen.getByText(`Signed in as ${INSTRUCTOR.name}`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    const row = () => document.querySelector('[data-seq="2"]') as HTMLElement;
    await waitFor(() => expect(within(row()).getByText('Why go straight up?')).toBeTruthy());
    expect(row().textContent).toContain(`Instructor note, ${INSTRUCTOR.name}:`);
    const posts = hub.sent(`/logs/${ben.sessionId}/notes`, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ seq: 2, text: 'Why go straight up?' });
    expect(posts[0]!.headers['x-csrf-token']).toBe('csrf-1');
    // The note is not offered for deletion: the hub keeps every note.
    expect(within(row()).queryByRole('button', { name: /Delete the note/ })).toBeNull();

    // Opened again, the note comes back from the hub, and the log still verifies.
    unmount();
    render(<DebriefArea />);
    await waitFor(() =>
      expect(document.querySelector('[data-seq="2"]')?.textContent).toContain(
        'Why go straight up?',
      ),
    );
    expect(badge().dataset.integrity).toBe('intact');
  });

  it('shows the hub’s message when the hub refuses a note, and does not show it as saved', async () => {
    const user = userEvent.setup();
    window.location.hash = `#/debrief/hub/${ben.sessionId}/reactions`;
    render(<DebriefArea />);
    await passReactions(user);
    hub.account = undefined;
    await user.click(await screen.findByRole('button', { name: 'Add a note on event 2' }));
    await user.type(screen.getByLabelText(/Note on event 2/), 'Lost note');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not save on the hub: Sign in first.',
    );
    expect(screen.queryByText('Lost note')).toBeNull();
  });
});
