import { describe, expect, it } from 'vitest';
import type { Scenario, SceneBeat } from '@defuse/schemas';
import { createEditorStore, type EditorStore } from '../src/store/editor-store';
import type { Command } from '../src/model/commands';
import { readPositions } from '../src/model/positions';
import { fakeChoice, fakeScenario } from './factories';

function storeWith(doc: Scenario = fakeScenario()): EditorStore {
  let t = 0;
  // Each change lands two seconds after the previous one, so none merge.
  return createEditorStore({ doc, now: () => (t += 2000) });
}

function scene(store: EditorStore, id: string): SceneBeat {
  return store.getState().doc.beats[id] as SceneBeat;
}

/**
 * Dispatches `cmd`, checks it changed the document, then that undo brings
 * back the exact previous document and redo the changed one.
 */
function roundTrip(store: EditorStore, cmd: Command): Scenario {
  const before = store.getState().doc;
  const result = store.getState().dispatch(cmd);
  expect(result).toEqual({ ok: true });
  const after = store.getState().doc;
  expect(after).not.toEqual(before);
  store.getState().undo();
  expect(store.getState().doc).toEqual(before);
  store.getState().redo();
  expect(store.getState().doc).toEqual(after);
  return after;
}

describe('document commands and their undo', () => {
  it('adds a scene beat at a position, and the first beat of an empty scenario becomes the start', () => {
    const store = storeWith({ ...fakeScenario(), start: '', beats: {} });
    const doc = roundTrip(store, {
      type: 'addBeat',
      beatId: 'dispatch',
      kind: 'scene',
      title: 'Call for service',
      position: { x: 40, y: 80 },
    });
    expect(doc.beats.dispatch).toEqual({ title: 'Call for service' });
    expect(doc.start).toBe('dispatch');
    expect(readPositions(doc).dispatch).toEqual({ x: 40, y: 80 });
  });

  it('adds an outcome beat with a default outcome', () => {
    const doc = roundTrip(storeWith(), {
      type: 'addBeat',
      beatId: 'referred',
      kind: 'outcome',
      title: 'Referred to outreach',
      position: { x: 0, y: 0 },
    });
    expect(doc.beats.referred).toMatchObject({ kind: 'outcome', outcome: { result: 'resolved' } });
    expect(doc.start).toBe('arrival');
  });

  it('adds a beat and the choice that leads to it in one step', () => {
    const store = storeWith();
    const doc = roundTrip(store, {
      type: 'addBeat',
      beatId: 'water',
      kind: 'scene',
      title: 'He takes the water',
      position: { x: 500, y: 300 },
      via: { beatId: 'desk', choice: { id: 'offer-water', label: 'Offer him some water' } },
    });
    expect((doc.beats.desk as SceneBeat).choices?.[2]).toEqual({
      id: 'offer-water',
      label: 'Offer him some water',
      to: 'water',
    });
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('sets and removes a timer with its timeout in one step', () => {
    const store = storeWith();
    let doc = roundTrip(store, {
      type: 'setTimer',
      beatId: 'desk',
      timer: { timeLimitSec: 20, onTimeout: { to: 'shouting' } },
    });
    expect(doc.beats.desk).toMatchObject({ timeLimitSec: 20, onTimeout: { to: 'shouting' } });
    doc = roundTrip(store, { type: 'setTimer', beatId: 'arrival' });
    expect('timeLimitSec' in doc.beats.arrival!).toBe(false);
    expect('onTimeout' in doc.beats.arrival!).toBe(false);
  });

  it('refuses a beat id that is taken and leaves the document alone', () => {
    const store = storeWith();
    const before = store.getState().doc;
    const result = store.getState().dispatch({
      type: 'addBeat',
      beatId: 'desk',
      kind: 'scene',
      title: 'Again',
      position: { x: 0, y: 0 },
    });
    expect(result).toEqual({ ok: false, message: "There is already a beat 'desk'." });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().notice).toBe("There is already a beat 'desk'.");
  });

  it('deletes a beat with the choices, entries and timer that lead to it', () => {
    const doc = roundTrip(storeWith(), { type: 'deleteBeats', beatIds: ['shouting'] });
    expect(doc.beats.shouting).toBeUndefined();
    const arrival = doc.beats.arrival as SceneBeat;
    expect(arrival.choices?.map((c) => c.id)).toEqual(['slow-down']);
    expect(arrival.onTimeout).toBeUndefined();
    expect(arrival.timeLimitSec).toBeUndefined();
  });

  it('deleting an outcome drops only its entries from a chance list', () => {
    const doc = roundTrip(storeWith(), { type: 'deleteBeats', beatIds: ['arrest'] });
    const desk = doc.beats.desk as SceneBeat;
    expect(desk.choices?.find((c) => c.id === 'call-backup')?.chance).toEqual([
      { weight: 3, to: 'calm-exit' },
    ]);
    const shouting = doc.beats.shouting as SceneBeat;
    expect(shouting.choices?.[0]?.branches).toEqual([{ to: 'calm-exit' }]);
  });

  it('duplicates beats, pointing choices between copies at the copies', () => {
    const store = storeWith();
    store.getState().dispatch({
      type: 'moveBeats',
      positions: { desk: { x: 100, y: 100 }, 'calm-exit': { x: 400, y: 100 } },
    });
    const doc = roundTrip(store, {
      type: 'duplicateBeats',
      copies: { desk: 'desk-2', 'calm-exit': 'calm-exit-2' },
      offset: { x: 40, y: 40 },
    });
    const copy = doc.beats['desk-2'] as SceneBeat;
    expect(copy.title).toBe('At the desk (copy)');
    expect(copy.choices?.[0]?.to).toBe('calm-exit-2');
    expect(copy.choices?.[1]?.chance?.map((c) => c.to)).toEqual(['calm-exit-2', 'arrest']);
    expect(readPositions(doc)['desk-2']).toEqual({ x: 140, y: 140 });
  });

  it('renames a beat and every reference to it, keeping its place in the document', () => {
    const store = storeWith();
    store.getState().dispatch({
      type: 'setChoiceField',
      beatId: 'shouting',
      choiceId: 'step-back',
      field: 'when',
      value: { visited: 'desk' },
    });
    const doc = roundTrip(store, { type: 'renameBeat', beatId: 'desk', newId: 'front-desk' });
    expect(Object.keys(doc.beats)).toEqual([
      'arrival',
      'front-desk',
      'shouting',
      'calm-exit',
      'arrest',
    ]);
    expect((doc.beats.arrival as SceneBeat).choices?.[0]?.to).toBe('front-desk');
    expect((doc.beats.shouting as SceneBeat).choices?.[0]?.when).toEqual({ visited: 'front-desk' });
    const renamedStart = roundTrip(store, {
      type: 'renameBeat',
      beatId: 'arrival',
      newId: 'dispatch',
    });
    expect(renamedStart.start).toBe('dispatch');
  });

  it('sets and removes beat fields', () => {
    const store = storeWith();
    let doc = roundTrip(store, {
      type: 'setBeatField',
      beatId: 'desk',
      field: 'title',
      value: 'Front desk',
    });
    expect(doc.beats.desk?.title).toBe('Front desk');
    doc = roundTrip(store, {
      type: 'setBeatField',
      beatId: 'desk',
      field: 'cdm',
      value: undefined,
    });
    expect('cdm' in doc.beats.desk!).toBe(false);
    doc = roundTrip(store, {
      type: 'setBeatField',
      beatId: 'desk',
      field: 'lines',
      value: [{ speaker: 'subject', text: 'Leave me alone!' }],
    });
    expect(doc.beats.desk?.lines).toHaveLength(1);
  });

  it('turns a scene into an outcome and back', () => {
    const store = storeWith();
    const doc = roundTrip(store, { type: 'setBeatKind', beatId: 'shouting', kind: 'outcome' });
    expect(doc.beats.shouting).toMatchObject({ kind: 'outcome', title: 'He shouts louder' });
    expect('choices' in doc.beats.shouting!).toBe(false);
    const back = roundTrip(store, { type: 'setBeatKind', beatId: 'shouting', kind: 'scene' });
    expect('outcome' in back.beats.shouting!).toBe(false);
  });

  it('adds a choice at the end or at an index, refusing a duplicate id', () => {
    const store = storeWith();
    const doc = roundTrip(store, {
      type: 'addChoice',
      beatId: 'desk',
      choice: fakeChoice({ id: 'offer-water', label: 'Offer him some water', to: 'calm-exit' }),
      index: 0,
    });
    expect((doc.beats.desk as SceneBeat).choices?.[0]?.id).toBe('offer-water');
    expect(scene(store, 'desk').choices).toHaveLength(3);
    expect(
      store
        .getState()
        .dispatch({ type: 'addChoice', beatId: 'desk', choice: fakeChoice({ id: 'listen' }) }),
    ).toEqual({ ok: false, message: "Beat 'desk' already has a choice 'listen'." });
  });

  it('refuses a choice on an outcome beat', () => {
    const result = storeWith()
      .getState()
      .dispatch({
        type: 'addChoice',
        beatId: 'arrest',
        choice: fakeChoice({ id: 'x' }),
      });
    expect(result).toEqual({ ok: false, message: "Beat 'arrest' is an outcome." });
  });

  it('sets and removes choice fields', () => {
    const store = storeWith();
    roundTrip(store, {
      type: 'setChoiceField',
      beatId: 'desk',
      choiceId: 'listen',
      field: 'label',
      value: 'Ask him, calmly, what happened',
    });
    const doc = roundTrip(store, {
      type: 'setChoiceField',
      beatId: 'desk',
      choiceId: 'listen',
      field: 'when',
      value: undefined,
    });
    expect('when' in (doc.beats.desk as SceneBeat).choices![0]!).toBe(false);
  });

  it('renames a choice and the conditions that name it', () => {
    const store = storeWith();
    store.getState().dispatch({
      type: 'setChoiceField',
      beatId: 'shouting',
      choiceId: 'step-back',
      field: 'when',
      value: { not: { chose: 'rush-in' } },
    });
    const doc = roundTrip(store, {
      type: 'renameChoice',
      beatId: 'arrival',
      choiceId: 'rush-in',
      newId: 'walk-up',
    });
    expect((doc.beats.arrival as SceneBeat).choices?.[1]?.id).toBe('walk-up');
    expect((doc.beats.shouting as SceneBeat).choices?.[0]?.when).toEqual({
      not: { chose: 'walk-up' },
    });
  });

  it('switches a choice from one destination form to another', () => {
    const store = storeWith();
    const doc = roundTrip(store, {
      type: 'setDestination',
      beatId: 'desk',
      leaver: { choice: 'call-backup' },
      destination: {
        instructor: [
          { label: 'He complies', to: 'calm-exit', weight: 3 },
          { label: 'He grabs the scissors', to: 'arrest', weight: 1 },
        ],
      },
    });
    const choice = (doc.beats.desk as SceneBeat).choices![1]!;
    expect(choice.chance).toBeUndefined();
    expect(choice.instructor).toHaveLength(2);
    const timed = roundTrip(store, {
      type: 'setDestination',
      beatId: 'arrival',
      leaver: { timeout: true },
      destination: { to: 'desk' },
    });
    expect((timed.beats.arrival as SceneBeat).onTimeout).toEqual({
      to: 'desk',
      feedback: 'Hesitation lets it grow.',
    });
  });

  it('reconnects a plain choice, a list entry and a timer', () => {
    const store = storeWith();
    let doc = roundTrip(store, {
      type: 'reconnect',
      beatId: 'arrival',
      leaver: { choice: 'slow-down' },
      to: 'calm-exit',
    });
    expect((doc.beats.arrival as SceneBeat).choices?.[0]?.to).toBe('calm-exit');
    doc = roundTrip(store, {
      type: 'reconnect',
      beatId: 'desk',
      leaver: { choice: 'call-backup' },
      entry: 1,
      to: 'shouting',
    });
    expect((doc.beats.desk as SceneBeat).choices?.[1]?.chance?.[1]?.to).toBe('shouting');
    doc = roundTrip(store, {
      type: 'reconnect',
      beatId: 'arrival',
      leaver: { timeout: true },
      to: 'arrest',
    });
    expect((doc.beats.arrival as SceneBeat).onTimeout?.to).toBe('arrest');
  });

  it('deletes and reorders choices', () => {
    const store = storeWith();
    let doc = roundTrip(store, {
      type: 'moveChoice',
      beatId: 'arrival',
      choiceId: 'rush-in',
      index: 0,
    });
    expect((doc.beats.arrival as SceneBeat).choices?.map((c) => c.id)).toEqual([
      'rush-in',
      'slow-down',
    ]);
    doc = roundTrip(store, { type: 'deleteChoice', beatId: 'arrival', choiceId: 'rush-in' });
    expect((doc.beats.arrival as SceneBeat).choices?.map((c) => c.id)).toEqual(['slow-down']);
  });

  it('moves beats in one step and keeps positions under x-editor', () => {
    const store = storeWith();
    const doc = roundTrip(store, {
      type: 'moveBeats',
      positions: { arrival: { x: 10, y: 20 }, desk: { x: 300, y: 20 } },
    });
    expect(doc['x-editor']).toEqual({
      positions: { arrival: { x: 10, y: 20 }, desk: { x: 300, y: 20 } },
    });
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['move 2 beats']);
    roundTrip(store, { type: 'applyLayout', positions: { arrival: { x: 0, y: 0 } } });
  });

  it('edits scenario fields', () => {
    const store = storeWith();
    let doc = roundTrip(store, { type: 'setScenarioField', field: 'title', value: 'Library call' });
    expect(doc.title).toBe('Library call');
    doc = roundTrip(store, {
      type: 'setScenarioField',
      field: 'tags',
      value: ['crisis', 'unarmed'],
    });
    expect(doc.tags).toEqual(['crisis', 'unarmed']);
    doc = roundTrip(store, { type: 'setScenarioField', field: 'start', value: 'desk' });
    expect(doc.start).toBe('desk');
  });

  it('replaces the whole document as one undoable step', () => {
    const store = storeWith();
    const other = fakeScenario({ id: 'other', title: 'Another call' });
    const doc = roundTrip(store, { type: 'replaceDocument', doc: other, label: "import 'other'" });
    expect(doc.title).toBe('Another call');
  });
});

