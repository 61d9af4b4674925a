/**
 * The outbox: sends class drills' logs to the hub, in order, from what is
 * stored on this device. Recording never waits for it: an event is written to
 * IndexedDB first (storage/logs.ts), and only then does the outbox pick it
 * up, so a tablet with no network keeps drilling and catches up later.
 *
 * Progress lives in each session's sync record (`stored` is the hub's own
 * count), so a reload or a crash resumes where the hub left off, and a batch
 * the hub already holds is only acknowledged again, never duplicated.
 */
import { HubError } from './api';
import { uploadEvents } from './device';
import type { SyncRecord } from '../storage/db';
import { onEventStored } from '../storage/logs';
import { endClosedClass } from '../storage/membership';
import { listSync, loadSync, loadUnsent, updateSync } from '../storage/sync';

/** Events per upload; the hub takes up to 500. */
export const BATCH_SIZE = 200;

/** First wait before retrying after a network error or a 5xx, doubled each time up to the cap. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

/** What the screen says when a class's token is no longer accepted. */
export const CLASS_CLOSED = 'This class has been closed.';

type Result = 'done' | 'retry';

const draining = new Map<string, Promise<Result>>();
/** Sessions that got new events while being drained: drained once more after. */
const again = new Set<string>();
const listeners = new Set<() => void>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_FIRST_MS;
let stopCurrent: (() => void) | undefined;

/**
 * Starts the outbox for this page (once): sends what is waiting now, after
 * each stored event, and at once when the browser comes back online.
 * Returns a function that stops it.
 */
export function startOutbox(): () => void {
  if (stopCurrent) return stopCurrent;
  const unsubscribe = onEventStored((sessionId) => void sendSession(sessionId));
  const online = () => {
    retryDelay = RETRY_FIRST_MS;
    void flushOutbox();
  };
  window.addEventListener('online', online);
  void flushOutbox();
  const stop = () => {
    unsubscribe();
    window.removeEventListener('online', online);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    retryDelay = RETRY_FIRST_MS;
    if (stopCurrent === stop) stopCurrent = undefined;
  };
  stopCurrent = stop;
  return stop;
}

/** Calls `listener` whenever a log's sync state may have changed. Returns the unsubscriber. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sends every class drill that has something the hub does not have yet. Refused logs wait. */
export async function flushOutbox(): Promise<void> {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const records = await listSync();
  await Promise.all(
    records.filter((r) => r.state !== 'refused').map((r) => sendSession(r.sessionId)),
  );
}

/**
 * Sends one session's unsent events. A session is never sent by two loops at
 * once: a call while it is being sent marks it for one more pass instead.
 */
export function sendSession(sessionId: string): Promise<void> {
  const running = draining.get(sessionId);
  if (running) {
    again.add(sessionId);
    return running.then(() => undefined);
  }
  const run = exclusive(sessionId, async () => {
    let result: Result;
    do {
      again.delete(sessionId);
      result = await drain(sessionId);
    } while (result === 'done' && again.has(sessionId));
    return result;
  });
  draining.set(sessionId, run);
  return run.then(
    (result) => {
      draining.delete(sessionId);
      if (result === 'retry') scheduleRetry();
      else if (again.has(sessionId)) void sendSession(sessionId);
    },
    () => {
      // IndexedDB itself failed; try again later rather than never.
      draining.delete(sessionId);
      scheduleRetry();
    },
  );
}

/** Runs `task` under a Web Lock where there is one, so two tabs do not send the same session. */
async function exclusive(sessionId: string, task: () => Promise<Result>): Promise<Result> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return task();
  return await locks.request(`defuse-outbox:${sessionId}`, task);
}

function scheduleRetry(): void {
  if (retryTimer !== undefined || !stopCurrent) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void flushOutbox();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** Sends batches until the hub has every stored event, or something stops it. */
async function drain(sessionId: string): Promise<Result> {
  for (;;) {
    const record = await loadSync(sessionId);
    if (!record || record.state === 'refused') return 'done';
    const batch = await loadUnsent(sessionId, record.stored, BATCH_SIZE);
    if (!batch) return 'done';
    const first = batch.events[0];
    if (!first) {
      if (record.state !== 'synced') await setState(sessionId, { state: 'synced' });
      return 'done';
    }
    if (record.state !== 'sending') await setState(sessionId, { state: 'sending' });
    const last = batch.events[batch.events.length - 1]!;
    try {
      const answer = await uploadEvents(record.deviceToken, sessionId, batch.header, batch.events);
      if (answer.stored < first.seq) {
        // A success that took nothing: do not spin on it, try again later.
        await setState(sessionId, { state: 'local', stored: answer.stored });
        return 'retry';
      }
      retryDelay = RETRY_FIRST_MS;
      const done = answer.stored >= last.seq && last.seq >= batch.lastSeq;
      await setState(sessionId, { state: done ? 'synced' : 'sending', stored: answer.stored });
    } catch (error) {
      return failed(record, error);
    }
  }
}

/** Records why an upload failed; only network trouble, 5xx, 408 and 429 are retried. */
async function failed(record: SyncRecord, error: unknown): Promise<Result> {
  if (!(error instanceof HubError)) throw error;
  const { status } = error;
  if (status === 0 || status >= 500 || status === 408 || status === 429) {
    await setState(record.sessionId, { state: 'local' });
    return 'retry';
  }
  if (status === 401) {
    await setState(record.sessionId, { state: 'refused', reason: CLASS_CLOSED });
    await endClosedClass(record.deviceToken);
    changed();
    return 'done';
  }
  const seq = typeof error.body.seq === 'number' ? error.body.seq : undefined;
  await setState(record.sessionId, {
    state: 'refused',
    reason: error.message,
    ...(seq !== undefined && { refusedSeq: seq, stored: Math.max(record.stored, seq - 1) }),
  });
  return 'done';
}

async function setState(
  sessionId: string,
  patch: Partial<Pick<SyncRecord, 'state' | 'stored' | 'reason' | 'refusedSeq'>>,
): Promise<void> {
  await updateSync(sessionId, (record) => {
    const next = { ...record, ...patch };
    if (next.state !== 'refused') {
      delete next.reason;
      delete next.refusedSeq;
    }
    return next;
  });
  changed();
}
