/**
 * Signing in to the hub, asked for when publishing or listing needs an
 * instructor. A refusal (wrong password, too many tries) shows the hub's
 * own message and keeps what was typed.
 */
import { useId, useState, type FormEvent } from 'react';
import { HubError, signIn } from '@defuse/player';
import { Dialog } from '../components/Dialog';
import { useHub, useHubStore } from './hub-context';

export function SignInDialog() {
  const hub = useHubStore();
  const request = useHub((s) => s.signIn);
  if (!request) return null;
  // Keyed by the request, so a new request starts with a clean form.
  return (
    <SignInForm
      key={request.reason}
      reason={request.reason}
      onClose={() => hub.getState().set({ signIn: undefined })}
    />
  );
}

function SignInForm({ reason, onClose }: { reason: string; onClose: () => void }) {
  const hub = useHubStore();
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    try {
      const account = await signIn(email.trim(), password);
      const then = hub.getState().signIn?.then;
      hub.getState().set({ account, signIn: undefined });
      then?.();
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      setRefusal(error.message);
      setBusy(false);
    }
  };

  return (
    <Dialog title="Sign in to the hub" onClose={onClose}>
      <form className="sign-in" onSubmit={(e) => void submit(e)}>
        <p>Sign in with your instructor account {reason}.</p>
        <div className="field">
          <label htmlFor={emailId}>Email</label>
          <input
            id={emailId}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            id={passwordId}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {refusal && (
          <p className="refusal" role="alert">
            {refusal}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
