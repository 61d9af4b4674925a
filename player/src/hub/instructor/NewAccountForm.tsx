import { useState, type FormEvent } from 'react';
import type { HubAccount } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { createAccount } from './instructor-api';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords';
import { useHubAction } from './use-hub-action';

const ROLES: { role: HubAccount['role']; label: string }[] = [
  { role: 'instructor', label: 'Instructor' },
  { role: 'admin', label: 'Admin' },
];

interface Problems {
  email?: string;
  name?: string;
  password?: string;
}

/** Adds an instructor or admin account; the admin hands the password over in person. */
export function NewAccountForm({ onCreated }: { onCreated: (account: HubAccount) => void }) {
  const { run, busy, error } = useHubAction();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<HubAccount['role']>('instructor');
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<HubAccount>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      email: email.includes('@') ? undefined : 'Enter an e-mail address, such as name@academy.org.',
      name: name.trim() ? undefined : 'Enter their name.',
      password: passwordProblem(password),
    };
    setProblems(found);
    setCreated(undefined);
    if (Object.values(found).some(Boolean)) return;
    const account = await run(() =>
      createAccount({ email: email.trim(), name: name.trim(), password, role }),
    );
    if (!account) return;
    setCreated(account);
    setEmail('');
    setName('');
    setPassword('');
    setRole('instructor');
    onCreated(account);
  }

  return (
    <section className="panel hub-new-account" aria-labelledby="hub-new-account-title">
      <h2 id="hub-new-account-title">New account</h2>
      {error !== undefined && <ErrorNotice title="The account was not created." error={error} />}
      {created && (
        <div className="notice success">
          <p>
            {created.name} can now sign in as {created.email}.
          </p>
        </div>
      )}
      <form className="hub-form hub-form-grid" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label="E-mail"
          type="email"
          autoComplete="off"
          value={email}
          onValueChange={setEmail}
          problem={problems.email}
        />
        <Field
          label="Name"
          type="text"
          autoComplete="off"
          value={name}
          onValueChange={setName}
          problem={problems.name}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person.`}
          value={password}
          onValueChange={setPassword}
          problem={problems.password}
        />
        <fieldset className="segmented hub-segmented">
          <legend>Role</legend>
          {ROLES.map((r) => (
            <label key={r.role}>
              <input
                type="radio"
                name="role"
                value={r.role}
                checked={role === r.role}
                onChange={() => setRole(r.role)}
              />
              <span>{r.label}</span>
            </label>
          ))}
        </fieldset>
        <div className="card-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create account'}
          </button>
        </div>
      </form>
    </section>
  );
}
