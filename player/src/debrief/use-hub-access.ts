import { useCallback, useEffect, useState } from 'react';
import { hubHealth, HubError, type HubAccount } from '../hub/api';
import { currentAccount, signIn } from '../hub/session';

/** Whether this page has a hub behind it and who is signed in to it. */
export type HubAccess =
  | { kind: 'checking' }
  /** The player runs without a hub (a file, a plain static server): the debrief is local only. */
  | { kind: 'absent' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; account: HubAccount }
  | { kind: 'error'; message: string };

/**
 * Asks the hub whether it is there and who is signed in, once per mount, and
 * signs in on request. A sign-in that fails rejects with the hub's own message.
 */
export function useHubAccess(): {
  access: HubAccess;
  signIn: (email: string, password: string) => Promise<void>;
} {
  const [access, setAccess] = useState<HubAccess>({ kind: 'checking' });

  useEffect(() => {
    let live = true;
    void (async () => {
      const health = await hubHealth();
      if (!health?.ok) return live && setAccess({ kind: 'absent' });
      try {
        const account = await currentAccount();
        if (live) setAccess(account ? { kind: 'signed-in', account } : { kind: 'signed-out' });
      } catch (e) {
        if (live)
          setAccess({ kind: 'error', message: e instanceof HubError ? e.message : String(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const enter = useCallback(async (email: string, password: string) => {
    const account = await signIn(email, password);
    setAccess({ kind: 'signed-in', account });
  }, []);

  return { access, signIn: enter };
}
