import { useCallback, useEffect, useRef, useState } from 'react';
import { HubError, hubHealth } from '../hub/api';
import { fetchDevice } from '../hub/device';
import { downloadClassScenarios } from '../hub/join';
import { onOutboxChange } from '../hub/outbox';
import {
  clearClosedNotice,
  clearMembership,
  endClosedClass,
  loadClassScenarios,
  loadClosedNotice,
  loadMembership,
  type Membership,
} from '../storage/membership';
import { classListing, type ClassListing } from './class-listing';

/** The home screen's view of the class: what is stored, and whether a hub served the page. */
export interface ClassView {
  /** True once the hub answered `/health`: only then is "Join a class" offered. */
  hubServed: boolean;
  membership: Membership | undefined;
  /** The class's scenarios as stored on this device (undefined before the first download). */
  scenarios: ClassListing[] | undefined;
  /** The name of a class the hub has closed, until the trainee dismisses the note. */
  closedClass: string | undefined;
  leave: () => Promise<void>;
  dismissClosed: () => Promise<void>;
}

/**
 * Reads the joined class from the device first, so the class and its
 * scenarios show without a network; then asks the hub whether the class is
 * still open (401: closed) and refreshes the scenarios when it can.
 */
export function useClass(): ClassView {
  const [hubServed, setHubServed] = useState(false);
  const [membership, setMembership] = useState<Membership>();
  const [scenarios, setScenarios] = useState<ClassListing[]>();
  const [closedClass, setClosedClass] = useState<string>();
  // Answers can come after the home screen is gone; they must not touch it then.
  const mounted = useRef(false);

  const reload = useCallback(async () => {
    const [current, closed] = await Promise.all([loadMembership(), loadClosedNotice()]);
    const stored = current && (await loadClassScenarios(current.class.id));
    if (!mounted.current) return current;
    setMembership(current);
    setClosedClass(closed);
    setScenarios(stored?.scenarios.map((s) => classListing(s, stored.classId)));
    return current;
  }, []);

  useEffect(() => {
    mounted.current = true;
    const refresh = () => void reload().catch(() => undefined);
    const stop = onOutboxChange(refresh);
    void (async () => {
      const current = await reload();
      const health = await hubHealth();
      if (!mounted.current) return;
      setHubServed(health?.ok === true);
      if (current && (await checkWithHub(current))) refresh();
    })().catch(() => undefined);
    return () => {
      mounted.current = false;
      stop();
    };
  }, [reload]);

  const leave = useCallback(async () => {
    await clearMembership();
    await reload();
  }, [reload]);

  const dismissClosed = useCallback(async () => {
    await clearClosedNotice();
    await reload();
  }, [reload]);

  return { hubServed, membership, scenarios, closedClass, leave, dismissClosed };
}

/**
 * Asks the hub about the class; resolves true when something stored changed
 * (the class was closed, or its scenarios were downloaded again). No answer
 * changes nothing: the tablet drills offline with what it has.
 */
async function checkWithHub(membership: Membership): Promise<boolean> {
  try {
    await fetchDevice(membership.token);
    await downloadClassScenarios(membership);
    return true;
  } catch (error) {
    if (error instanceof HubError && error.status === 401) {
      return endClosedClass(membership.token);
    }
    return false;
  }
}
