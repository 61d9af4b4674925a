import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HubError } from '../../src/hub/api';
import { HubArea } from '../../src/hub/instructor/HubArea';
import { hubErrorText } from '../../src/hub/instructor/hub-errors';
import { seriousViolations } from '../support';
import { fakeAccount, fakeHub, goTo, signedInAs, signedOut } from './instructor-fake-hub';

/** Typing whole forms with user-event takes seconds when the whole suite runs in parallel. */
const FLOW = { timeout: 20_000 };

beforeEach(() => goTo('#/hub'));
afterEach(() => vi.unstubAllGlobals());

describe('first visit of a fresh hub', FLOW, () => {
  it('asks for the first admin, checks the password, and signs them in', async () => {
    const admin = fakeAccount({ name: 'Lt. Reyes', email: 'reyes@academy.example' });
    const hub = fakeHub({
      ...signedOut(true),
      'POST /setup': { status: 201, body: { account: admin, csrfToken: 'csrf-setup' } },
      'POST /auth/logout': { status: 204 },
    });
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);

    await screen.findByRole('heading', { name: 'Set up the class hub', level: 1 });
    expect(await seriousViolations(document.body)).toEqual([]);
    await user.type(screen.getByLabelText('E-mail'), 'reyes@academy.example');
    await user.type(screen.getByLabelText('Name'), 'Lt. Reyes');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Password again'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect(screen.getByLabelText('Password')).toHaveProperty('ariaInvalid', 'true');
    expect(screen.getByText('The password needs at least 10 characters.')).toBeTruthy();
    expect(hub.sent('POST', '/setup')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'calm-voice-2026');
    await user.clear(screen.getByLabelText('Password again'));
    await user.type(screen.getByLabelText('Password again'), 'calm-voice-2025');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect(screen.getByText('The two passwords are not the same.')).toBeTruthy();
    expect(hub.sent('POST', '/setup')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Password again'));
    await user.type(screen.getByLabelText('Password again'), 'calm-voice-2026');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));

    await screen.findByRole('heading', { name: 'Classes', level: 1 });
    expect(hub.sent('POST', '/setup')[0]!.body).toEqual({
      email: 'reyes@academy.example',
      name: 'Lt. Reyes',
      password: 'calm-voice-2026',
    });
    expect(screen.getByText('Lt. Reyes')).toBeTruthy();

    // The CSRF token the hub handed out goes with the next write.
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
    expect(hub.sent('POST', '/auth/logout')[0]!.headers['x-csrf-token']).toBe('csrf-setup');
    expect(screen.getByRole('status').textContent).toBe('You have signed out.');
  });

  it('goes to sign-in when another admin was created meanwhile', async () => {
    fakeHub({
      ...signedOut(true),
      'POST /setup': {
        status: 409,
        body: { statusCode: 409, error: 'Conflict', message: 'This hub already has an admin.' },
      },
    });
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);
    await user.type(await screen.findByLabelText('E-mail'), 'reyes@academy.example');
    await user.type(screen.getByLabelText('Name'), 'Lt. Reyes');
    await user.type(screen.getByLabelText('Password'), 'calm-voice-2026');
    await user.type(screen.getByLabelText('Password again'), 'calm-voice-2026');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
    expect(screen.getByRole('status').textContent).toMatch(/already has an admin/);
  });
});

describe('sign-in', FLOW, () => {
  it('shows the hub’s message when the password is wrong, then when attempts are too many', async () => {
    const hub = fakeHub({
      ...signedOut(false),
      'POST /auth/login': {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password.' },
      },
    });
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);
    await user.type(await screen.findByLabelText('E-mail'), 'okafor@academy.example');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Sign-in did not work. Wrong e-mail or password.');
    expect(hub.sent('POST', '/auth/login')[0]!.body).toEqual({
      email: 'okafor@academy.example',
      password: 'not-the-password',
    });
    // The wrong password is cleared so the next try starts clean.
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');

    hub.routes['POST /auth/login'] = {
      status: 429,
      body: {
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many sign-in attempts. Try again in 1 minute.',
      },
    };
    await user.type(screen.getByLabelText('Password'), 'another-guess');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Sign-in did not work. Too many sign-in attempts. Try again in 1 minute.',
      ),
    );
  });

  it('signs in and shows the classes', async () => {
    const account = fakeAccount({ role: 'instructor', name: 'Officer Lind' });
    fakeHub({
      ...signedOut(false),
      'POST /auth/login': { status: 200, body: { account, csrfToken: 'csrf-login' } },
    });
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
    expect(await seriousViolations(document.body)).toEqual([]);
    await user.type(screen.getByLabelText('E-mail'), account.email);
    await user.type(screen.getByLabelText('Password'), 'calm-voice-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Classes', level: 1 });
    expect(screen.getByText('Officer Lind')).toBeTruthy();
  });

  it('says in words when the hub cannot be reached, and tries again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('fetch failed'))),
    );
    const user = userEvent.setup({ delay: null });
    render(<HubArea />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^The class hub did not answer\. The class hub could not be reached/,
    );
    expect(alert.textContent).not.toMatch(/TypeError|fetch failed|\n\s+at /);

    fakeHub(signedOut(false));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
  });

  it('returns to sign-in when the session ends while a page loads', async () => {
    fakeHub({
      ...signedInAs(fakeAccount()),
      'GET /classes': {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', message: 'Your session has expired.' },
      },
    });
    render(<HubArea />);
    await screen.findByRole('heading', { name: 'Sign in to the class hub' });
    expect(screen.getByRole('status').textContent).toMatch(/session on the hub has ended/);
  });
});

describe('roles', () => {
  it('does not offer Accounts or Admin to an instructor, nor show them by address', async () => {
    const hub = fakeHub(signedInAs(fakeAccount({ role: 'instructor', name: 'Officer Lind' })));
    render(<HubArea />);
    const nav = await screen.findByRole('navigation', { name: 'Class hub' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Classes']);

    goTo('#/hub/admin');
    await screen.findByRole('heading', { name: 'For admins only' });
    goTo('#/hub/accounts');
    await screen.findByRole('heading', { name: 'For admins only' });
    expect(hub.sent('GET', '/settings')).toHaveLength(0);
    expect(hub.sent('GET', '/accounts')).toHaveLength(0);
  });

  it('offers Classes, Accounts and Admin to an admin', async () => {
    fakeHub(signedInAs(fakeAccount()));
    render(<HubArea />);
    const nav = await screen.findByRole('navigation', { name: 'Class hub' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Classes', 'Accounts', 'Admin']);
  });
});

describe('hub errors in words', () => {
  it('keeps the hub’s message and hides the app’s own faults', () => {
    expect(hubErrorText(new HubError('Wrong e-mail or password.', 401))).toBe(
      'Wrong e-mail or password.',
    );
    const fault = new TypeError("Cannot read properties of undefined (reading 'map')");
    expect(hubErrorText(fault)).toBe(
      'Something went wrong in this page. Reload the page and try again.',
    );
  });
});
