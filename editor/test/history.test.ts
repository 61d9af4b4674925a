import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../src/store/editor-store';
import { HISTORY_LIMIT } from '../src/model/history';
import { undoLabel, redoLabel } from '../src/model/history';
import { fakeScenario } from './factories';

describe('undo history', () => {
  it('names each change for the undo and redo buttons', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().dispatch({ type: 'deleteBeats', beatIds: ['arrival'] });
    expect(undoLabel(store.getState().history)).toBe("delete beat 'arrival'");
    store.getState().undo();
    expect(undoLabel(store.getState().history)).toBeUndefined();
    expect(redoLabel(store.getState().history)).toBe("delete beat 'arrival'");
  });

  it('cuts off the redo tail when a new change is made', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    const s = () => store.getState();
    s().dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: 'One' });
    s().dispatch({ type: 'deleteChoice', beatId: 'desk', choiceId: 'listen' });
    s().undo();
    expect(s().history.future).toHaveLength(1);
    s().dispatch({ type: 'setScenarioField', field: 'version', value: '1.1.0' });
    expect(s().history.future).toHaveLength(0);
    s().redo();
    expect(s().doc.version).toBe('1.1.0');
    expect(s().doc.beats.desk?.title).toBe('One');
  });

  it('keeps at least 200 steps', () => {
    const original = fakeScenario();
    let t = 0;
    const store = createEditorStore({ doc: original, now: () => (t += 5000) });
    for (let i = 0; i < 250; i++) {
      store
        .getState()
        .dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: `Desk ${i}` });
    }
    expect(store.getState().history.past.length).toBe(Math.min(250, HISTORY_LIMIT));
    for (let i = 0; i < 250; i++) store.getState().undo();
    expect(store.getState().doc).toEqual(original);
  });

  it('turns quick typing in one field into a single step, and a pause into another', () => {
    let t = 0;
    const store = createEditorStore({ doc: fakeScenario(), now: () => t });
    const type = (value: string, at: number) => {
      t = at;
      store.getState().dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value });
    };
    type('F', 0);
    type('Fr', 200);
    type('Fro', 400);
    type('Front', 3000);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.beats.desk?.title).toBe('Fro');
    store.getState().undo();
    expect(store.getState().doc.beats.desk?.title).toBe('At the desk');
  });

  it('never records a selection change', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().select({ beats: ['desk', 'arrival'] });
    store.getState().select({ beats: [], edge: { beat: 'desk', choice: 'listen' } });
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().revision).toBe(0);
  });

  it('drops a selected beat from the selection when it is deleted, and undo keeps it dropped', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().select({ beats: ['desk', 'arrival'] });
    store.getState().dispatch({ type: 'deleteBeats', beatIds: ['desk'] });
    expect(store.getState().selection).toEqual({ beats: ['arrival'] });
    store.getState().undo();
    expect(store.getState().doc.beats.desk).toBeDefined();
  });

  it('selects the place of a diagnostic when revealed', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().reveal({ kind: 'choice', beat: 'desk', choice: 'listen', index: 0 });
    expect(store.getState().selection).toEqual({
      beats: [],
      edge: { beat: 'desk', choice: 'listen' },
    });
    expect(store.getState().focus?.place.kind).toBe('choice');
  });

  it('opening another document starts a fresh history', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().dispatch({ type: 'deleteBeats', beatIds: ['desk'] });
    store.getState().open(fakeScenario({ id: 'other' }));
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().doc.id).toBe('other');
  });
});
