/**
 * What the canvas says when the scenario has no beats yet: add the first
 * one, or open a shipped scenario to start from.
 */
import { useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/context';
import { useUiStore } from '../store/ui-context';
import { addBeat } from '../actions';
import { BEAT_HEIGHT, BEAT_WIDTH } from './graph';

export function EmptyCanvas({ container }: { container: () => HTMLElement | null }) {
  const store = useEditorStore();
  const ui = useUiStore();
  const flow = useReactFlow();

  const addFirstBeat = () => {
    const box = container()?.getBoundingClientRect();
    const centre = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    addBeat(store, 'scene', {
      x: Math.round(centre.x - BEAT_WIDTH / 2),
      y: Math.round(centre.y - BEAT_HEIGHT / 2),
    });
  };

  return (
    <div className="canvas-empty" role="region" aria-label="Empty scenario">
      <p>This scenario has no beats yet.</p>
      <div className="canvas-empty-actions">
        <button type="button" className="button primary" onClick={addFirstBeat}>
          + Scene beat
        </button>
        <button
          type="button"
          className="button"
          onClick={() => ui.getState().set({ sideTab: 'library' })}
        >
          Open a shipped scenario
        </button>
      </div>
    </div>
  );
}
