import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Annotation, DecisionLog, SelfAssessment } from '@defuse/schemas';

/**
 * What the debrief keeps on this device besides the drills themselves: log
 * files opened here (so a reload keeps them), and per session the
 * instructor's notes and the trainee's reactions. None of it is part of the
 * hash chain; it joins the log file on export.
 *
 * Notes belong to one log, named by its session id and chain head (see
 * `logIdentity` in the engine), not to a session id alone: a file that
 * reuses a drill's session id must never see, or add to, that drill's notes.
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

/** The debrief's own additions to one log. */
export interface DebriefNotes {
  sessionId: string;
  /** The log's identity: session id and chain head. */
  logId: string;
  annotations: Annotation[];
  selfAssessment?: SelfAssessment;
  /** True once the trainee's reactions are in (or were skipped): the instructor's view opens. */
  reactionsDone: boolean;
}

interface DebriefDb extends DBSchema {
  files: { key: string; value: OpenedFile };
  /** Version 1: notes by session id alone. Read only, for the device's own drills. */
  notes: { key: string; value: DebriefNotes };
  /** Version 2: notes by log identity. */
  logNotes: { key: string; value: DebriefNotes };
}

let connection: Promise<IDBPDatabase<DebriefDb>> | undefined;

function db(): Promise<IDBPDatabase<DebriefDb>> {
  connection ??= openDB<DebriefDb>(DEBRIEF_DB_NAME, 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('files', { keyPath: 'key' });
        database.createObjectStore('notes', { keyPath: 'sessionId' });
      }
      if (oldVersion < 2) database.createObjectStore('logNotes', { keyPath: 'logId' });
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

/** Which log's notes to read: its identity, and whether it is this device's own drill. */
export interface NotesOwner {
  sessionId: string;
  logId: string;
  /**
   * This device recorded the log: notes written before they were bound to a
   * log's identity (kept by session id) are its own and are still shown.
   */
  ownDrill: boolean;
}

/** The notes of one log; empty when none were written. */
export async function loadNotes(owner: NotesOwner): Promise<DebriefNotes> {
  const database = await db();
  const stored = await database.get('logNotes', owner.logId);
  if (stored) return stored;
  const older = owner.ownDrill ? await database.get('notes', owner.sessionId) : undefined;
  const empty = { annotations: [], reactionsDone: false };
  return { ...empty, ...older, sessionId: owner.sessionId, logId: owner.logId };
}

/** Writes one log's notes, under its identity. */
export async function saveNotes(notes: DebriefNotes): Promise<void> {
  await (await db()).put('logNotes', notes);
}
