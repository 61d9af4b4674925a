/** React access to the UI store. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { UiState, UiStore } from './ui-store';

const UiContext = createContext<UiStore | null>(null);

export function UiStoreProvider({ store, children }: { store: UiStore; children: ReactNode }) {
  return <UiContext.Provider value={store}>{children}</UiContext.Provider>;
}

/** The UI store of the surrounding provider. */
export function useUiStore(): UiStore {
  const store = useContext(UiContext);
  if (!store) throw new Error('useUiStore needs a UiStoreProvider above it.');
  return store;
}

/** A slice of the UI state. */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useUiStore(), selector);
}
