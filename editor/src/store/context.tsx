/**
 * React access to an editor store: components read slices with selectors
 * and never hold document state of their own.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { EditorState, EditorStore } from './editor-store';

const StoreContext = createContext<EditorStore | null>(null);

/** Makes `store` the editor store of everything inside. */
export function EditorStoreProvider({
  store,
  children,
}: {
  store: EditorStore;
  children: ReactNode;
}) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The editor store of the surrounding provider. */
export function useEditorStore(): EditorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEditorStore needs an EditorStoreProvider above it.');
  return store;
}

/** A slice of the editor state; re-renders only when the slice changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/** Like `useEditor`, for selectors that build a new object or array each time. */
export function useEditorShallow<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), useShallow(selector));
}

/** The store's dispatch, stable across renders. */
export function useDispatch(): EditorState['dispatch'] {
  return useEditor((s) => s.dispatch);
}
