import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scenarioDigest } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { CAREFUL, RUSHED, libraryScenario, playDrill, resetStorage } from './helpers';
import { INSTRUCTOR, PASSWORD, installFakeHub, type FakeHub } from './hub-fake';

let scenario: Scenario;

function published(s: Scenario) {
  return {
    version: {
      id: s.id,
      version: s.version,
      digest: scenarioDigest(s),
      title: s.title,
      publishedAt: '2026-11-01T00:00:00.000Z',
      publishedBy: INSTRUCTOR.id,
    },
    scenario: s,
  };
}

beforeEach(async () => {
  await resetStorage();
  sessionStorage.clear();
  scenario = libraryScenario();
  window.location.hash = '#/debrief';
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

async function hubWithLogs(signedIn = true): Promise<FakeHub> {
  const hub = installFakeHub({ versions: [published(scenario)], signedIn });
  hub.addLog(await playDrill(scenario, CAREFUL, { trainee: 'ana' }), scenario, 'c-mon');
  hub.addLog(await playDrill(scenario, RUSHED, { trainee: 'ben' }), scenario, 'c-tue');
  const unfinished = await playDrill(scenario, CAREFUL, { trainee: 'cy' });
  unfinished.events = unfinished.events.slice(0, 3);
  hub.addLog(unfinished, scenario, 'c-tue');
  return hub;
}

function hubSection(): HTMLElement {
  return screen.getByRole('region', { name: 'Logs on the class hub' });
}

describe('the debrief’s list of hub logs', () => {
  it('lists the hub’s logs with trainee, scenario and version, class, and whether they finished', async () => {
    await hubWithLogs();
    render(<DebriefArea />);
    const ana = (await screen.findByRole('rowheader', { name: 'ana' })).closest('tr')!;
    expect(ana.textContent).toContain('Agitated patron at the public library');
    expect(ana.textContent).toContain(`v${scenario.version}`);
    expect(ana.textContent).toContain('Monday refresher');
    expect(ana.textContent).toContain('Complete');
    const cy = screen.getByRole('rowheader', { name: 'cy' }).closest('tr')!;
    expect(cy.textContent).toContain('Unfinished');
    expect(cy.textContent).toContain('Tuesday recruits');
    expect(within(hubSection()).getByText('Showing 3 of 3 logs.')).toBeTruthy();
    expect(within(hubSection()).getByText(`Signed in as ${INSTRUCTOR.name}`)).toBeTruthy();
  });

  it('sends the class, scenario and trainee filters to the hub and shows what it answers', async () => {
    const user = userEvent.setup();
    const hub = await hubWithLogs();
    render(<DebriefArea />);
    await screen.findByRole('rowheader', { name: 'ana' });

    await user.selectOptions(screen.getByLabelText('Class session'), 'c-tue');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'ana' })).toBeNull());
    expect(hub.sent('/logs').at(-1)!.query.get('class')).toBe('c-tue');

    await user.selectOptions(screen.getByLabelText('Scenario'), scenario.title);
    await user.type(screen.getByLabelText('Trainee id'), 'ben{Enter}');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'cy' })).toBeNull());
    const last = hub.sent('/logs').at(-1)!.query;
    expect(last.get('class')).toBe('c-tue');
    expect(last.get('scenario')).toBe(scenario.id);
    expect(last.get('trainee')).toBe('ben');
    expect(last.get('offset')).toBe('0');
    expect(screen.getByRole('rowheader', { name: 'ben' })).toBeTruthy();
  });

  it('fetches the next page when More is pressed', async () => {
    const user = userEvent.setup();
    const hub = installFakeHub({ versions: [published(scenario)] });
    const log = await playDrill(scenario, RUSHED, { trainee: 'first' });
    for (let i = 0; i < 55; i++) {
      hub.addLog(
        {
          ...log,
          sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          trainee: { id: `t${i}` },
        },
        scenario,
      );
    }
    render(<DebriefArea />);
    await screen.findByText('Showing 50 of 55 logs.');
    expect(hub.sent('/logs')[0]!.query.get('limit')).toBe('50');
    await user.click(screen.getByText('More (5 left)'));
    await screen.findByText('Showing 55 of 55 logs.');
    expect(hub.sent('/logs').at(-1)!.query.get('offset')).toBe('50');
    expect(document.querySelectorAll('.hub-log-table tbody tr')).toHaveLength(55);
    expect(screen.queryByText(/^More/)).toBeNull();
  }, 20_000);

  it('asks an instructor to sign in, and shows the hub’s message when it refuses', async () => {
    const user = userEvent.setup();
    await hubWithLogs(false);
    render(<DebriefArea />);
    await user.type(await screen.findByLabelText('E-mail'), INSTRUCTOR.email);
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That e-mail and password do not match an account.',
    );
    expect(screen.queryByRole('rowheader', { name: 'ana' })).toBeNull();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('rowheader', { name: 'ana' })).toBeTruthy();
  });

  it('shows no hub section when the page was not served by a hub', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await playDrill(scenario, CAREFUL, { trainee: 'local', store: true });
    render(<DebriefArea />);
    expect(await screen.findByRole('rowheader', { name: 'local' })).toBeTruthy();
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Logs on the class hub' })).toBeNull();
  });
});
