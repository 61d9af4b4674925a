import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { Scenario } from '@defuse/schemas';
import { fakeScenario } from './factories';
import { renderEditor } from './render';

const SCENARIOS = join(import.meta.dirname, '../../scenarios');
const shipped = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')) as Scenario);

function shippedList(): HTMLElement {
  return screen.getByRole('region', { name: 'Shipped scenarios' });
}

describe('shipped scenarios in the Library panel', () => {
  it('lists every shipped scenario with its call type and beat count', async () => {
    const { ui } = await renderEditor();
    act(() => ui.getState().set({ sideTab: 'library' }));
    await screen.findAllByRole('button', { name: /^Open a copy of / });
    const section = shippedList();
    expect(shipped).toHaveLength(5);
    for (const doc of shipped) {
      const item = within(section).getByText(doc.title).closest('li')!;
      const beats = Object.keys(doc.beats).length;
      expect(item.textContent).toContain(`${doc['x-callType'] as string} · ${beats}\u00a0beats`);
    }
  });

  it('opens a copy as the current document, saved locally, with nothing to undo', async () => {
    const { session, ui, user } = await renderEditor(fakeScenario());
    const before = session.state.getState().key;
    act(() => ui.getState().set({ sideTab: 'library' }));
    const patron = shipped.find((d) => d.id.includes('library'))!;
    await user.click(await screen.findByRole('button', { name: `Open a copy of ${patron.title}` }));
    await waitFor(() =>
      expect(ui.getState().message?.text).toBe(`Opened a copy of “${patron.title}”.`),
    );
    const { doc, history } = session.store.getState();
    expect(Object.keys(doc.beats)).toEqual(Object.keys(patron.beats));
    expect(history.past).toHaveLength(0);
    expect(session.state.getState().key).not.toBe(before);
    await session.flush();
    await waitFor(() =>
      expect(session.state.getState().library.map((s) => s.title)).toContain(patron.title),
    );
    await waitFor(() =>
      expect(document.querySelector(`[data-beat-id="${patron.start}"]`)).not.toBeNull(),
    );
  });
});

describe('empty canvas', () => {
  it('says the scenario has no beats and adds the first beat', async () => {
    const { session, user } = await renderEditor();
    const empty = screen.getByRole('region', { name: 'Empty scenario' });
    expect(empty.textContent).toContain('This scenario has no beats yet.');
    await user.click(within(empty).getByRole('button', { name: '+ Scene beat' }));
    const beats = Object.keys(session.store.getState().doc.beats);
    expect(beats).toHaveLength(1);
    await waitFor(() =>
      expect(document.querySelector(`[data-beat-id="${beats[0]}"]`)).toBeTruthy(),
    );
    expect(screen.queryByRole('region', { name: 'Empty scenario' })).toBeNull();
  });

  it('switches the side panel to the Library to open a shipped scenario', async () => {
    const { user } = await renderEditor();
    await user.click(screen.getByRole('button', { name: 'Open a shipped scenario' }));
    expect(screen.getByRole('tab', { name: 'Library' }).getAttribute('aria-selected')).toBe('true');
    await screen.findAllByRole('button', { name: /^Open a copy of / });
  });

  it('is not shown when the scenario has beats', async () => {
    await renderEditor(fakeScenario());
    await waitFor(() => expect(document.querySelectorAll('[data-beat-id]').length).toBe(5));
    expect(screen.queryByRole('region', { name: 'Empty scenario' })).toBeNull();
  });
});
