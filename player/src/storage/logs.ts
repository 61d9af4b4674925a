import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';
import {
  openDefuseDb,
  type InstructorSetting,
  type SessionRecord,
  type SessionSummaryRecord,
  type SyncRecord,
} from './db';

/** What a class drill's first event writes beside it, so the outbox knows to send the log. */
export type ClassLink = Pick<SyncRecord, 'classId' | 'className' | 'deviceToken'>;

type StoredListener = (sessionId: string) => void;
const storedListeners = new Set<StoredListener>();

/**
 * Calls `listener` after each event is durably stored (the outbox sends from
 * there, so nothing leaves the tablet before it is on the tablet). Returns
 * the unsubscriber.
 */
export function onEventStored(listener: StoredListener): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}

function announceStored(sessionId: string): void {
  for (const listener of storedListeners) {
    try {
      listener(sessionId);
    } catch {
      // A listener's trouble must never fail the recording that already succeeded.
    }
  }
}

/** What the logs list shows for one session. */
export interface LogSummary {
  sessionId: string;
  traineeId: string;
  scenarioId: string;
  scenarioTitle: string;
  scenarioVersion: string;
  mode: DecisionLog['mode'];
  instructor: InstructorSetting;
  startedAt: string;
  updatedAt: number;
  status: 'complete' | 'interrupted';
  outcome?: SessionRecord['outcome'];
  lastBeat: string;
  lastBeatTitle: string;
  events: number;
  dismissed: boolean;
}

/** Raised when a log event could not be stored: the drill must not go on. */
export class RecordingError extends Error {
  constructor(
    message: string,
    readonly seq: number,
  ) {
    super(message);
    this.name = 'RecordingError';
  }
}

/**
 * Returns the listener a drill calls with each hash-chained event. It resolves
 * only once the event is durably in IndexedDB, so the drill (which awaits it)
 * never shows a beat whose way in was not recorded. A second write of the same
 * `seq` is refused by the store's key, so no decision is ever stored twice.
 *
 * The session's summary is kept here between events (pass the stored one when
 * resuming), so each event is one write-only transaction: no read before it.
 *
 * A class drill passes its `classLink`: the first event's transaction also
 * writes the session's sync record, so a crash cannot leave a class log that
 * the outbox does not know about.
 *
 * With `sign` (the device key's signer), each event's hash is signed before
 * the write and the event is stored with its `sig`, so the signature is on
 * the device before the drill moves on, like the event itself.
 */
export function createRecorder(
  scenario: Scenario,
  instructor: InstructorSetting,
  stored?: SessionSummaryRecord,
  classLink?: ClassLink,
  sign?: (hash: string) => Promise<string>,
): (event: LogEvent, log: DecisionLog) => Promise<void> {
  let summary = stored && summaryOnly(stored);
  return async (event, log) => {
    const next = nextSummary(summary, scenario, instructor, event, log);
    const signed = sign ? { ...event, sig: await signOrFail(sign, event) } : event;
    await writeEvent(scenario, signed, next, summary === undefined ? { classLink } : undefined);
    summary = next;
    announceStored(next.sessionId);
  };
}

/** The event's signature; a failure stops the drill like a failed write would. */
async function signOrFail(sign: (hash: string) => Promise<string>, event: LogEvent) {
  try {
    return await sign(event.hash);
  } catch (error) {
    throw new RecordingError(
      `Event ${event.seq} (${event.type}) could not be signed on this device: ${describeStorageError(error)}`,
      event.seq,
    );
  }
}

/** A summary record without anything else a caller may have joined to it. */
function summaryOnly(record: SessionSummaryRecord): SessionSummaryRecord {
  const { scenario: _copy, ...summary } = record as SessionSummaryRecord & { scenario?: Scenario };
  return summary;
}

function nextSummary(
  previous: SessionSummaryRecord | undefined,
  scenario: Scenario,
  instructor: InstructorSetting,
  event: LogEvent,
  log: DecisionLog,
): SessionSummaryRecord {
  const { events: _all, ...header } = log;
  const record: SessionSummaryRecord = {
    ...(previous ?? { instructor, scenarioTitle: scenario.title }),
    sessionId: log.sessionId,
    header,
    updatedAt: Date.now(),
    lastEvent: { seq: event.seq, type: event.type, beat: event.beat },
    // A choice or timeout has moved the trainee on to `to`: that is where the drill resumes.
    lastBeatTitle: scenario.beats[event.to ?? event.beat]?.title ?? event.to ?? event.beat,
  };
  if (event.type === 'end' && event.outcome) record.outcome = event.outcome;
  if (event.type === 'resume') delete record.dismissed;
  return record;
}

