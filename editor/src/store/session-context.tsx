/** React access to the editing session (local scenarios, autosave status). */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Session, SessionState } from '../session';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session of the surrounding provider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it.');
  return session;
}

/** A slice of the session state. */
export function useSessionState<T>(selector: (state: SessionState) => T): T {
  return useStore(useSession().state, selector);
}
