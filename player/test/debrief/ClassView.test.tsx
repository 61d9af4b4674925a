import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Scenario } from '@defuse/schemas';
import { DebriefArea } from '../../src/debrief/DebriefArea';
import { layoutBeatMap } from '../../src/debrief/path-layout';
import {
  CAREFUL,
  RUSHED,
  captureDownloads,
  libraryScenario,
  logFile,
  playDrill,
  resetStorage,
} from './helpers';

let scenario: Scenario;

beforeEach(async () => {
  await resetStorage();
  scenario = libraryScenario();
  window.location.hash = '#/debrief';
});

afterEach(() => {
  window.location.hash = '';
});

describe('the class view', () => {
  it('shows, for the logs ticked, per beat the share who took each choice, and the outcomes', async () => {
    const user = userEvent.setup();
    await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    await playDrill(scenario, RUSHED, { trainee: 'ben', store: true });
    await playDrill(scenario, RUSHED, { trainee: 'cy', store: true, thinkMs: 8000 });
    render(<DebriefArea />);
    await user.click(await screen.findByRole('checkbox', { name: 'Select all logs' }));
    await user.click(screen.getByRole('button', { name: 'Class view' }));

    const view = await screen.findByTestId('class-view');
    expect(within(view).getByText(/3 runs counted/)).toBeTruthy();
    const dispatch = view.querySelector('[data-beat-id="dispatch"]')!;
    const share = (id: string) =>
      Number(dispatch.querySelector(`[data-choice-id="${id}"]`)?.getAttribute('data-share'));
    expect(share('query-dispatch')).toBeCloseTo(1 / 3);
    expect(share('rush-in')).toBeCloseTo(2 / 3);
    expect(share('start-with-cover')).toBe(0);
    expect(dispatch.textContent).toContain('67%');
    expect(dispatch.textContent).toMatch(/median 3\.0 s/);
    expect(within(view).getByText(/Where most chose a poor or unsafe option/)).toBeTruthy();
    expect(view.querySelector('#class-beat-dispatch')?.className).toContain('trouble');
    const outcomes = [...view.querySelectorAll('.outcome-bars [data-runs]')].reduce(
      (n, li) => n + Number(li.getAttribute('data-runs')),
      0,
    );
    expect(outcomes).toBe(3);
  });

  it('leaves out a tampered log and says why', async () => {
    const user = userEvent.setup();
    const ana = await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    const edited = structuredClone(ana);
    edited.sessionId = '11111111-2222-4333-8444-555555555555';
    edited.trainee = { id: 'ana-copy' };
    edited.events[2] = { ...edited.events[2]!, at: edited.events[2]!.at + 500 };
    render(<DebriefArea />);
    await user.upload(await screen.findByLabelText('Open log files'), [logFile(edited)]);
    await screen.findByText(/log opened/);
    await user.click(screen.getByRole('checkbox', { name: 'Select all logs' }));
    await user.click(screen.getByRole('button', { name: 'Class view' }));
    const view = await screen.findByTestId('class-view');
    expect(within(view).getByText(/1 run counted/)).toBeTruthy();
    expect(within(view).getByText(/Trainee ana-copy: /)).toBeTruthy();
  });

  it('exports the ticked logs as one file of xAPI statements', async () => {
    const user = userEvent.setup();
    await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    await playDrill(scenario, RUSHED, { trainee: 'ben', store: true });
    const downloads = captureDownloads();
    try {
      render(<DebriefArea />);
      await user.click(await screen.findByRole('checkbox', { name: 'Select all logs' }));
      await user.click(screen.getByRole('button', { name: 'Export xAPI' }));
      expect(downloads.files.map((f) => f.name)).toEqual([
        'library-agitated-patron_2-logs.xapi.json',
      ]);
      const statements = JSON.parse(await downloads.files[0]!.text) as { verb: { id: string } }[];
      expect(statements.filter((s) => s.verb.id.endsWith('/initialized'))).toHaveLength(2);
    } finally {
      downloads.restore();
    }
  });
});

describe('the beat map layout', () => {
  it('puts the start on top, every beat once, and outcomes below the scene beats', () => {
    const map = layoutBeatMap(scenario);
    expect(map.nodes).toHaveLength(Object.keys(scenario.beats).length);
    const start = map.nodes.find((n) => n.id === scenario.start)!;
    expect(start.layer).toBe(0);
    const deepestScene = Math.max(...map.nodes.filter((n) => !n.outcome).map((n) => n.layer));
    expect(map.nodes.filter((n) => n.outcome).every((n) => n.layer > deepestScene)).toBe(true);
    const overlaps = map.nodes.filter((a) =>
      map.nodes.some((b) => a !== b && a.layer === b.layer && Math.abs(a.x - b.x) < 100),
    );
    expect(overlaps).toEqual([]);
  });
});