async function writeEvent(
  scenario: Scenario,
  event: LogEvent,
  summary: SessionSummaryRecord,
  first: { classLink: ClassLink | undefined } | undefined,
): Promise<void> {
  const db = await openDefuseDb();
  // Only a class drill's first event touches the sync store: every other write stays out of
  // the outbox's way, so a decision never waits for an upload's bookkeeping.
  const stores: ('sessions' | 'events' | 'sessionScenarios' | 'sync')[] = first?.classLink
    ? ['sessions', 'events', 'sessionScenarios', 'sync']
    : ['sessions', 'events', 'sessionScenarios'];
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  // All requests at once; the transaction commits them together or not at all.
  const writes: Promise<unknown>[] = [
    tx.objectStore('events').add({ ...event, sessionId: summary.sessionId }),
    tx.objectStore('sessions').put(summary),
  ];
  if (first) writes.push(tx.objectStore('sessionScenarios').add(scenario, summary.sessionId));
  if (first?.classLink) {
    const link: SyncRecord = {
      ...first.classLink,
      sessionId: summary.sessionId,
      state: 'local',
      stored: 0,
      updatedAt: Date.now(),
    };
    writes.push(tx.objectStore('sync').add(link));
  }
  try {
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // A failed request has already aborted it.
    }
    throw new RecordingError(
      `Event ${event.seq} (${event.type}) could not be saved on this device: ${describeStorageError(error)}`,
      event.seq,
    );
  }
}

/**
 * Why a write to this device's storage failed, in words for the screen. Never
 * empty: browsers often reject a full disk with a bare `DOMException` whose
 * message is blank, and "()" tells nobody anything.
 */
export function describeStorageError(error: unknown): string {
  const named = typeof error === 'object' && error !== null && 'name' in error;
  const name = named ? String((error as { name: unknown }).name) : '';
  if (name === 'ConstraintError') return 'it was already recorded';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return 'the device storage is full';
  }
  const text = error instanceof Error || named ? (error as { message?: unknown }).message : error;
  const message = typeof text === 'string' ? text.trim() : '';
  if (message) return message;
  if (name && name !== 'Error') return `the browser refused to store it (${name})`;
  return 'the browser gave no reason; the device storage may be full';
}

/** The full decision log of a session, events in order, or undefined if unknown. */
export async function loadLog(sessionId: string): Promise<DecisionLog | undefined> {
  const db = await openDefuseDb();
  const tx = db.transaction(['sessions', 'events']);
  const record = await tx.objectStore('sessions').get(sessionId);
  if (!record) return undefined;
  const rows = await tx
    .objectStore('events')
    .getAll(IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
  const events = rows.map(({ sessionId: _id, ...event }) => event);
  return { ...record.header, events };
}

/** The stored session: its summary and the copy of the scenario it ran. */
export async function loadSession(sessionId: string): Promise<SessionRecord | undefined> {
  const db = await openDefuseDb();
  const tx = db.transaction(['sessions', 'sessionScenarios']);
  const [summary, scenario] = await Promise.all([
    tx.objectStore('sessions').get(sessionId),
    tx.objectStore('sessionScenarios').get(sessionId),
  ]);
  return summary && scenario ? { ...summary, scenario } : undefined;
}

/** Every session on this device, newest first. */
export async function listLogs(): Promise<LogSummary[]> {
  const db = await openDefuseDb();
  const records = await db.getAllFromIndex('sessions', 'byUpdated');
  return records.reverse().map(summarize);
}

/** Interrupted drills that are still offered for resuming, newest first. */
export async function listResumable(): Promise<LogSummary[]> {
  return (await listLogs()).filter((log) => log.status === 'interrupted' && !log.dismissed);
}

function summarize(record: SessionSummaryRecord): LogSummary {
  const summary: LogSummary = {
    sessionId: record.sessionId,
    traineeId: record.header.trainee.id,
    scenarioId: record.header.scenario.id,
    scenarioTitle: record.scenarioTitle,
    scenarioVersion: record.header.scenario.version,
    mode: record.header.mode,
    instructor: record.instructor,
    startedAt: record.header.startedAt,
    updatedAt: record.updatedAt,
    status: record.lastEvent.type === 'end' ? 'complete' : 'interrupted',
    lastBeat: record.lastEvent.beat,
    lastBeatTitle: record.lastBeatTitle,
    events: record.lastEvent.seq,
    dismissed: record.dismissed === true,
  };
  if (record.outcome) summary.outcome = record.outcome;
  return summary;
}

/** Takes an interrupted drill off the resume offer; its log stays in the list. */
export async function dismissResume(sessionId: string): Promise<void> {
  const db = await openDefuseDb();
  const tx = db.transaction('sessions', 'readwrite');
  const record = await tx.store.get(sessionId);
  if (record) await tx.store.put({ ...record, dismissed: true });
  await tx.done;
}

/** Deletes a session and all its events. */
export async function deleteLog(sessionId: string): Promise<void> {
  const db = await openDefuseDb();
  const tx = db.transaction(
    ['sessions', 'events', 'heartbeats', 'awaiting', 'sessionScenarios', 'sync'],
    'readwrite',
  );
  await tx.objectStore('sync').delete(sessionId);
  await tx.objectStore('heartbeats').delete(sessionId);
  await tx.objectStore('awaiting').delete(sessionId);
  await tx.objectStore('sessionScenarios').delete(sessionId);
  await tx
    .objectStore('events')
    .delete(IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
  await tx.objectStore('sessions').delete(sessionId);
  await tx.done;
}
