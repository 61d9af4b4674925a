import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { SceneBeat } from '@defuse/schemas';
import { fakeScenario } from './factories';
import { renderEditor } from './render';

function nodeOf(beatId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-beat-id="${beatId}"]`);
  if (!el) throw new Error(`no node for beat ${beatId}`);
  return el;
}

describe('editor window', () => {
  it('shows each beat as a canvas node, scenes and outcomes told apart', async () => {
    await renderEditor(fakeScenario());
    await waitFor(() => expect(document.querySelectorAll('[data-beat-id]')).toHaveLength(5));
    expect(nodeOf('arrival').classList).toContain('scene-node');
    expect(nodeOf('arrest').classList).toContain('outcome-node');
    expect(within(nodeOf('arrival')).getByText('12 s', { exact: false })).toBeTruthy();
    expect(within(nodeOf('arrival')).getByText('Start')).toBeTruthy();
  });

  it('edits a beat title in the inspector and names the change on the undo button', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['desk'] }));
    const title = await screen.findByLabelText('Title', { selector: '.inspector input' });
    await user.clear(title);
    await user.type(title, 'Front desk');
    expect(session.store.getState().doc.beats.desk?.title).toBe('Front desk');
    expect(within(nodeOf('desk')).getByText('Front desk')).toBeTruthy();
    const undo = screen.getByRole('button', { name: /Undo edit title of beat 'desk'/ });
    await user.click(undo);
    expect(session.store.getState().doc.beats.desk?.title).toBe('At the desk');
  });

  it('undoes and redoes with Ctrl+Z and Shift+Ctrl+Z', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => {
      session.store
        .getState()
        .dispatch({ type: 'deleteChoice', beatId: 'desk', choiceId: 'listen' });
    });
    await user.keyboard('{Control>}z{/Control}');
    expect((session.store.getState().doc.beats.desk as SceneBeat).choices).toHaveLength(2);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect((session.store.getState().doc.beats.desk as SceneBeat).choices).toHaveLength(1);
  });

  it('lists diagnostics with their code; clicking one selects the choice it concerns', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => {
      session.store.getState().dispatch({
        type: 'reconnect',
        beatId: 'desk',
        leaver: { choice: 'listen' },
        to: 'nowhere',
      });
    });
    const item = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-diagnostic-code="DF301"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(item.textContent).toContain("beat 'desk' › choice 'listen'");
    await user.click(within(item).getByRole('button'));
    expect(session.store.getState().selection.edge).toEqual({ beat: 'desk', choice: 'listen' });
    expect(await screen.findByText('Choice id')).toBeTruthy();
    expect(
      within(nodeOf('desk')).getByText('1', { exact: false }).closest('.badge-error'),
    ).toBeTruthy();
  });

  it('asks before deleting a beat, listing the choices that lead to it', async () => {
    const { session, ui, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['shouting'] }));
    await user.keyboard('{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Delete this beat?' });
    expect(dialog.textContent).toContain('Choice “Walk straight up to him” in “Arrival”');
    expect(dialog.textContent).toContain('Timer of “Arrival”');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(session.store.getState().doc.beats.shouting).toBeUndefined();
    expect(ui.getState().pendingDelete).toBeUndefined();
    expect(screen.getByRole('button', { name: /Undo delete beat 'shouting'/ })).toBeTruthy();
  });

  it('offers Play only for a valid scenario', async () => {
    const { session } = await renderEditor(fakeScenario());
    expect(await screen.findByRole('button', { name: '▶ Play' })).toBeTruthy();
    act(() => {
      session.store
        .getState()
        .dispatch({ type: 'setScenarioField', field: 'start', value: 'missing' });
    });
    expect(screen.queryByRole('button', { name: '▶ Play' })).toBeNull();
  });

  it('exports at once when valid, and asks first when the scenario has errors', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(saved).toEqual(['library-patron.scenario.json']);

    act(() => {
      session.store
        .getState()
        .dispatch({ type: 'setScenarioField', field: 'start', value: 'nowhere' });
    });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export a scenario with errors?' });
    expect(dialog.textContent).toContain('This scenario has 1 error.');
    expect(saved).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Export anyway' }));
    expect(saved).toEqual(['library-patron.scenario.json', 'library-patron.scenario.json']);
    click.mockRestore();
  });

  it('has no serious accessibility violations', async () => {
    const { session } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['desk'] }));
    await screen.findByText('Beat id');
    const result = await axe.run(document.body, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  });
});
