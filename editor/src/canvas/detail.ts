/**
 * Level of detail on the canvas. Zoomed out below `LOW_DETAIL_ZOOM`, text
 * is too small to read, so beats are drawn as plain coloured blocks and
 * edges without their labels: far less to paint on every frame of a pan.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';

/** Below this zoom the canvas is drawn without text. */
export const LOW_DETAIL_ZOOM = 0.45;

function selectLowDetail(state: ReactFlowState): boolean {
  return state.transform[2] < LOW_DETAIL_ZOOM;
}

/**
 * Whether the canvas is zoomed out too far for text. A component using it
 * re-renders only when the answer flips, not on every zoom step.
 */
export function useLowDetail(): boolean {
  return useStore(selectLowDetail);
}
