import { resumeDrill, startDrill, type Drill } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { loadHeartbeat } from '../storage/heartbeat';
import { createRecorder, loadLog, loadSession } from '../storage/logs';
import type { DrillSettings } from '../storage/settings';

/** A drill running in this tab, with what the screen needs besides the engine's snapshot. */
export interface ActiveDrill {
  sessionId: string;
  drill: Drill;
  scenario: Scenario;
  mode: DrillSettings['mode'];
  instructor: DrillSettings['instructor'];
}

/** Drills running in this tab, by session id. Navigating away and back keeps them going. */
const active = new Map<string, ActiveDrill>();

/** The drill clock: monotonic milliseconds. */
const clock = () => performance.now();

/** Trainee id recorded when none was entered. */
export const ANONYMOUS_TRAINEE = 'anonymous';

/**
 * Starts a drill. The recorder is the drill's `onEvent` hook, so the `start`
 * event is in IndexedDB before this resolves and every later event is stored
 * before the drill moves on.
 */
export async function beginDrill(
  scenario: Scenario,
  settings: DrillSettings,
): Promise<ActiveDrill> {
  const traineeId = settings.traineeId.trim() || ANONYMOUS_TRAINEE;
  const drill = await startDrill(scenario, {
    trainee: { id: traineeId },
    mode: settings.mode,
    instructor: settings.instructor,
    clock,
    onEvent: createRecorder(scenario, settings.instructor),
  });
  const entry: ActiveDrill = {
    sessionId: drill.log().sessionId,
    drill,
    scenario,
    mode: settings.mode,
    instructor: settings.instructor,
  };
  active.set(entry.sessionId, entry);
  return entry;
}

/** Raised when a stored drill cannot be resumed; the message is for people. */
export class ResumeError extends Error {
  override name = 'ResumeError';
}

/**
 * Resumes an interrupted drill from its stored log, with the scenario copy
 * kept alongside it. The engine appends the `resume` event (stored before
 * this resolves) and restarts a running timer with the time it had left.
 */
export async function resumeStoredDrill(sessionId: string): Promise<ActiveDrill> {
  const running = active.get(sessionId);
  if (running) return running;
  const record = await loadSession(sessionId);
  const log = await loadLog(sessionId);
  if (!record || !log) throw new ResumeError('This drill is no longer stored on this device.');
  if (record.lastEvent.type === 'end') throw new ResumeError('This drill has already ended.');
  const interruptedAt = await loadHeartbeat(sessionId);
  let drill: Drill;
  try {
    drill = await resumeDrill(record.scenario, log, {
      clock,
      instructor: record.instructor,
      ...(interruptedAt !== undefined && { interruptedAt }),
      onEvent: createRecorder(record.scenario, record.instructor),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResumeError(`This drill cannot be resumed: ${reason}`);
  }
  const entry: ActiveDrill = {
    sessionId,
    drill,
    scenario: record.scenario,
    mode: log.mode,
    instructor: record.instructor,
  };
  active.set(sessionId, entry);
  return entry;
}

/** The drill running in this tab under that session id, if any. */
export function activeDrill(sessionId: string): ActiveDrill | undefined {
  return active.get(sessionId);
}

/** Session ids of the drills running in this tab. */
export function activeSessionIds(): string[] {
  return [...active.keys()];
}

/** Forgets a drill that reached its outcome (or whose log was deleted). */
export function releaseDrill(sessionId: string): void {
  active.delete(sessionId);
}
