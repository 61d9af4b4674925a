import { describe, expect, it } from 'vitest';
import type { SceneBeat } from '@defuse/schemas';
import { createEditorStore } from '../src/store/editor-store';
import { createBackground } from '../src/background/background';
import { attachAnalysis } from '../src/background/analysis';
import { isPlayable } from '../src/model/validation';
import { layeredPlacement, layoutScenario } from '../src/canvas/layout';
import { autoLayout } from '../src/actions';
import { readPositions } from '../src/model/positions';
import { fakeBeat, fakeChoice, fakeScenario } from './factories';

function until(check: () => boolean, ms = 2000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error('timed out'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

describe('background analysis', () => {
  it('checks at once, then merges the graph analysis in once the document rests', async () => {
    const doc = fakeScenario();
    // An island beat that nobody reaches: only the analysis finds that.
    doc.beats.island = fakeBeat({
      title: 'Island',
      choices: [fakeChoice({ id: 'back', to: 'arrival' })],
    });
    const store = createEditorStore({ doc, analysis: 'background' });
    const stop = attachAnalysis(store, createBackground({ worker: false }), 5);
    expect(store.getState().validation.analyzing).toBe(true);
    expect(isPlayable(store.getState().validation)).toBe(false);
    await until(() => !store.getState().validation.analyzing);
    expect(store.getState().validation.diagnostics.map((d) => d.code)).toContain('DF401');
    expect(isPlayable(store.getState().validation)).toBe(true);

    store.getState().dispatch({ type: 'deleteBeats', beatIds: ['island'] });
    expect(store.getState().validation.analyzing).toBe(true);
    await until(() => !store.getState().validation.analyzing);
    expect(store.getState().validation.diagnostics).toEqual([]);
    stop();
  });

  it('drops an analysis that arrives after the document changed again', () => {
    const store = createEditorStore({ doc: fakeScenario(), analysis: 'background' });
    const old = store.getState().doc;
    store
      .getState()
      .dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: 'Desk' });
    store.getState().applyAnalysis(old, {
      diagnostics: [{ code: 'DF401', severity: 'warning', message: 'stale', path: '/beats/desk' }],
    } as never);
    expect(store.getState().validation.analyzing).toBe(true);
    expect(store.getState().validation.diagnostics).toEqual([]);
  });
});

describe('automatic layout', () => {
  it('places every beat without overlaps, the start on the left', () => {
    const doc = fakeScenario();
    const positions = layoutScenario(doc);
    expect(Object.keys(positions).sort()).toEqual(Object.keys(doc.beats).sort());
    const xs = Object.values(positions).map((p) => p.x);
    expect(positions.arrival!.x).toBe(Math.min(...xs));
    const boxes = Object.values(positions);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        expect(Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 104).toBe(true);
      }
    }
  });

  it('lays out a large graph in layers by distance from the start', () => {
    const beats: Record<string, SceneBeat> = {};
    for (let i = 0; i < 400; i++) {
      beats[`b${i}`] = fakeBeat({
        choices: [
          fakeChoice({ id: 'next', to: `b${Math.min(399, i + 1)}` }),
          fakeChoice({ id: 'skip', to: `b${Math.min(399, i + 2)}` }),
        ],
      });
    }
    const doc = fakeScenario({ start: 'b0', beats });
    const started = performance.now();
    const positions = layeredPlacement(doc);
    expect(performance.now() - started).toBeLessThan(500);
    expect(positions.b1!.x).toBeGreaterThan(positions.b0!.x);
    expect(positions.b2!.x).toBe(positions.b1!.x);
  });

  it('is one undo step, and is dropped when the document changed while it ran', async () => {
    const store = createEditorStore({ doc: fakeScenario() });
    expect(await autoLayout(store, async (d) => layoutScenario(d))).toBe(true);
    expect(Object.keys(readPositions(store.getState().doc))).toHaveLength(5);
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['auto layout']);

    const slow = async () => {
      store
        .getState()
        .dispatch({ type: 'setBeatField', beatId: 'desk', field: 'title', value: 'Moved on' });
      return { arrival: { x: 999, y: 999 } };
    };
    expect(await autoLayout(store, slow)).toBe(false);
    expect(readPositions(store.getState().doc).arrival).not.toEqual({ x: 999, y: 999 });
  });
});
