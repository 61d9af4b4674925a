import { useId, useState, type FormEvent } from 'react';

interface Props {
  signIn: (email: string, password: string) => Promise<void>;
}

/** Sign-in to the class hub, for an instructor who wants the class's logs. */
export function HubSignIn({ signIn }: Props) {
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      // The hub's own words: wrong password, too many tries, hub not reachable.
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <form className="hub-sign-in" onSubmit={(e) => void submit(e)} aria-labelledby={`${emailId}-h`}>
      <h3 id={`${emailId}-h`}>Sign in to see the class’s logs</h3>
      <div className="hub-fields">
        <div className="field">
          <label htmlFor={emailId}>E-mail</label>
          <input
            id={emailId}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
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
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <button
          type="submit"
          className="button primary"
          disabled={busy || !email.trim() || !password}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
