/**
 * Keyboard shortcuts: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo,
 * Delete/Backspace delete the selection, Ctrl/Cmd+D duplicate. Undo and
 * redo work everywhere, text fields included, because every keystroke in
 * a field is already a document change; deleting only acts outside fields.
 */
import { useEffect } from 'react';
import type { EditorStore } from '../store/editor-store';
import type { UiStore } from '../store/ui-store';
import { duplicateSelection } from '../actions';

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Handles one key press; true when it was a shortcut. */
export function handleShortcut(event: KeyboardEvent, store: EditorStore, ui: UiStore): boolean {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  const state = store.getState();
  if (ui.getState().preview || ui.getState().pendingDelete || ui.getState().exportWarning)
    return false;
  if (mod && key === 'z') {
    if (event.shiftKey) state.redo();
    else state.undo();
    return true;
  }
  if (mod && key === 'y') {
    state.redo();
    return true;
  }
  if (inField(event.target)) return false;
  if (mod && key === 'd') {
    duplicateSelection(store);
    return true;
  }
  if ((key === 'delete' || key === 'backspace') && !mod) {
    const { selection } = state;
    if (selection.beats.length > 0) {
      ui.getState().set({ pendingDelete: [...selection.beats] });
      return true;
    }
    const edge = selection.edge;
    if (edge) {
      if ('choice' in edge)
        state.dispatch({ type: 'deleteChoice', beatId: edge.beat, choiceId: edge.choice });
      else state.dispatch({ type: 'setTimer', beatId: edge.beat });
      state.select({ beats: [edge.beat] });
      return true;
    }
  }
  if (key === 'escape' && (state.selection.beats.length || state.selection.edge)) {
    state.select({ beats: [] });
    return true;
  }
  return false;
}

/** Installs the shortcuts on the window while mounted. */
export function useShortcuts(store: EditorStore, ui: UiStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (handleShortcut(event, store, ui)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, ui]);
}
