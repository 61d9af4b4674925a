import { useState, type FormEvent } from 'react';
import { HubError, type HubAccount } from '../api';
import { createFirstAdmin } from '../session';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords';

/** Props of {@link FirstAdminForm}. */
export interface FirstAdminFormProps {
  /** Called with the new admin, who is signed in by then. */
  onCreated: (account: HubAccount) => void;
  /** Called when another admin was created meanwhile (409), so signing in is what is left. */
  onAlreadySetUp: () => void;
}

interface Problems {
  email?: string;
  name?: string;
  password?: string;
  repeat?: string;
}

/** A fresh hub's first question: who its first admin is. */
export function FirstAdminForm({ onCreated, onAlreadySetUp }: FirstAdminFormProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      email: email.includes('@') ? undefined : 'Enter an e-mail address, such as name@academy.org.',
      name: name.trim() ? undefined : 'Enter the name colleagues know you by.',
      password: passwordProblem(password),
      repeat: repeat === password ? undefined : 'The two passwords are not the same.',
    };
    setProblems(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await createFirstAdmin(email.trim(), name.trim(), password));
    } catch (e) {
      if (e instanceof HubError && e.status === 409) return onAlreadySetUp();
      setError(e);
      setBusy(false);
    }
  }

  return (
    <div className="panel hub-auth">
      <h1>Set up the class hub</h1>
      <p className="lede">
        This hub has no accounts yet. Create the first admin: you can add instructors afterwards.
      </p>
      {error !== undefined && <ErrorNotice title="The admin was not created." error={error} />}
      <form className="hub-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onValueChange={setEmail}
          problem={problems.email}
        />
        <Field
          label="Name"
          type="text"
          autoComplete="name"
          value={name}
          onValueChange={setName}
          problem={problems.name}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={password}
          onValueChange={setPassword}
          problem={problems.password}
        />
        <Field
          label="Password again"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValueChange={setRepeat}
          problem={problems.repeat}
        />
        <div className="card-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create admin and sign in'}
          </button>
        </div>
      </form>
    </div>
  );
}
