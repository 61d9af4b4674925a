import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DecisionLog, LogEvent, Outcome, Scenario } from '@defuse/schemas';

/** Name of this device's database. One per origin. */
export const DB_NAME = 'defuse-player';
const DB_VERSION = 3;

/** Whether an instructor holds the tablet alongside the trainee. */
export type InstructorSetting = 'solo' | 'present';

/**
 * One drill session's summary as stored on the device: the log header and
 * what the logs list shows, kept up to date with each event. Small, so
 * writing it with every event stays cheap.
 */
export interface SessionSummaryRecord {
  sessionId: string;
  header: Omit<DecisionLog, 'events'>;
  instructor: InstructorSetting;
  scenarioTitle: string;
  lastBeatTitle: string;
  /** Wall-clock time (ms since epoch) of the last write. */
  updatedAt: number;
  lastEvent: { seq: number; type: LogEvent['type']; beat: string };
  /** Set by the `end` event. */
  outcome?: Outcome;
  /** True once an interrupted drill has been set aside from the resume offer. */
  dismissed?: boolean;
}

/**
 * A session with the copy of the scenario it ran (stored once, at its start),
 * so it can be resumed and debriefed even after the bundled scenario changes.
 */
export interface SessionRecord extends SessionSummaryRecord {
  scenario: Scenario;
}

/** An imported scenario; keyed by digest so two versions can sit side by side. */
export interface ImportedScenarioRecord {
  digest: string;
  id: string;
  version: string;
  fileName: string;
  importedAt: number;
  scenario: Scenario;
}

/** Where a class drill's log is on its way to the hub. */
export type SyncState = 'local' | 'sending' | 'synced' | 'refused';

/**
 * A class drill's link to the hub, written with its first event: the outbox
 * sends only sessions that have one, so standalone drills never leave the
 * tablet. The device token is kept per session, so a log recorded in a class
 * still reaches the hub after the tablet has left that class.
 */
export interface SyncRecord {
  sessionId: string;
  classId: string;
  className: string;
  deviceToken: string;
  state: SyncState;
  /** The highest seq the hub has acknowledged (its `stored`); 0 before the first answer. */
  stored: number;
  /** The hub's words when it refused the log, and the seq it refused at. */
  reason?: string;
  refusedSeq?: number;
  updatedAt: number;
}

export interface DefuseDb extends DBSchema {
  sessions: { key: string; value: SessionSummaryRecord; indexes: { byUpdated: number } };
  /** The scenario each session ran, by session id, written with its first event. */
  sessionScenarios: { key: string; value: Scenario };
  /** Log events, one record each, keyed [sessionId, seq]: a second write of a seq is refused. */
  events: { key: [string, number]; value: LogEvent & { sessionId: string } };
  scenarios: { key: string; value: ImportedScenarioRecord; indexes: { byId: string } };
  settings: { key: string; value: unknown };
  /**
   * Drill-clock time last seen alive, per session, written every second while
   * a drill runs: after a crash, a running timer resumes with what it had left.
   */
  heartbeats: { key: string; value: number };
  /**
   * The choice (or '@timeout') whose instructor branch waits for its pick, per
   * session: it is logged only with the pick, so a reload must not lose it.
   */
  awaiting: { key: string; value: string };
  /** Class drills' upload progress, by session id (see {@link SyncRecord}). */
  sync: { key: string; value: SyncRecord };
}

let connection: Promise<IDBPDatabase<DefuseDb>> | undefined;

/** Opens (once) the device database, creating its stores on first use. */
export function openDefuseDb(): Promise<IDBPDatabase<DefuseDb>> {
  connection ??= openDB<DefuseDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const sessions = db.createObjectStore('sessions', { keyPath: 'sessionId' });
        sessions.createIndex('byUpdated', 'updatedAt');
        db.createObjectStore('sessionScenarios');
        db.createObjectStore('events', { keyPath: ['sessionId', 'seq'] });
        const scenarios = db.createObjectStore('scenarios', { keyPath: 'digest' });
        scenarios.createIndex('byId', 'id');
        db.createObjectStore('settings');
        db.createObjectStore('heartbeats');
      }
      if (oldVersion < 2) db.createObjectStore('awaiting');
      if (oldVersion < 3) db.createObjectStore('sync', { keyPath: 'sessionId' });
    },
    blocking() {
      // A newer version of the app wants to upgrade: let it.
      void connection?.then((db) => db.close());
      connection = undefined;
    },
  });
  return connection;
}

/** Closes the connection (tests use it to start from a clean database). */
export async function closeDefuseDb(): Promise<void> {
  const db = await connection;
  db?.close();
  connection = undefined;
}
