/**
 * Passing state of the editor window: which side tab is open, which
 * dialog is up, whether the preview runs. Never saved, never undone.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Vars } from '@defuse/schemas';
import type { Overlay } from '../canvas/graph';

export type SideTab = 'scenario' | 'variables' | 'library';

/** Where a preview drill starts. */
export interface PreviewStart {
  beat?: string;
  vars?: Vars;
}

export interface UiState {
  sideTab: SideTab;
  /** Beats waiting for the delete confirmation. */
  pendingDelete?: string[];
  /** Preview: `undefined` when closed; `setup` while choosing where to start. */
  preview?: { stage: 'setup' | 'running'; start: PreviewStart };
  /** A message from import or export, shown in a banner. */
  message?: { tone: 'error' | 'warning' | 'info'; text: string };
  /** Export waiting for "export anyway" because the scenario has errors. */
  exportWarning?: boolean;
  overlay?: Overlay & { title: string };
  diagnosticsOpen: boolean;
  set(partial: Partial<Omit<UiState, 'set'>>): void;
}

export type UiStore = StoreApi<UiState>;

/** A fresh UI store. */
export function createUiStore(): UiStore {
  return createStore<UiState>()((set) => ({
    sideTab: 'scenario',
    diagnosticsOpen: true,
    set: (partial) => set(partial),
  }));
}
