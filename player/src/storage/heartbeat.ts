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
