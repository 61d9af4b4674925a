import { useCallback, useEffect, useState } from 'react';
import type { HubAccount } from '../api';
import { currentAccount, needsFirstAdmin, signOut } from '../session';
import { ErrorNotice } from './ErrorNotice';
import { FirstAdminForm } from './FirstAdminForm';
import { isSessionEnded } from './hub-errors';
import { HubShell } from './HubShell';
import { SignInForm } from './SignInForm';

/** Where the hub area stands with the person at the screen. */
type Gate =
  | { state: 'checking' }
  | { state: 'unreachable'; error: unknown }
  | { state: 'first-admin' }
  | { state: 'sign-in'; notice?: string }
  | { state: 'signed-in'; account: HubAccount };

async function whoIsThere(): Promise<Gate> {
  const account = await currentAccount();
  if (account) return { state: 'signed-in', account };
  return (await needsFirstAdmin()) ? { state: 'first-admin' } : { state: 'sign-in' };
}

/**
 * The instructor's area of the class hub (`#/hub/...`): the first admin on a
 * fresh hub, sign-in, then classes, accounts and the admin's settings.
 */
export function HubArea() {
  const [gate, setGate] = useState<Gate>({ state: 'checking' });
  const [signOutError, setSignOutError] = useState<unknown>();

  const check = useCallback(() => {
    setGate({ state: 'checking' });
    whoIsThere().then(setGate, (error: unknown) => setGate({ state: 'unreachable', error }));
  }, []);
  useEffect(check, [check]);

  const signedIn = useCallback((account: HubAccount) => {
    setSignOutError(undefined);
    setGate({ state: 'signed-in', account });
  }, []);
  const sessionEnded = useCallback(
    () =>
      setGate({ state: 'sign-in', notice: 'Your session on the hub has ended. Sign in again.' }),
    [],
  );

  async function leave() {
    setSignOutError(undefined);
    try {
      await signOut();
    } catch (e) {
      // Already signed out on the hub (401) is what was asked for; anything else is not.
      if (!isSessionEnded(e)) return setSignOutError(e);
    }
    setGate({ state: 'sign-in', notice: 'You have signed out.' });
  }

  switch (gate.state) {
    case 'checking':
      return <p className="hint">Connecting to the class hub…</p>;
    case 'unreachable':
      return (
        <ErrorNotice title="The class hub did not answer." error={gate.error} onRetry={check} />
      );
    case 'first-admin':
      return (
        <FirstAdminForm
          onCreated={signedIn}
          onAlreadySetUp={() =>
            setGate({
              state: 'sign-in',
              notice: 'This hub already has an admin. Sign in with an account they gave you.',
            })
          }
        />
      );
    case 'sign-in':
      return <SignInForm onSignedIn={signedIn} notice={gate.notice} />;
    case 'signed-in':
      return (
        <HubShell
          account={gate.account}
          sessionEnded={sessionEnded}
          onSignOut={() => void leave()}
          signOutError={signOutError}
        />
      );
  }
}
