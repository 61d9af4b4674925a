import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import type { SceneBeat } from '@defuse/schemas';
import { fakeScenario } from './factories';
import { renderEditor } from './render';

function optionTexts(select: HTMLElement): string[] {
  return [...(select as HTMLSelectElement).options].map((o) => o.textContent ?? '');
}

describe('choice inspector', () => {
  it('builds a condition from the variables with form controls only', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() =>
      session.store.getState().select({ beats: [], edge: { beat: 'arrival', choice: 'rush-in' } }),
    );
    await user.click(await screen.findByRole('button', { name: '+ Only offer it when…' }));
    const field = screen.getByRole('group', { name: 'Offered when' });
    const variable = within(field).getByRole('combobox', { name: 'Variable' });
    expect(optionTexts(variable)).toEqual(['Agitation (agitation)', 'backup', 'position']);

    await user.selectOptions(variable, 'backup');
    const operator = within(field).getByRole('combobox', { name: 'Operator' });
    expect(optionTexts(operator)).toEqual(['is', 'is not']);
    await user.selectOptions(within(field).getByRole('combobox', { name: 'Value' }), 'true');
    const choice = () => (session.store.getState().doc.beats.arrival as SceneBeat).choices![1]!;
    expect(choice().when).toEqual({ var: 'backup', eq: true });

    await user.selectOptions(variable, 'agitation');
    expect(optionTexts(within(field).getByRole('combobox', { name: 'Operator' }))).toContain(
      'is at least',
    );
    await user.selectOptions(within(field).getByRole('combobox', { name: 'Operator' }), 'gte');
    const value = within(field).getByRole('textbox', { name: 'Value' });
    await user.clear(value);
    await user.type(value, '8');
    expect(choice().when).toEqual({ var: 'agitation', gte: 8 });
  });

  it('combines conditions with "any of"', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() =>
      session.store.getState().select({ beats: [], edge: { beat: 'desk', choice: 'listen' } }),
    );
    const field = await screen.findByRole('group', { name: 'Offered when' });
    await user.selectOptions(
      within(field).getByRole('combobox', { name: 'Condition type' }),
      'any',
    );
    await user.click(within(field).getByRole('button', { name: '+ condition' }));
    const when = (session.store.getState().doc.beats.desk as SceneBeat).choices![0]!.when;
    expect(when).toEqual({
      any: [
        { var: 'agitation', eq: 7 },
        { var: 'agitation', eq: 7 },
      ],
    });
  });

  it('adds an effect whose value input fits the variable type', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() =>
      session.store.getState().select({ beats: [], edge: { beat: 'desk', choice: 'listen' } }),
    );
    await user.click(await screen.findByRole('button', { name: '+ Add an effect' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Variable of effect 1' }),
      'position',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Value of effect 1' }), 'cover');
    expect((session.store.getState().doc.beats.desk as SceneBeat).choices![0]!.effects).toEqual([
      { set: 'position', to: 'cover' },
    ]);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Variable of effect 1' }),
      'agitation',
    );
    expect((session.store.getState().doc.beats.desk as SceneBeat).choices![0]!.effects).toEqual([
      { set: 'agitation', to: 7 },
    ]);
  });

  it('turns a plain destination into an instructor pick and back', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() =>
      session.store.getState().select({ beats: [], edge: { beat: 'desk', choice: 'listen' } }),
    );
    const form = await screen.findByRole('combobox', { name: 'Destination form' });
    await user.selectOptions(form, 'instructor');
    const choice = () => (session.store.getState().doc.beats.desk as SceneBeat).choices![0]!;
    expect(choice().to).toBeUndefined();
    expect(choice().instructor).toEqual([
      { label: 'Reaction 1', to: 'calm-exit', weight: 1 },
      { label: 'Reaction 2', to: 'calm-exit', weight: 1 },
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reaction 2 beat' }), 'arrest');
    expect(choice().instructor?.[1]?.to).toBe('arrest');
    expect(document.querySelector('.fork-instructor')).not.toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Destination form' }), 'to');
    expect(choice().to).toBe('calm-exit');
  });

  it('sets the rating with one click, and a second click clears it', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() =>
      session.store.getState().select({ beats: [], edge: { beat: 'desk', choice: 'listen' } }),
    );
    await user.click(await screen.findByRole('radio', { name: 'Unsafe' }));
    const choice = () => (session.store.getState().doc.beats.desk as SceneBeat).choices![0]!;
    expect(choice().rating).toBe('unsafe');
    await user.click(screen.getByRole('radio', { name: 'Unsafe' }));
    expect(choice().rating).toBeUndefined();
  });
});