describe('variable commands', () => {
  it('adds a variable', () => {
    const doc = roundTrip(storeWith(), {
      type: 'addVariable',
      name: 'rapport',
      variable: { type: 'number', initial: 0, min: 0, max: 10 },
    });
    expect(Object.keys(doc.variables!)).toEqual(['agitation', 'backup', 'position', 'rapport']);
  });

  it('renames a variable in every condition and effect that names it', () => {
    const doc = roundTrip(storeWith(), {
      type: 'renameVariable',
      name: 'agitation',
      newName: 'anger',
    });
    expect(Object.keys(doc.variables!)).toEqual(['anger', 'backup', 'position']);
    const arrival = doc.beats.arrival as SceneBeat;
    const desk = doc.beats.desk as SceneBeat;
    const shouting = doc.beats.shouting as SceneBeat;
    expect(arrival.choices?.[0]?.effects).toEqual([{ add: 'anger', by: -1 }]);
    expect(desk.choices?.[0]?.when).toEqual({ var: 'anger', lt: 9 });
    expect(shouting.choices?.[0]?.branches?.[0]?.when).toEqual({ var: 'anger', gte: 8 });
  });

  it('changes a variable type and range', () => {
    const doc = roundTrip(storeWith(), {
      type: 'setVariable',
      name: 'agitation',
      variable: { type: 'number', initial: 5, min: 0, max: 5 },
    });
    expect(doc.variables?.agitation).toEqual({ type: 'number', initial: 5, min: 0, max: 5 });
  });

  it('refuses to delete a variable while it is used, naming the places', () => {
    const store = storeWith();
    const result = store.getState().dispatch({ type: 'deleteVariable', name: 'agitation' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("condition of choice 'listen' of beat 'desk'");
    expect(!result.ok && result.message).toContain(
      "effect of choice 'slow-down' of beat 'arrival'",
    );
    expect(!result.ok && result.message).toContain(
      "branch condition of choice 'step-back' of beat 'shouting'",
    );
    expect(store.getState().doc.variables?.agitation).toBeDefined();
  });

  it('deletes an unused variable', () => {
    const store = storeWith();
    store.getState().dispatch({
      type: 'addVariable',
      name: 'crowd',
      variable: { type: 'boolean', initial: false },
    });
    const doc = roundTrip(store, { type: 'deleteVariable', name: 'crowd' });
    expect(doc.variables?.crowd).toBeUndefined();
  });
});
