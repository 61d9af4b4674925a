import { createContext, useContext } from 'react';
import type { HubAccount } from '../api';

/** The signed-in instructor, as the hub's pages see them. */
export interface HubSessionValue {
  account: HubAccount;
  /** Called when the hub answers 401: the session is over, so the sign-in form comes back. */
  sessionEnded: () => void;
}

/** Provided by the hub area once someone has signed in. */
export const HubSessionContext = createContext<HubSessionValue | null>(null);

/** The signed-in instructor; only valid inside the signed-in part of the hub area. */
export function useHubSession(): HubSessionValue {
  const value = useContext(HubSessionContext);
  if (!value) throw new Error('useHubSession is used outside the signed-in hub area.');
  return value;
}
