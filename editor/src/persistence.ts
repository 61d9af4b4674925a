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
  const db: IDBPDatabase<EditorDb> = await openDB<EditorDb>(name, 1, {
    upgrade(database) {
      database.createObjectStore('scenarios', { keyPath: 'key' });
      database.createObjectStore('meta');
    },
  });
  return {
    async list() {
      const all = await db.getAll('scenarios');
      return all
        .map(({ doc: _doc, ...summary }) => summary)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    load: (key) => db.get('scenarios', key),
    async save(key, doc) {
      await db.put('scenarios', {
        key,
        doc,
        title: typeof doc.title === 'string' && doc.title.trim() ? doc.title : 'Untitled scenario',
        scenarioId: typeof doc.id === 'string' ? doc.id : '',
        updatedAt: new Date().toISOString(),
      });
    },
    async remove(key) {
      await db.delete('scenarios', key);
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
 * Saves the store's document after every change. Writes never overlap: a
 * change made while one is being written is saved right after it, and only
 * the latest document is written.
 */
export function attachAutosave(
  store: EditorStore,
  persistence: Persistence,
  key: string,
  onStatus: (status: SaveStatus, error?: unknown) => void = () => {},
): Autosave {
  let target = key;
  let writing: Promise<void> | undefined;
  let dirty = false;

  const write = (): Promise<void> => {
    if (writing) {
      dirty = true;
      return writing;
    }
    dirty = false;
    const doc = store.getState().doc;
    onStatus('saving');
    writing = persistence
      .save(target, doc)
      .then(
        () => {
          if (!dirty) onStatus('saved');
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
    if (state.doc !== previous.doc) void write();
  });

  return {
    async flush() {
      while (writing) await writing;
    },
    retarget(next) {
      target = next;
    },
    stop: unsubscribe,
  };
}
