import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Scenario } from '@defuse/schemas';
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

describe('the class view counts a session once', () => {
  it('counts a drill once when its exported file is ticked beside it', async () => {
    const user = userEvent.setup();
    const ana = await playDrill(scenario, CAREFUL, { trainee: 'ana', store: true });
    await playDrill(scenario, RUSHED, { trainee: 'ben', store: true });
    render(<DebriefArea />);
    await user.upload(await screen.findByLabelText('Open log files'), [
      logFile(ana, 'ana.log.json'),
    ]);
    await screen.findByText(/log opened/);
    await user.click(screen.getByRole('checkbox', { name: 'Select all logs' }));
    await user.click(screen.getByRole('button', { name: 'Class view' }));
    const view = await screen.findByTestId('class-view');
    expect(within(view).getByText(/2 runs counted/)).toBeTruthy();
    expect(within(view).getByText(/1 given twice, counted once/)).toBeTruthy();
    const outcomes = [...view.querySelectorAll('.outcome-bars [data-runs]')].reduce(
      (n, li) => n + Number(li.getAttribute('data-runs')),
      0,
    );
    expect(outcomes).toBe(2);
  });
});