describe('beat inspector', () => {
  it('renames a beat on Enter and every choice follows', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['desk'] }));
    const id = await screen.findByLabelText('Beat id');
    await user.clear(id);
    await user.type(id, 'front-desk{Enter}');
    const doc = session.store.getState().doc;
    expect(doc.beats['front-desk']).toBeDefined();
    expect((doc.beats.arrival as SceneBeat).choices![0]!.to).toBe('front-desk');
    expect(document.querySelector('[data-beat-id="front-desk"]')).not.toBeNull();
  });

  it('refuses a beat id that is taken and says so', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['desk'] }));
    const id = await screen.findByLabelText('Beat id');
    await user.clear(id);
    await user.type(id, 'arrival{Enter}');
    expect(await screen.findByText("There is already a beat 'arrival'.")).toBeTruthy();
    expect(session.store.getState().doc.beats.desk).toBeDefined();
  });

  it('adds a timer with a timeout destination in one step', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['desk'] }));
    await user.click(await screen.findByLabelText('The trainee must decide within a time limit'));
    expect(session.store.getState().doc.beats.desk).toMatchObject({
      timeLimitSec: 15,
      onTimeout: { to: 'calm-exit' },
    });
    const seconds = screen.getByLabelText('Seconds');
    await user.clear(seconds);
    await user.type(seconds, '20');
    expect((session.store.getState().doc.beats.desk as SceneBeat).timeLimitSec).toBe(20);
    expect(session.store.getState().history.past.map((e) => e.label)).toEqual([
      "set timer of beat 'desk'",
      "edit time limit of beat 'desk'",
    ]);
  });

  it('edits outcome fields of an outcome beat', async () => {
    const { session, user } = await renderEditor(fakeScenario());
    act(() => session.store.getState().select({ beats: ['arrest'] }));
    await user.selectOptions(await screen.findByLabelText('Force used'), 'less-lethal');
    await user.click(screen.getByLabelText('Subject injured'));
    expect(session.store.getState().doc.beats.arrest).toMatchObject({
      outcome: { result: 'arrested', force: 'less-lethal', subjectInjury: true },
    });
  });
});

describe('variables panel', () => {
  it('renames a variable and every condition and effect follows', async () => {
    const { session, ui, user } = await renderEditor(fakeScenario());
    act(() => ui.getState().set({ sideTab: 'variables' }));
    const card = document.querySelector<HTMLElement>('[data-variable="agitation"]')!;
    const name = within(card).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'anger{Enter}');
    const doc = session.store.getState().doc;
    expect(doc.variables?.anger).toBeDefined();
    expect((doc.beats.desk as SceneBeat).choices![0]!.when).toEqual({ var: 'anger', lt: 9 });
  });

  it('refuses to delete a variable in use and lists where it is used', async () => {
    const { session, ui, user } = await renderEditor(fakeScenario());
    act(() => ui.getState().set({ sideTab: 'variables' }));
    const card = document.querySelector<HTMLElement>('[data-variable="agitation"]')!;
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(within(card).getByRole('alert').textContent).toContain(
      'cannot be deleted while it is used',
    );
    const place = within(card).getByRole('button', {
      name: "condition of choice 'listen' in beat 'desk'",
    });
    await user.click(place);
    expect(session.store.getState().selection.edge).toEqual({ beat: 'desk', choice: 'listen' });
    expect(session.store.getState().doc.variables?.agitation).toBeDefined();
  });

  it('adds a yes/no variable and deletes it while unused', async () => {
    const { session, ui, user } = await renderEditor(fakeScenario());
    act(() => ui.getState().set({ sideTab: 'variables' }));
    await user.click(screen.getByRole('button', { name: 'Yes / no' }));
    expect(session.store.getState().doc.variables?.flag).toEqual({
      type: 'boolean',
      initial: false,
    });
    const card = document.querySelector<HTMLElement>('[data-variable="flag"]')!;
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(session.store.getState().doc.variables?.flag).toBeUndefined();
  });
});
