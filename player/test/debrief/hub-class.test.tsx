import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scenarioDigest } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { CAREFUL, RUSHED, libraryScenario, playDrill, resetStorage } from './helpers';
import { INSTRUCTOR, installFakeHub } from './hub-fake';

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
  window.location.hash = '#/debrief/hub-class';
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

describe('the class view over hub logs', () => {
  it('counts the hub’s logs of the chosen scenario and class, leaving out an edited one', async () => {
    const user = userEvent.setup();
    const older: Scenario = { ...structuredClone(scenario), version: '0.9.0' };
    const hub = installFakeHub({ versions: [published(scenario), published(older)] });
    hub.addLog(await playDrill(scenario, CAREFUL, { trainee: 'ana' }), scenario);
    hub.addLog(await playDrill(scenario, RUSHED, { trainee: 'ben' }), scenario);
    const edited = await playDrill(scenario, RUSHED, { trainee: 'cy' });
    edited.events[2] = { ...edited.events[2]!, at: edited.events[2]!.at + 500 };
    hub.addLog(edited, scenario);
    hub.addLog(await playDrill(older, RUSHED, { trainee: 'old' }), older);
    hub.addLog(await playDrill(scenario, RUSHED, { trainee: 'other-class' }), scenario, 'c-mon');

    render(<DebriefArea />);
    await user.selectOptions(await screen.findByLabelText('Scenario'), scenarioDigest(scenario));
    await user.selectOptions(screen.getByLabelText('Class session'), 'c-tue');
    await user.click(screen.getByRole('button', { name: 'Count the logs' }));

    const view = await screen.findByTestId('class-view', {}, { timeout: 5000 });
    expect(within(view).getByText(/2 runs counted/)).toBeTruthy();
    expect(within(view).getByText(/Trainee cy: /)).toBeTruthy();
    const dispatch = view.querySelector('[data-beat-id="dispatch"]')!;
    expect(dispatch.querySelector('[data-choice-id="rush-in"]')?.getAttribute('data-runs')).toBe(
      '1',
    );
    expect(screen.getByText(/1 of other versions of this scenario are not counted/)).toBeTruthy();
    // Whole logs of the chosen version and class only, in one page: the other version is skipped.
    const fetched = hub.sent('/logs/full');
    expect(fetched.map((r) => r.query.get('scenario'))).toEqual([scenarioDigest(scenario)]);
    expect(fetched[0]!.query.get('class')).toBe('c-tue');
    expect(fetched[0]!.query.get('limit')).toBe('500');
    expect(hub.requests.filter((r) => /^\/logs\/(?!full)[^/]+$/.test(r.path))).toHaveLength(0);
  });

  it('gathers a thousand logs page by page and counts them all', async () => {
    const user = userEvent.setup();
    const hub = installFakeHub({ versions: [published(scenario)] });
    const policies = [CAREFUL, RUSHED];
    for (let i = 0; i < 1000; i++) {
      hub.addLog(await playDrill(scenario, policies[i % 2]!, { trainee: `t${i}` }), scenario);
    }
    // Hold every log at the hub's door, so the progress can be seen before it ends.
    const hubFetch = fetch;
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (/\/logs\/full\?/.test(input)) await gate;
      return hubFetch(input, init);
    });
    render(<DebriefArea />);
    await user.click(await screen.findByRole('button', { name: 'Count the logs' }));
    const progress = await screen.findByRole('status');
    expect(progress.textContent).toContain('Fetching and checking logs: 0 of 1000');
    expect(within(progress).getByRole('progressbar')).toBeTruthy();
    open();
    const view = await screen.findByTestId('class-view', {}, { timeout: 60_000 });
    expect(within(view).getByText(/1000 runs counted/)).toBeTruthy();
    expect(hub.sent('/logs/full').map((r) => r.query.get('offset'))).toEqual(['0', '500']);
    const dispatch = view.querySelector('[data-beat-id="dispatch"]')!;
    expect(dispatch.querySelector('[data-choice-id="rush-in"]')?.getAttribute('data-runs')).toBe(
      '500',
    );
  }, 120_000);
});
