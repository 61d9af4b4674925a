import { useState, type FormEvent } from 'react';
import type { HubAccount } from '../api';
import { signIn } from '../session';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  onSignedIn: (account: HubAccount) => void;
  /** Why the form is shown again ("You have signed out."), if there is a reason to say. */
  notice?: string;
}

/** The instructor's sign-in. A refusal shows the hub's own words (wrong password, too many attempts). */
export function SignInForm({ onSignedIn, notice }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const incomplete = !email.trim() || !password;
    setMissing(incomplete);
    if (incomplete) return;
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (e) {
      setError(e);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="panel hub-auth">
      <h1>Sign in to the class hub</h1>
      <p className="lede">Instructors and admins sign in to run classes.</p>
      {notice && (
        <div className="notice hub-info" role="status">
          <p>{notice}</p>
        </div>
      )}
      {error !== undefined && <ErrorNotice title="Sign-in did not work." error={error} />}
      <form className="hub-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onValueChange={setEmail}
          problem={missing && !email.trim() ? 'Enter your e-mail address.' : undefined}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
          problem={missing && !password ? 'Enter your password.' : undefined}
        />
        <div className="card-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </div>
  );
}
