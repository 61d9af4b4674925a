/**
 * Undo and redo on immer patches. Each entry keeps its label, the forward
 * patches and their inverse; a new change cuts off the redo tail. Quick
 * successive edits of one field (typing) merge into one entry.
 */
import type { Patch } from 'immer';

/** One undoable change. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  /** Edits with the same key made within `COALESCE_MS` merge. */
  key?: string;
  /** When the entry was last extended (ms, from the store's clock). */
  at: number;
}

/** Past changes (oldest first) and undone ones ready to redo (next first at the end). */
export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** How many changes undo keeps. */
export const HISTORY_LIMIT = 500;
/** Typing pauses longer than this start a new undo step. */
export const COALESCE_MS = 1000;

export const emptyHistory: History = { past: [], future: [] };

/** The history after recording `entry`. */
export function record(history: History, entry: HistoryEntry): History {
  const last = history.past[history.past.length - 1];
  if (
    last &&
    entry.key !== undefined &&
    last.key === entry.key &&
    history.future.length === 0 &&
    entry.at - last.at <= COALESCE_MS
  ) {
    const merged: HistoryEntry = {
      label: last.label,
      key: last.key,
      at: entry.at,
      patches: [...last.patches, ...entry.patches],
      inverse: [...entry.inverse, ...last.inverse],
    };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  const past = [...history.past, entry];
  return { past: past.length > HISTORY_LIMIT ? past.slice(-HISTORY_LIMIT) : past, future: [] };
}

/** Label of the change undo would revert, if any. */
export function undoLabel(history: History): string | undefined {
  return history.past[history.past.length - 1]?.label;
}

/** Label of the change redo would re-apply, if any. */
export function redoLabel(history: History): string | undefined {
  return history.future[history.future.length - 1]?.label;
}
