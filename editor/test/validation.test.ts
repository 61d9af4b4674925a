import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../src/store/editor-store';
import { placeOf } from '../src/model/places';
import { fakeScenario } from './factories';

describe('live validation', () => {
  it('a well-formed scenario has no errors and is playable', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    const { validation } = store.getState();
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.scenario).toBeDefined();
  });

  it('reports a broken destination after the change that breaks it, and clears it after undo', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().dispatch({
      type: 'reconnect',
      beatId: 'desk',
      leaver: { choice: 'listen' },
      to: 'nowhere',
    });
    const { validation, doc } = store.getState();
    expect(validation.errors).toBeGreaterThan(0);
    expect(validation.scenario).toBeUndefined();
    const broken = validation.diagnostics.find((d) => d.code === 'DF301');
    expect(broken).toBeDefined();
    expect(placeOf(broken!, doc)).toEqual({
      kind: 'choice',
      beat: 'desk',
      choice: 'listen',
      index: 0,
    });
    store.getState().undo();
    expect(store.getState().validation.errors).toBe(0);
  });

  it('keeps the document as it is even when it has errors (work in progress)', () => {
    const store = createEditorStore({ doc: fakeScenario() });
    store.getState().dispatch({ type: 'setScenarioField', field: 'start', value: 'missing' });
    expect(store.getState().doc.start).toBe('missing');
    expect(store.getState().validation.diagnostics.map((d) => d.code)).toContain('DF302');
  });

  it('an empty new scenario explains what it lacks', () => {
    const store = createEditorStore();
    expect(store.getState().validation.errors).toBeGreaterThan(0);
  });
});
