import type { Drill } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import type { DrillSettings } from '../storage/settings';

/** A drill running in this tab, with what the screen needs besides the engine's snapshot. */
export interface ActiveDrill {
  sessionId: string;
  drill: Drill;
  scenario: Scenario;
  mode: DrillSettings['mode'];
  instructor: DrillSettings['instructor'];
}

/**
 * Drills running in this tab, by session id. Navigating away and back keeps
 * them going. Kept apart from the engine so the home screen can ask without
 * loading it.
 */
const active = new Map<string, ActiveDrill>();

/** Remembers a running drill. */
export function registerDrill(entry: ActiveDrill): void {
  active.set(entry.sessionId, entry);
}

/** The drill running in this tab under that session id, if any. */
export function activeDrill(sessionId: string): ActiveDrill | undefined {
  return active.get(sessionId);
}

/** Session ids of the drills running in this tab. */
export function activeSessionIds(): string[] {
  return [...active.keys()];
}

/** Forgets a drill (ended, or its log deleted). */
export function releaseDrill(sessionId: string): void {
  active.delete(sessionId);
}
