/** React access to the hub store. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HubState, HubStore } from './hub-store';

const HubContext = createContext<HubStore | null>(null);

/** Makes `store` the hub store of everything inside. */
export function HubStoreProvider({ store, children }: { store: HubStore; children: ReactNode }) {
  return <HubContext.Provider value={store}>{children}</HubContext.Provider>;
}

/** The hub store of the surrounding provider. */
export function useHubStore(): HubStore {
  const store = useContext(HubContext);
  if (!store) throw new Error('useHubStore needs a HubStoreProvider above it.');
  return store;
}

/** A slice of the hub state. */
export function useHub<T>(selector: (state: HubState) => T): T {
  return useStore(useHubStore(), selector);
}
