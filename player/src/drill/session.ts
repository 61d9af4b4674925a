import { resumeDrill, startDrill, type Drill } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { activeDrill, registerDrill, type ActiveDrill } from './active';
import { claimDrill, releaseDrillOwner } from './drill-owner';
import { loadAwaiting, loadHeartbeat } from '../storage/heartbeat';
import { deviceKey, signHash, type DeviceKey } from '../storage/device-key';
import { createRecorder, loadLog, loadSession, type ClassLink } from '../storage/logs';
import type { DrillSettings } from '../storage/settings';

/** The drill clock: monotonic milliseconds. */
const clock = () => performance.now();

/** Trainee id recorded when none was entered. */
export const ANONYMOUS_TRAINEE = 'anonymous';

/**
 * Starts a drill. The recorder is the drill's `onEvent` hook, so the `start`
 * event is in IndexedDB before this resolves and every later event is stored
 * before the drill moves on. A class drill passes its `classLink`, stored with
 * the start event, so the outbox sends its log to the hub.
 */
export async function beginDrill(
  scenario: Scenario,
  settings: DrillSettings,
  classLink?: ClassLink,
): Promise<ActiveDrill> {
  const traineeId = settings.traineeId.trim() || ANONYMOUS_TRAINEE;
  const key = await deviceKey();
  const drill = await startDrill(scenario, {
    trainee: { id: traineeId },
    mode: settings.mode,
    instructor: settings.instructor,
    clock,
    ...(key && { deviceKey: key.publicJwk }),
    onEvent: createRecorder(scenario, settings.instructor, undefined, classLink, signer(key)),
  });
  const entry: ActiveDrill = {
    sessionId: drill.log().sessionId,
    drill,
    scenario,
    mode: settings.mode,
    instructor: settings.instructor,
  };
  // This tab owns the new drill from its first event, so no other tab resumes it under it.
  await claimDrill(entry.sessionId);
  registerDrill(entry);
  return entry;
}

/** The recorder's signer for a device key (none where the device has no key). */
function signer(key: DeviceKey | undefined): ((hash: string) => Promise<string>) | undefined {
  return key && ((hash) => signHash(key.privateKey, hash));
}

function sameKey(a: DeviceKey['publicJwk'] | undefined, b: DeviceKey['publicJwk']): boolean {
  return a !== undefined && a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
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
export async function resumeStoredDrill(sessionId: string, takeOver = false): Promise<ActiveDrill> {
  const running = activeDrill(sessionId);
  if (running) return running;
  // Before reading the log: a tab that owned it may still be writing (see drill-owner.ts).
  await claimDrill(sessionId, { takeOver });
  const record = await loadSession(sessionId);
  const log = await loadLog(sessionId);
  if (!record || !log) throw new ResumeError('This drill is no longer stored on this device.');
  if (record.lastEvent.type === 'end') throw new ResumeError('This drill has already ended.');
  const key = await deviceKey();
  // Only a log this device's key began is signed on: its header names the key that must sign
  // every event, and an older unsigned log stays unsigned rather than half-signed.
  const ownKey = key && sameKey(log.deviceKey, key.publicJwk) ? key : undefined;
  const interruptedAt = await loadHeartbeat(sessionId);
  const awaiting = await loadAwaiting(sessionId);
  let drill: Drill;
  try {
    drill = await resumeDrill(record.scenario, log, {
      clock,
      instructor: record.instructor,
      ...(interruptedAt !== undefined && { interruptedAt }),
      ...(awaiting !== undefined && { awaiting }),
      onEvent: createRecorder(
        record.scenario,
        record.instructor,
        record,
        undefined,
        signer(ownKey),
      ),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void releaseDrillOwner(sessionId);
    throw new ResumeError(`This drill cannot be resumed: ${reason}`);
  }
  const entry: ActiveDrill = {
    sessionId,
    drill,
    scenario: record.scenario,
    mode: log.mode,
    instructor: record.instructor,
  };
  registerDrill(entry);
  return entry;
}

export { activeDrill, activeSessionIds, releaseDrill, type ActiveDrill } from './active';
