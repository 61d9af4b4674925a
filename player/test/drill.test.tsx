import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Scenario } from '@defuse/schemas';
import { DrillScreen } from '../src/drill/DrillScreen';
import { beginDrill, releaseDrill, type ActiveDrill } from '../src/drill/session';
import { loadLog } from '../src/storage/logs';
import type { DrillSettings } from '../src/storage/settings';
import { fakeScenario, freshDevice, gate, seriousViolations } from './support';

beforeEach(freshDevice);

const ASSESSMENT: DrillSettings = { traineeId: 'T-1', mode: 'assessment', instructor: 'solo' };

async function renderDrill(scenario: Scenario, settings: Partial<DrillSettings> = {}) {
  const active = await beginDrill(scenario, { ...ASSESSMENT, ...settings });
  const view = render(<DrillScreen sessionId={active.sessionId} />);
  return { ...view, active };
}

function beatId(container: HTMLElement): string | null | undefined {
  return container.querySelector('[data-beat-id]')?.getAttribute('data-beat-id');
}

describe('drill screen', () => {
  it('shows the beat as text, with choices as buttons in a list', async () => {
    const { container } = await renderDrill(fakeScenario());
    expect(beatId(container)).toBe('steps');
    expect(screen.getByRole('heading', { name: 'Front steps' })).toBeDefined();
    expect(container.querySelectorAll('.narrative')).toHaveLength(2);
    expect(container.textContent).toContain('Leave me alone.');
    expect(container.textContent).toContain('He rocks back and forth');
    const list = screen.getByRole('list', { name: 'What do you do?' });
    const buttons = list.querySelectorAll('[data-choice-id]');
    expect([...buttons].map((b) => b.getAttribute('data-choice-id'))).toEqual([
      'sit-down',
      'order-up',
    ]);
    for (const b of buttons) {
      expect(b.tagName).toBe('BUTTON');
      expect(b.closest('li')?.parentElement?.tagName).toBe('UL');
    }
  });

  it('shows the next beat only once the choice is stored', async () => {
    const user = userEvent.setup();
    const { container, active } = await renderDrill(fakeScenario());
    const held = gate();
    // A second listener stands in for a slow device: the drill waits for every listener.
    active.drill.onEvent(() => held.promise);
    await user.click(container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    await waitFor(async () => {
      const log = await loadLog(active.sessionId);
      expect(log!.events.map((e) => e.type)).toEqual(['start', 'choice']);
    });
    expect(beatId(container)).toBe('steps');
    expect(
      container.querySelector<HTMLButtonElement>('[data-choice-id="sit-down"]')!.disabled,
    ).toBe(true);
    await act(async () => held.open());
    await waitFor(() => expect(beatId(container)).toBe('talking'));
  });

  it('takes a choice by its letter from the keyboard', async () => {
    const user = userEvent.setup();
    const { container, active } = await renderDrill(fakeScenario());
    await user.keyboard('b');
    await waitFor(() => expect(container.querySelector('[data-outcome]')).not.toBeNull());
    const log = await loadLog(active.sessionId);
    expect(log!.events.find((e) => e.type === 'choice')!.choice).toBe('order-up');
  });

  it('records a double tap once', async () => {
    const { container, active } = await renderDrill(fakeScenario());
    const button = container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!;
    await act(async () => {
      button.click();
      button.click();
    });
    await waitFor(() => expect(beatId(container)).toBe('talking'));
    const log = await loadLog(active.sessionId);
    expect(log!.events.filter((e) => e.type === 'choice')).toHaveLength(1);
  });

  it('training mode shows the author feedback before the next beat, with the clock stopped', async () => {
    const user = userEvent.setup();
    const { container, active } = await renderDrill(fakeScenario(), { mode: 'training' });
    await user.click(container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    const card = await screen.findByRole('region', { name: 'Feedback on your choice' });
    expect(card.textContent).toContain('Sitting at his level, at a distance');
    expect(card.textContent).toContain('Sit down a few steps away and say hello');
    expect(beatId(container)).toBeUndefined();
    expect(await seriousViolations(container)).toEqual([]);
    await user.click(within(card).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(beatId(container)).toBe('talking'));
    const types = (await loadLog(active.sessionId))!.events.map((e) => e.type);
    expect(types).toEqual(['start', 'choice', 'pause', 'unpause']);
  });

  it('assessment mode shows no feedback', async () => {
    const user = userEvent.setup();
    const { container } = await renderDrill(fakeScenario());
    await user.click(container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    await waitFor(() => expect(beatId(container)).toBe('talking'));
    expect(container.textContent).not.toContain('Sitting at his level');
  });

  it('ends on an outcome screen with the result, force and injuries', async () => {
    const user = userEvent.setup();
    const { container } = await renderDrill(fakeScenario());
    await user.click(container.querySelector<HTMLElement>('[data-choice-id="order-up"]')!);
    const outcome = await waitFor(() => {
      const el = container.querySelector<HTMLElement>('[data-outcome]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(outcome.getAttribute('data-outcome')).toBe('disengaged');
    expect(outcome.textContent).toContain('He walks off');
    expect(outcome.textContent).toContain('Verbal direction');
    expect(outcome.textContent).toContain('Subject injured');
    expect(within(outcome).getByRole('link', { name: 'Back to drills' }).getAttribute('href')).toBe(
      '#/',
    );
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('counts down a time limit and goes to onTimeout when it runs out', async () => {
    const scenario = fakeScenario();
    Object.assign(scenario.beats.steps!, {
      timeLimitSec: 1,
      onTimeout: { to: 'walks-off', feedback: 'He took the silence as a threat.' },
    });
    const { container, active } = await renderDrill(scenario);
    const ring = screen.getByRole('timer');
    expect(ring.getAttribute('aria-label')).toBe('1 second left');
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toBe(
      '1 second to decide.',
    );
    await waitFor(() => expect(container.querySelector('[data-outcome]')).not.toBeNull(), {
      timeout: 3000,
    });
    const log = await loadLog(active.sessionId);
    expect(log!.events.map((e) => e.type)).toEqual(['start', 'timeout', 'end']);
  });

  it('gives instructor branches to a separate Instructor panel, which can also pause', async () => {
    const user = userEvent.setup();
    const scenario = fakeScenario();
    const sitDown = (scenario.beats.steps as unknown as { choices: Record<string, unknown>[] })
      .choices[0]!;
    delete sitDown.to;
    sitDown.instructor = [
      { label: 'He talks to you', to: 'talking', weight: 3 },
      { label: 'He walks away', to: 'walks-off', weight: 1 },
    ];
    const { container, active } = await renderDrill(scenario, { instructor: 'present' });
    const panel = screen.getByRole('complementary', { name: 'Instructor' });

    await user.click(within(panel).getByRole('button', { name: 'Pause the clock' }));
    await waitFor(() =>
      expect(container.querySelector<HTMLButtonElement>('[data-choice-id]')!.disabled).toBe(true),
    );
    await user.click(within(panel).getByRole('button', { name: 'Start the clock again' }));
    await waitFor(() =>
      expect(container.querySelector<HTMLButtonElement>('[data-choice-id]')!.disabled).toBe(false),
    );

    await user.click(container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    const option = await waitFor(() => {
      const el = panel.querySelector<HTMLElement>('[data-instructor-option="1"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(panel.textContent).toContain('The trainee chose: Sit down a few steps away');
    expect(container.querySelectorAll('[data-choice-id]')).toHaveLength(0);
    expect(await seriousViolations(container)).toEqual([]);
    await user.click(option);
    await waitFor(() => expect(container.querySelector('[data-outcome]')).not.toBeNull());
    const log = await loadLog(active.sessionId);
    expect(log!.events.find((e) => e.type === 'choice')).toMatchObject({
      by: 'instructor',
      option: 1,
      to: 'walks-off',
    });
  });

  it('in a solo drill there is no instructor panel', async () => {
    await renderDrill(fakeScenario());
    expect(screen.queryByRole('complementary', { name: 'Instructor' })).toBeNull();
  });

  it('renders markup in scenario text as characters', async () => {
    const scenario = fakeScenario();
    scenario.beats.steps!.narrative =
      'A sign: <img src=x onerror="alert(1)"> and <script>alert(2)</script>';
    const { container } = await renderDrill(scenario);
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.textContent).toContain('<script>alert(2)</script>');
  });

  it('after a reload, offers Resume and continues at the same beat', async () => {
    const user = userEvent.setup();
    const first = await renderDrill(fakeScenario());
    await user.click(first.container.querySelector<HTMLElement>('[data-choice-id="sit-down"]')!);
    await waitFor(() => expect(beatId(first.container)).toBe('talking'));
    const { sessionId }: ActiveDrill = first.active;
    first.unmount();
    releaseDrill(sessionId);

    const { container } = render(<DrillScreen sessionId={sessionId} />);
    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(beatId(container)).toBe('talking'));
    const log = await loadLog(sessionId);
    expect(log!.events.map((e) => e.type)).toEqual(['start', 'choice', 'resume']);
  });

  it('says so when the drill is not on this device', async () => {
    render(<DrillScreen sessionId="0000" />);
    expect(await screen.findByRole('heading', { name: 'Drill not found' })).toBeDefined();
  });
});
