import type { DecisionLog, Scenario } from '@defuse/schemas';
import { openDefuseDb } from './db';

/** This tablet's place in a class on the hub: the answer of `POST /join`, kept on the device. */
export interface Membership {
  token: string;
  device: { id: string; traineeId: string };
  class: { id: string; name: string; mode: DecisionLog['mode']; code: string };
  joinedAt: number;
}

/** The class's scenarios as last downloaded, for drilling without a network. */
export interface ClassScenarios {
  classId: string;
  fetchedAt: number;
  scenarios: Scenario[];
}

const MEMBERSHIP = 'hub-membership';
const CLASS_SCENARIOS = 'hub-class-scenarios';
const CLOSED_NOTICE = 'hub-class-closed';

/** The class this tablet has joined, if any (anything malformed counts as none). */
export async function loadMembership(): Promise<Membership | undefined> {
  const db = await openDefuseDb();
  const value = (await db.get('settings', MEMBERSHIP)) as Partial<Membership> | undefined;
  if (
    typeof value?.token !== 'string' ||
    typeof value.device?.traineeId !== 'string' ||
    typeof value.class?.id !== 'string' ||
    typeof value.class.name !== 'string'
  ) {
    return undefined;
  }
  return {
    token: value.token,
    device: value.device,
    class: { ...value.class, mode: value.class.mode === 'assessment' ? 'assessment' : 'training' },
    joinedAt: typeof value.joinedAt === 'number' ? value.joinedAt : 0,
  };
}

/** Remembers the class just joined; a new class replaces the old one and its scenarios. */
export async function saveMembership(membership: Membership): Promise<void> {
  const db = await openDefuseDb();
  const tx = db.transaction('settings', 'readwrite');
  await tx.store.put(membership, MEMBERSHIP);
  await tx.store.delete(CLASS_SCENARIOS);
  await tx.store.delete(CLOSED_NOTICE);
  await tx.done;
}

/**
 * Forgets the class and its downloaded scenarios. Logs and their sync records
 * stay: a drill recorded in the class is still sent to the hub.
 */
export async function clearMembership(): Promise<void> {
  const db = await openDefuseDb();
  const tx = db.transaction('settings', 'readwrite');
  await tx.store.delete(MEMBERSHIP);
  await tx.store.delete(CLASS_SCENARIOS);
  await tx.done;
}

/**
 * Forgets the class because the hub closed it (401 for its token), and leaves
 * a note for the home screen. Only if `token` is still the one in use: a
 * late answer about an older class must not throw the tablet out of a new one.
 */
export async function endClosedClass(token: string): Promise<boolean> {
  const db = await openDefuseDb();
  const tx = db.transaction('settings', 'readwrite');
  const current = (await tx.store.get(MEMBERSHIP)) as Partial<Membership> | undefined;
  const ended = current?.token === token;
  if (ended) {
    await tx.store.delete(MEMBERSHIP);
    await tx.store.delete(CLASS_SCENARIOS);
    await tx.store.put({ className: current.class?.name ?? '' }, CLOSED_NOTICE);
  }
  await tx.done;
  return ended;
}

/** The name of a class the hub closed since the note was last dismissed, if any. */
export async function loadClosedNotice(): Promise<string | undefined> {
  const db = await openDefuseDb();
  const value = (await db.get('settings', CLOSED_NOTICE)) as { className?: unknown } | undefined;
  return value && typeof value.className === 'string' ? value.className : undefined;
}

/** Dismisses the "class closed" note. */
export async function clearClosedNotice(): Promise<void> {
  const db = await openDefuseDb();
  await db.delete('settings', CLOSED_NOTICE);
}

/** Keeps the class's scenarios on the device (replacing the previous download). */
export async function saveClassScenarios(classId: string, scenarios: Scenario[]): Promise<void> {
  const db = await openDefuseDb();
  const record: ClassScenarios = { classId, fetchedAt: Date.now(), scenarios };
  await db.put('settings', record, CLASS_SCENARIOS);
}

/** The class's scenarios as last downloaded, or undefined if never (or for another class). */
export async function loadClassScenarios(classId: string): Promise<ClassScenarios | undefined> {
  const db = await openDefuseDb();
  const value = (await db.get('settings', CLASS_SCENARIOS)) as ClassScenarios | undefined;
  return value?.classId === classId && Array.isArray(value.scenarios) ? value : undefined;
}
