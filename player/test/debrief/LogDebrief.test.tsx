import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { parseLog, startDrill, verifyLog } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { createRecorder, listLogs, loadLog } from '../../src/storage/logs';
import {
  CAREFUL,
  RUSHED,
  captureDownloads,
  libraryScenario,
  playDrill,
  resetStorage,
} from './helpers';

let scenario: Scenario;
let log: DecisionLog;

beforeEach(async () => {
  await resetStorage();
  scenario = libraryScenario();
  log = await playDrill(scenario, RUSHED, { trainee: 'ben', store: true, thinkMs: 4000 });
  window.location.hash = `#/debrief/${log.sessionId}`;
});

afterEach(() => {
  window.location.hash = '';
});

async function passReactions(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('What went well?'), 'I kept talking.');
  await user.type(
    screen.getByLabelText('What would you change next time?'),
    'Slow down on arrival.',
  );
  await user.click(screen.getByRole('button', { name: 'Save and open the debrief' }));
}

describe('debriefing one log', () => {
  it('starts with the trainee’s reactions; the other phases open after', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      '1Reactions',
      '2Timeline',
      '3Analysis',
      '4Summary',
    ]);
    expect(screen.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await user.click(screen.getByRole('tab', { name: /Timeline/ }));
    expect(screen.getByRole('tab', { name: /Reactions/ }).getAttribute('aria-selected')).toBe(
      'true',
    );

    await passReactions(user);
    expect(await screen.findByRole('tab', { name: /Timeline/, selected: true })).toBeTruthy();
  });

  it('shows each event on the timeline with beat, choice, decision time, CDM step, technique and who chose; ratings only on request', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    await passReactions(user);
    const list = await screen.findByRole('list', { name: 'Timeline of the drill' });
    const timeline = [...list.querySelectorAll<HTMLElement>(':scope > [data-seq]')];
    expect(timeline.map((r) => Number(r.dataset.seq))).toEqual(log.events.map((e) => e.seq));

    const first = timeline[1]!;
    expect(within(first).getByText('Call for service')).toBeTruthy();
    expect(
      within(first).getByText('Run it hot, go straight up the stairs and deal with him'),
    ).toBeTruthy();
    expect(first.textContent).toContain('4.0 s');
    expect(first.textContent).toContain('Collect information');
    expect(first.textContent).toContain('Trainee');
    expect(first.querySelector('[data-rating]')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show ratings' }));
    expect(first.querySelector('[data-rating]')?.getAttribute('data-rating')).toBe('poor');
    await user.click(screen.getByRole('button', { name: 'Hide ratings' }));
    expect(first.querySelector('[data-rating]')).toBeNull();
  });

  it('steps through the drill showing what the trainee saw and marking the choice taken', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    await passReactions(user);
    await user.click(await screen.findByRole('button', { name: 'Replay step 2' }));
    expect(
      screen.getByRole('heading', { name: 'Step 2 of ' + String(log.events.length - 1) }),
    ).toBeTruthy();
    const beat = document.querySelector('[data-beat-id]')!;
    expect(beat.getAttribute('data-beat-id')).toBe('arrival');
    const offered = [...document.querySelectorAll('.offered-choice')];
    expect(offered.map((o) => o.getAttribute('data-choice-id'))).toEqual([
      'hold-at-table',
      'walk-up',
      'command-from-stairs',
    ]);
    const taken = offered.filter((o) => o.getAttribute('aria-current') === 'true');
    expect(taken.map((o) => o.getAttribute('data-choice-id'))).toEqual(['walk-up']);
    await user.click(screen.getByRole('button', { name: 'Next →' }));
    expect(document.querySelector('[data-beat-id]')!.getAttribute('data-beat-id')).toBe(
      'too-close',
    );
  });

  it('shows pauses where they happened and the time that was left on a running clock', async () => {
    const user = userEvent.setup();
    let now = 0;
    const drill = await startDrill(scenario, {
      seed: 3,
      clock: () => now,
      trainee: { id: 'cy' },
      instructor: 'present',
      onEvent: createRecorder(scenario, 'present'),
    });
    const script = [
      'query-dispatch',
      'request-cover',
      'hold-at-table',
      'move-children',
      'introduce',
      'label-fear',
    ];
    for (const id of script) {
      now += 2000;
      await drill.choose(id);
    }
    // At "voices" (15 s on the clock): 4 s pass, the instructor pauses for 30 s, 2 s more.
    now += 4000;
    await drill.pause();
    now += 30_000;
    await drill.unpause();
    now += 2000;
    await drill.choose('recognise-crisis');
    window.location.hash = `#/debrief/${drill.log().sessionId}`;
    render(<DebriefArea />);
    await passReactions(user);
    const list = await screen.findByRole('list', { name: 'Timeline of the drill' });
    const rows = [...list.querySelectorAll<HTMLElement>(':scope > [data-seq]')];
    expect(rows.map((r) => r.querySelector('.timeline-what')?.textContent)).toContain(
      'Instructor paused the clock',
    );
    const paused = rows.findIndex((r) => r.textContent?.includes('Instructor paused the clock'));
    expect(rows[paused + 1]!.textContent).toContain('Clock restarted');
    expect(rows[paused + 2]!.textContent).toContain('Are you hearing someone right now?');
    expect(rows[paused + 2]!.textContent).toContain('Decision time 6.0 s (clock stopped 30.0 s)');

    await user.click(screen.getByRole('button', { name: 'Replay step 7' }));
    expect(document.querySelector('.step-beat [data-beat-id]')?.getAttribute('data-beat-id')).toBe(
      'voices',
    );
    expect(screen.getByText(/9\.0 s of 15\.0 s left when the choice was made/)).toBeTruthy();
  });

  it('plays on from a beat with another choice in a sandbox that never touches the log', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    await passReactions(user);
    await user.click(await screen.findByRole('tab', { name: /Analysis/ }));
    await user.click(await screen.findByRole('button', { name: /What if, from step 2/ }));
    const sandbox = await screen.findByTestId('what-if');
    expect(within(sandbox).getByText(/Nothing here is recorded/)).toBeTruthy();
    await user.click(within(sandbox).getByRole('button', { name: /keep a reading table/ }));
    expect(sandbox.querySelector('[data-beat-id]')?.getAttribute('data-beat-id')).toBe(
      'clear-area',
    );

    const stored = await loadLog(log.sessionId);
    expect(stored?.events).toEqual(log.events);
    expect(await listLogs()).toHaveLength(1);
  });

  it('keeps instructor notes and exports them with the log, which still verifies', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    try {
      render(<DebriefArea />);
      await passReactions(user);
      await user.click(await screen.findByRole('button', { name: 'Add a note on event 2' }));
      await user.type(screen.getByLabelText(/Note on event 2/), 'Why go straight up?');
      await user.type(screen.getByLabelText('Your name'), 'Sgt. Ortiz');
      await user.click(screen.getByRole('button', { name: 'Save note' }));
      const row = document.querySelector('[data-seq="2"]') as HTMLElement;
      expect(within(row).getByText('Why go straight up?')).toBeTruthy();

      await user.click(screen.getByRole('button', { name: 'Export log' }));
      expect(downloads.files).toHaveLength(1);
      expect(downloads.files[0]!.name).toMatch(/\.log\.json$/);
      const exported = parseLog(await downloads.files[0]!.text).log!;
      expect(exported.annotations).toEqual([
        expect.objectContaining({ seq: 2, author: 'Sgt. Ortiz', text: 'Why go straight up?' }),
      ]);
      expect(exported.selfAssessment).toEqual({
        wentWell: 'I kept talking.',
        change: 'Slow down on arrival.',
      });
      expect(exported.events).toEqual(log.events);
      expect(verifyLog(scenario, exported).ok).toBe(true);
    } finally {
      downloads.restore();
    }
  });

  it('exports the log as xAPI statements', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    try {
      render(<DebriefArea />);
      await user.click(await screen.findByRole('button', { name: 'Export xAPI' }));
      const statements = JSON.parse(await downloads.files[0]!.text) as { verb: { id: string } }[];
      expect(statements[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
      expect(statements.filter((s) => s.verb.id.endsWith('/answered'))).toHaveLength(
        log.events.filter((e) => e.type === 'choice').length,
      );
    } finally {
      downloads.restore();
    }
  });

  it('shows the cue ledger, the variables chart and the path on the map', async () => {
    const user = userEvent.setup();
    const careful = await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    window.location.hash = `#/debrief/${careful.sessionId}/analysis`;
    render(<DebriefArea />);
    await passReactions(user);
    await user.click(await screen.findByRole('tab', { name: /Analysis/ }));
    const ledger = await screen.findByRole('table', { name: /Each cue shown/ });
    const scissors = ledger.querySelector('[data-cue-id="scissors-on-desk"]');
    expect(scissors?.getAttribute('data-cue-status')).toBe('acted-on');
    const chart = screen.getByTestId('variables-chart');
    expect(chart.querySelectorAll('[data-variable]')).toHaveLength(2);
    expect(chart.getAttribute('aria-label')).toMatch(/Agitation from 7 to/);
    const map = screen.getByTestId('path-map');
    const visited = [...map.querySelectorAll('[data-visited="true"]')].map((n) =>
      n.getAttribute('data-beat-id'),
    );
    const path = careful.events
      .filter((e) => e.type === 'start' || e.to)
      .map((e) => (e.type === 'start' ? e.beat : e.to));
    expect(new Set(visited)).toEqual(new Set(path));
    expect(map.querySelector('[data-beat-id="too-close"]')?.getAttribute('data-visited')).toBe(
      'false',
    );
  });

  it('sums up with the outcome kept apart from the ratings, and prints one sheet', async () => {
    const user = userEvent.setup();
    render(<DebriefArea />);
    await passReactions(user);
    await user.click(await screen.findByRole('tab', { name: /Summary/ }));
    expect(await screen.findByText(/Ratings are hidden/)).toBeTruthy();
    expect(screen.getByText('I kept talking.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show ratings' }));
    expect(screen.getByText(/Unsafe: 1/)).toBeTruthy();
    const sheet = document.querySelector('.debrief-print-root');
    expect(sheet?.parentElement).toBe(document.body);
    expect(sheet?.textContent).toContain('Debrief: Agitated patron at the public library');
  });

  it('renders scenario text as text, never as markup', async () => {
    const user = userEvent.setup();
    const hostile: Scenario = structuredClone(scenario);
    hostile.id = 'library-hostile';
    hostile.beats.dispatch!.title = '<img src=x onerror="window.__pwned=1">';
    const choice = (hostile.beats.dispatch as { choices: { label: string }[] }).choices[2]!;
    choice.label = '<script>window.__pwned=1</script>';
    const hostileLog = await playDrill(hostile, RUSHED, { trainee: 'zed', store: true });
    window.location.hash = `#/debrief/${hostileLog.sessionId}`;
    render(<DebriefArea />);
    await passReactions(user);
    expect(
      (await screen.findAllByText('<script>window.__pwned=1</script>')).length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText('<img src=x onerror="window.__pwned=1">').length).toBeGreaterThan(0);
    expect(document.querySelector('main img, .debrief img, script:not([src])')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('has no serious accessibility problems on the timeline', async () => {
    const user = userEvent.setup();
    const { container } = render(<DebriefArea />);
    await passReactions(user);
    await screen.findAllByRole('button', { name: /Replay step/ });
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  });
});
