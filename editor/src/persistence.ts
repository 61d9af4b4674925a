/**
 * Local scenarios in IndexedDB: every change is saved as it happens, the
 * list of this browser's scenarios can be opened, and reopening the editor
 * after a crash brings back the last document. Kept apart from the store:
 * the store knows nothing about storage.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Scenario } from '@defuse/schemas';
import type { EditorStore } from './store/editor-store';

/** One scenario kept in this browser. */
export interface LocalScenario {
  /** Storage key (not the scenario id, which can change while editing). */
  key: string;
  doc: Scenario;
  title: string;
  scenarioId: string;
  /** ISO time of the last save. */
  updatedAt: string;
}

/** The list entry of a local scenario, without its document. */
export type LocalScenarioSummary = Omit<LocalScenario, 'doc'>;

interface EditorDb extends DBSchema {
  scenarios: { key: string; value: LocalScenario };
  /** The list entries alone, so listing never reads whole documents. */
  summaries: { key: string; value: LocalScenarioSummary };
  meta: { key: string; value: string };
}

const CURRENT = 'current';

export interface Persistence {
  list(): Promise<LocalScenarioSummary[]>;
  load(key: string): Promise<LocalScenario | undefined>;
  save(key: string, doc: Scenario): Promise<void>;
  remove(key: string): Promise<void>;
  /** Key of the document open when the editor was last used. */
  current(): Promise<string | undefined>;
  setCurrent(key: string): Promise<void>;
  close(): void;
}

/** A fresh storage key. */
export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `local-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Opens (creating when needed) the editor's database. */
export async function openPersistence(name = 'defuse-editor'): Promise<Persistence> {
  const db: IDBPDatabase<EditorDb> = await openDB<EditorDb>(name, 2, {
    async upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        database.createObjectStore('scenarios', { keyPath: 'key' });
        database.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        // Version 2 keeps the list entries apart from the documents.
        const summaries = database.createObjectStore('summaries', { keyPath: 'key' });
        for (const { doc: _doc, ...summary } of await tx.objectStore('scenarios').getAll()) {
          await summaries.put(summary);
        }
      }
    },
  });
  return {
    async list() {
      const all = await db.getAll('summaries');
      return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    load: (key) => db.get('scenarios', key),
    async save(key, doc) {
      const summary: LocalScenarioSummary = {
        key,
        title: typeof doc.title === 'string' && doc.title.trim() ? doc.title : 'Untitled scenario',
        scenarioId: typeof doc.id === 'string' ? doc.id : '',
        updatedAt: new Date().toISOString(),
      };
      const tx = db.transaction(['scenarios', 'summaries'], 'readwrite');
      await Promise.all([
        tx.objectStore('scenarios').put({ ...summary, doc }),
        tx.objectStore('summaries').put(summary),
        tx.done,
      ]);
    },
    async remove(key) {
      const tx = db.transaction(['scenarios', 'summaries'], 'readwrite');
      await Promise.all([
        tx.objectStore('scenarios').delete(key),
        tx.objectStore('summaries').delete(key),
        tx.done,
      ]);
      if ((await db.get('meta', CURRENT)) === key) await db.delete('meta', CURRENT);
    },
    current: () => db.get('meta', CURRENT),
    async setCurrent(key) {
      await db.put('meta', key, CURRENT);
    },
    close: () => db.close(),
  };
}

/** Where the last autosave stands. */
export type SaveStatus = 'saving' | 'saved' | 'error';

/** Autosave of one store into one storage key. */
export interface Autosave {
  /** Resolves once everything changed so far is stored. */
  flush(): Promise<void>;
  /** Switches to another key (after opening another local scenario). */
  retarget(key: string): void;
  stop(): void;
}

/**
 * Saves the store's document after every change. Changes in quick
 * succession (typing) are written together once the document has been
 * still for `delayMs` (storing a big scenario costs milliseconds, which a
 * keystroke should not wait for). Writes never overlap, only the latest
 * document is written, and leaving the page writes at once.
 */
export function attachAutosave(
  store: EditorStore,
  persistence: Persistence,
  key: string,
  onStatus: (status: SaveStatus, error?: unknown) => void = () => {},
  delayMs = 250,
): Autosave {
  let target = key;
  let writing: Promise<void> | undefined;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (writing) {
      dirty = true;
      return writing;
    }
    dirty = false;
    const doc = store.getState().doc;
    writing = persistence
      .save(target, doc)
      .then(
        () => {
          if (!dirty && timer === undefined) onStatus('saved');
        },
        (error: unknown) => onStatus('error', error),
      )
      .finally(() => {
        writing = undefined;
      })
      .then(() => (dirty ? write() : undefined));
    return writing;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    onStatus('saving');
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void write(), delayMs);
  });
  const now = () => {
    if (timer !== undefined) void write();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') now();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', onHidden);
  }

  return {
    async flush() {
      if (timer !== undefined) await write();
      while (writing) await writing;
    },
    retarget(next) {
      target = next;
    },
    stop() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      if (typeof window !== 'undefined') {
        window.removeEventListener('pagehide', now);
        document.removeEventListener('visibilitychange', onHidden);
      }
    },
  };
}
