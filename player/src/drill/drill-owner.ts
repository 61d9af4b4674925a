/**
 * One owner per drill. Two tabs that both record one drill write events with
 * the same numbers, and the second write of each fails ("already recorded")
 * for good. So a tab records a drill only while it holds the drill's lock:
 * the Web Locks API where the browser has it (released by the browser when
 * the tab closes or crashes), else a BroadcastChannel roll call between tabs
 * of this site. Another tab may take a drill over; the tab that had it is
 * told, stops the drill and says so.
 */
import { useEffect, useState } from 'react';
import { releaseDrill } from './active';

/** Raised when a drill is being recorded in another tab or window. */
export class DrillOpenElsewhereError extends Error {
  override name = 'DrillOpenElsewhereError';
  constructor(readonly sessionId: string) {
    super('This drill is open in another tab or window.');
  }
}

const PREFIX = 'defuse-drill:';
/** How long a tab waits for another to say it owns a drill, in the fallback. */
const ROLL_CALL_MS = 150;

/** Drills this tab owns, each with the way to let go of it (resolved once it is free). */
const held = new Map<string, () => Promise<void>>();
const takenOver = new Set<string>();
const listeners = new Set<(sessionId: string) => void>();

/**
 * Makes this tab the drill's owner. Resolves at once when it already is.
 * Rejects with {@link DrillOpenElsewhereError} when another tab owns it,
 * unless `takeOver`, which takes it from that tab.
 */
export async function claimDrill(
  sessionId: string,
  options: { takeOver?: boolean } = {},
): Promise<void> {
  if (held.has(sessionId)) return;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const got = locks
    ? await lockWith(locks, sessionId, options.takeOver === true)
    : await rollCall(sessionId, options.takeOver === true);
  if (!got) throw new DrillOpenElsewhereError(sessionId);
  takenOver.delete(sessionId);
}

/** Gives the drill up; resolves once another tab may own it. */
export async function releaseDrillOwner(sessionId: string): Promise<void> {
  const release = held.get(sessionId);
  held.delete(sessionId);
  await release?.();
}

/** Calls `listener` with a drill's session id when another tab takes it over. */
export function onDrillTakenOver(listener: (sessionId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once another tab took this drill over, until this tab claims it again. */
export function wasTakenOver(sessionId: string): boolean {
  return takenOver.has(sessionId);
}

/**
 * Whether another tab took this drill from this one (the screen then stops
 * the drill), and `clear` for when this tab has taken it back.
 */
export function useDrillTakenOver(sessionId: string): { lost: boolean; clear: () => void } {
  const [lost, setLost] = useState(() => wasTakenOver(sessionId));
  useEffect(() => {
    setLost(wasTakenOver(sessionId));
    return onDrillTakenOver((id) => {
      if (id === sessionId) setLost(true);
    });
  }, [sessionId]);
  return { lost, clear: () => setLost(false) };
}

function lose(sessionId: string): void {
  if (!held.delete(sessionId)) return;
  takenOver.add(sessionId);
  // This tab must not record another event: the drill is forgotten here.
  releaseDrill(sessionId);
  for (const listener of listeners) listener(sessionId);
}

/** Takes the drill's Web Lock and keeps it until released here, or stolen by another tab. */
function lockWith(locks: LockManager, sessionId: string, steal: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let letGo: () => void = () => {};
    const holding = new Promise<void>((done) => (letGo = done));
    const request: Promise<unknown> = locks.request(
      PREFIX + sessionId,
      steal ? { steal: true } : { ifAvailable: true },
      (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        held.set(sessionId, () => {
          letGo();
          return request.then(
            () => undefined,
            () => undefined,
          );
        });
        resolve(true);
        return holding;
      },
    );
    // A stolen lock rejects the request of the tab that held it.
    request.catch(() => lose(sessionId));
  });
}

interface RollCallMessage {
  kind: 'who-owns' | 'i-own' | 'taken-over';
  sessionId: string;
}

let channel: BroadcastChannel | undefined;

function rollCallChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  if (!channel) {
    channel = new BroadcastChannel('defuse-drill-owner');
    // Outside a browser (Node runs the tests) an open channel would keep the process alive.
    (channel as { unref?: () => void }).unref?.();
    channel.onmessage = (event: MessageEvent<RollCallMessage>) => {
      const { kind, sessionId } = event.data;
      if (!held.has(sessionId)) return;
      if (kind === 'who-owns') channel?.postMessage({ kind: 'i-own', sessionId });
      if (kind === 'taken-over') lose(sessionId);
    };
  }
  return channel;
}

/**
 * Without Web Locks: asks the other tabs whether one owns the drill. A tab
 * that crashed cannot answer, so its drill is free, as with a lock.
 */
async function rollCall(sessionId: string, takeOver: boolean): Promise<boolean> {
  const bus = rollCallChannel();
  if (!bus) {
    // No way to reach other tabs at all: this tab is taken to be the only one.
    held.set(sessionId, () => Promise.resolve());
    return true;
  }
  if (takeOver) {
    bus.postMessage({ kind: 'taken-over', sessionId });
  } else {
    const answered = await new Promise<boolean>((resolve) => {
      const other = new BroadcastChannel('defuse-drill-owner');
      const timer = setTimeout(() => finish(false), ROLL_CALL_MS);
      function finish(owned: boolean) {
        clearTimeout(timer);
        other.close();
        resolve(owned);
      }
      other.onmessage = (event: MessageEvent<RollCallMessage>) => {
        if (event.data.kind === 'i-own' && event.data.sessionId === sessionId) finish(true);
      };
      other.postMessage({ kind: 'who-owns', sessionId });
    });
    if (answered) return false;
  }
  held.set(sessionId, () => Promise.resolve());
  return true;
}
