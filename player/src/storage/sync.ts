import type { DecisionLog, LogEvent } from '@defuse/schemas';
import { openDefuseDb, type SyncRecord } from './db';

/** The decision log without its events and annotations: what the hub takes as `header`. */
export type UploadHeader = Omit<DecisionLog, 'events' | 'annotations'>;

/** The sync record of a session, or undefined for a standalone drill. */
export async function loadSync(sessionId: string): Promise<SyncRecord | undefined> {
  const db = await openDefuseDb();
  return db.get('sync', sessionId);
}

/** Every class drill's sync record. */
export async function listSync(): Promise<SyncRecord[]> {
  const db = await openDefuseDb();
  return db.getAll('sync');
}

/**
 * Changes a session's sync record in one transaction (read, then write), so
 * two writers cannot undo each other's fields. Resolves with the new record,
 * or undefined when the session has none (standalone, or its log was deleted).
 */
export async function updateSync(
  sessionId: string,
  change: (record: SyncRecord) => SyncRecord,
): Promise<SyncRecord | undefined> {
  const db = await openDefuseDb();
  const tx = db.transaction('sync', 'readwrite');
  const record = await tx.store.get(sessionId);
  if (!record) {
    await tx.done;
    return undefined;
  }
  const next = { ...change(record), sessionId, updatedAt: Date.now() };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** The next stored events after `afterSeq`, in order, and the header to send them with. */
export interface UnsentBatch {
  header: UploadHeader;
  events: LogEvent[];
  /** The last seq stored on this device. */
  lastSeq: number;
}

/**
 * Reads up to `limit` events after `afterSeq` from this device's store, the
 * only source the outbox sends from: what was never stored is never sent,
 * and a reload finds the same events again.
 */
export async function loadUnsent(
  sessionId: string,
  afterSeq: number,
  limit: number,
): Promise<UnsentBatch | undefined> {
  const db = await openDefuseDb();
  const tx = db.transaction(['sessions', 'events']);
  const record = await tx.objectStore('sessions').get(sessionId);
  if (!record) return undefined;
  const rows = await tx
    .objectStore('events')
    .getAll(IDBKeyRange.bound([sessionId, afterSeq], [sessionId, Infinity], true), limit);
  const { annotations: _notes, ...header } = record.header;
  return {
    header,
    events: rows.map(({ sessionId: _id, ...event }) => event),
    lastSeq: record.lastEvent.seq,
  };
}
