import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HomeScreen } from '../src/home/HomeScreen';
import { activeSessionIds } from '../src/drill/session';
import { listLogs, loadLog } from '../src/storage/logs';
import { listImportedScenarios } from '../src/storage/scenarios';
import { loadSettings } from '../src/storage/settings';
import { fakeScenario, freshDevice, seriousViolations } from './support';

beforeEach(freshDevice);

function scenarioFile(content: unknown, name = 'front-steps.scenario.json'): File {
  const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  return new File([text], name, { type: 'application/json' });
}

async function renderHome() {
  const view = render(<HomeScreen />);
  await screen.findByRole('heading', { name: 'Agitated patron at the public library' });
  return view;
}

describe('home screen', () => {
  it('lists the bundled scenarios with title, summary, call type and minutes', async () => {
    const { container } = await renderHome();
    const card = container.querySelector('[data-scenario-id="library-agitated-patron"]')!;
    expect(card).not.toBeNull();
    expect(card.textContent).toContain('Disturbance: agitated patron');
    expect(card.textContent).toContain('12 min');
    expect(card.textContent).toContain('A regular patron is shouting at staff');
    expect(
      within(card as HTMLElement)
        .getByRole('button', { name: 'Start' })
        .hasAttribute('disabled'),
    ).toBe(false);
  });

  it('starts a drill with the trainee id and mode, records its start, and goes to the drill', async () => {
    const user = userEvent.setup();
    const { container } = await renderHome();
    await user.type(screen.getByLabelText('Trainee ID'), 'T-4471');
    await user.click(screen.getByRole('radio', { name: 'Assessment' }));
    const card = container.querySelector<HTMLElement>(
      '[data-scenario-id="library-agitated-patron"]',
    )!;
    await user.click(within(card).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/drill\//));
    const sessionId = decodeURIComponent(window.location.hash.split('/')[2]!);
    expect(activeSessionIds()).toContain(sessionId);
    const log = await loadLog(sessionId);
    expect(log).toMatchObject({ trainee: { id: 'T-4471' }, mode: 'assessment' });
    expect(log!.events.map((e) => e.type)).toEqual(['start']);
    expect(await loadSettings()).toMatchObject({ traineeId: 'T-4471', mode: 'assessment' });
  });

  it('refuses an invalid scenario file, says which beat and what is wrong, and stores nothing', async () => {
    const user = userEvent.setup();
    await renderHome();
    const broken = fakeScenario();
    (broken.beats.talking as { choices: { to: string }[] }).choices[0]!.to = 'nowhere';
    await user.upload(screen.getByLabelText('Import a scenario file…'), scenarioFile(broken));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('front-steps.scenario.json was not imported');
    expect(alert.textContent).toContain('Nothing on this device was changed');
    expect(alert.textContent).toContain('Beat “talking”, choice 1 › “to”');
    expect(alert.textContent).toContain('"nowhere"');
    expect(await listImportedScenarios()).toEqual([]);
  });

  it('refuses a file that is not JSON, with the line', async () => {
    const user = userEvent.setup();
    await renderHome();
    await user.upload(
      screen.getByLabelText('Import a scenario file…'),
      scenarioFile('{ "format": "defuse/scenario@1",\n  "id": oops }'),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/line 2/);
    expect(await listImportedScenarios()).toEqual([]);
  });

  it('imports a valid scenario, lists it, and removes it after confirmation', async () => {
    const user = userEvent.setup();
    const { container } = await renderHome();
    await user.upload(
      screen.getByLabelText('Import a scenario file…'),
      scenarioFile(fakeScenario()),
    );
    await screen.findByText(/Imported “A man on the front steps” \(version 1.0.0\)/);
    const card = await waitFor(() => {
      const el = container.querySelector<HTMLElement>('[data-scenario-id="front-steps"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(card.textContent).toContain('Welfare check');
    expect(await listImportedScenarios()).toHaveLength(1);

    await user.click(within(card).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove this scenario?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await listImportedScenarios()).toHaveLength(1);
    await user.click(within(card).getByRole('button', { name: 'Remove' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() =>
      expect(container.querySelector('[data-scenario-id="front-steps"]')).toBeNull(),
    );
    expect(await listImportedScenarios()).toEqual([]);
  });

  it('offers an interrupted drill with a Resume button', async () => {
    const user = userEvent.setup();
    const first = await renderHome();
    const card = first.container.querySelector<HTMLElement>(
      '[data-scenario-id="library-agitated-patron"]',
    )!;
    await user.type(screen.getByLabelText('Trainee ID'), 'T-77');
    await user.click(within(card).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/drill\//));
    first.unmount();

    // A new page load: the drill is only in storage now.
    const [stored] = await listLogs();
    const { releaseDrill } = await import('../src/drill/session');
    releaseDrill(stored!.sessionId);
    window.location.hash = '';
    await renderHome();
    const offer = await screen.findByRole('region', { name: 'An interrupted drill' });
    expect(offer.textContent).toContain('T-77');
    await user.click(within(offer).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/drill/${stored!.sessionId}`));
    const log = await loadLog(stored!.sessionId);
    expect(log!.events.map((e) => e.type)).toEqual(['start', 'resume']);
  });

  it('has no serious accessibility problems', async () => {
    const { container } = await renderHome();
    expect(await seriousViolations(container)).toEqual([]);
  });
});
