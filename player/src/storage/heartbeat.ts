import { openDefuseDb } from './db';

/** Notes that the drill was alive at this drill-clock time (ms since its start). */
export async function saveHeartbeat(sessionId: string, elapsedMs: number): Promise<void> {
  const db = await openDefuseDb();
  await db.put('heartbeats', Math.round(elapsedMs), sessionId);
}

/** The last drill-clock time the drill was seen alive, if any. */
export async function loadHeartbeat(sessionId: string): Promise<number | undefined> {
  const db = await openDefuseDb();
  const value = await db.get('heartbeats', sessionId);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Keeps the choice whose instructor branch waits for its pick (undefined clears it). */
export async function saveAwaiting(sessionId: string, leaving: string | undefined): Promise<void> {
  const db = await openDefuseDb();
  if (leaving === undefined) await db.delete('awaiting', sessionId);
  else await db.put('awaiting', leaving, sessionId);
}

/** The choice whose instructor branch was waiting when the drill was interrupted, if any. */
export async function loadAwaiting(sessionId: string): Promise<string | undefined> {
  const db = await openDefuseDb();
  const value = await db.get('awaiting', sessionId);
  return typeof value === 'string' ? value : undefined;
}
