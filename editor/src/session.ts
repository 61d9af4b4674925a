/**
 * One editing session in this browser: which local scenario is open, its
 * autosave, and switching between local scenarios. Works without storage
 * too (private windows may refuse IndexedDB): then nothing is kept.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '@defuse/schemas';
import { createEditorStore, type EditorStore } from './store/editor-store';
import { emptyScenario } from './model/new-scenario';
import {
  attachAutosave,
  newKey,
  openPersistence,
  type Autosave,
  type LocalScenarioSummary,
  type Persistence,
  type SaveStatus,
} from './persistence';
import { withPositions } from './actions';
import { createBackground, type Background } from './background/background';
import { attachAnalysis } from './background/analysis';

export interface SessionState {
  key: string;
  status: SaveStatus | 'unavailable';
  library: LocalScenarioSummary[];
}

export interface Session {
  store: EditorStore;
  /** Runs the graph analysis and automatic layout off the main thread. */
  background: Background;
  state: StoreApi<SessionState>;
  newScenario(): Promise<void>;
  /** Opens a document (an import) as a new local scenario. */
  openDocument(doc: Scenario): Promise<void>;
  openLocal(key: string): Promise<void>;
  removeLocal(key: string): Promise<void>;
  refreshLibrary(): Promise<void>;
  /** Resolves when every change so far is stored. */
  flush(): Promise<void>;
  close(): void;
}

/** True when the document is a new, untouched empty scenario. */
function untouched(store: EditorStore): boolean {
  const { doc, history } = store.getState();
  return Object.keys(doc.beats).length === 0 && history.past.length === 0;
}

/**
 * Opens storage and the document that was open last time (after a crash
 * too, since every change was saved as it happened), or a new scenario.
 */
export async function startSession(
  options: { dbName?: string; worker?: boolean } = {},
): Promise<Session> {
  let persistence: Persistence | undefined;
  try {
    persistence = await openPersistence(options.dbName);
  } catch {
    persistence = undefined;
  }
  const currentKey = await persistence?.current().catch(() => undefined);
  const local = currentKey ? await persistence?.load(currentKey).catch(() => undefined) : undefined;
  const key = local?.key ?? newKey();
  const background = createBackground(
    options.worker === undefined ? {} : { worker: options.worker },
  );
  const laidOut = (doc: Scenario) => withPositions(doc, background.openingLayout);
  const store = createEditorStore({
    doc: await laidOut(local?.doc ?? emptyScenario()),
    analysis: 'background',
  });
  const stopAnalysis = attachAnalysis(store, background);
  const state = createStore<SessionState>()(() => ({
    key,
    status: persistence ? 'saved' : 'unavailable',
    library: [],
  }));

  let autosave: Autosave | undefined;
  const refreshLibrary = async () => {
    if (persistence) state.setState({ library: await persistence.list() });
  };
  if (persistence) {
    const p = persistence;
    // The library list shows titles and times: refresh it when a title or
    // id changes, not on every keystroke of a narrative.
    let listed = '';
    autosave = attachAutosave(store, p, key, (status) => {
      state.setState({ status });
      const { doc } = store.getState();
      const shown = `${state.getState().key}\u0000${doc.title}\u0000${doc.id}`;
      if (status === 'saved' && shown !== listed) {
        listed = shown;
        void refreshLibrary();
      }
    });
    await p.save(key, store.getState().doc);
    await p.setCurrent(key);
    await refreshLibrary();
  }

  async function switchTo(nextKey: string, doc: Scenario): Promise<void> {
    await autosave?.flush();
    autosave?.retarget(nextKey);
    state.setState({ key: nextKey });
    store.getState().open(await laidOut(doc));
    if (persistence) {
      await autosave?.flush();
      await persistence.save(nextKey, store.getState().doc);
      await persistence.setCurrent(nextKey);
      await refreshLibrary();
    }
  }

  return {
    store,
    background,
    state,
    refreshLibrary,
    newScenario: () => switchTo(newKey(), emptyScenario()),
    async openDocument(doc) {
      if (untouched(store)) {
        const { key: same } = state.getState();
        store.getState().open(await laidOut(doc));
        await autosave?.flush();
        if (persistence) {
          await persistence.save(same, store.getState().doc);
          await refreshLibrary();
        }
        return;
      }
      await switchTo(newKey(), doc);
    },
    async openLocal(localKey) {
      const local = await persistence?.load(localKey);
      if (local) await switchTo(localKey, local.doc);
    },
    async removeLocal(localKey) {
      if (!persistence) return;
      if (localKey === state.getState().key) {
        await autosave?.flush();
        const others = (await persistence.list()).filter((s) => s.key !== localKey);
        const next = others[0] ? await persistence.load(others[0].key) : undefined;
        await switchTo(next?.key ?? newKey(), next?.doc ?? emptyScenario());
      }
      await persistence.remove(localKey);
      await refreshLibrary();
    },
    flush: async () => {
      await autosave?.flush();
    },
    close() {
      stopAnalysis();
      background.dispose();
      autosave?.stop();
      persistence?.close();
    },
  };
}
