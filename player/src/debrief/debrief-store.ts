import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Annotation, DecisionLog, SelfAssessment } from '@defuse/schemas';

/**
 * What the debrief keeps on this device besides the drills themselves: log
 * files opened here (so a reload keeps them), and per session the
 * instructor's notes and the trainee's reactions. None of it is part of the
 * hash chain; it joins the log file on export.
 */
export const DEBRIEF_DB_NAME = 'defuse-debrief';

/** A log file opened in the debrief. */
export interface OpenedFile {
  /** `file:` + session id + a fingerprint of the content (two copies of one session may differ). */
  key: string;
  fileName: string;
  openedAt: number;
  log: DecisionLog;
}

/** The debrief's own additions to one session's log. */
export interface DebriefNotes {
  sessionId: string;
  annotations: Annotation[];
  selfAssessment?: SelfAssessment;
  /** True once the trainee's reactions are in (or were skipped): the instructor's view opens. */
  reactionsDone: boolean;
}

interface DebriefDb extends DBSchema {
  files: { key: string; value: OpenedFile };
  notes: { key: string; value: DebriefNotes };
}

let connection: Promise<IDBPDatabase<DebriefDb>> | undefined;

function db(): Promise<IDBPDatabase<DebriefDb>> {
  connection ??= openDB<DebriefDb>(DEBRIEF_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('files', { keyPath: 'key' });
      database.createObjectStore('notes', { keyPath: 'sessionId' });
    },
    blocking() {
      void connection?.then((c) => c.close());
      connection = undefined;
    },
  });
  return connection;
}

/** Closes the connection (tests start each case from a fresh database). */
export async function closeDebriefDb(): Promise<void> {
  const c = await connection;
  c?.close();
  connection = undefined;
}

export async function listOpenedFiles(): Promise<OpenedFile[]> {
  const files = await (await db()).getAll('files');
  return files.sort((a, b) => a.openedAt - b.openedAt);
}

export async function saveOpenedFile(file: OpenedFile): Promise<void> {
  await (await db()).put('files', file);
}

export async function removeOpenedFile(key: string): Promise<void> {
  await (await db()).delete('files', key);
}

export async function loadNotes(sessionId: string): Promise<DebriefNotes> {
  const stored = await (await db()).get('notes', sessionId);
  return stored ?? { sessionId, annotations: [], reactionsDone: false };
}

export async function saveNotes(notes: DebriefNotes): Promise<void> {
  await (await db()).put('notes', notes);
}
