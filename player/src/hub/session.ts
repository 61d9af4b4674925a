/**
 * The instructor's session on the hub: sign in, find out who is signed in,
 * sign out. The session itself is an httpOnly cookie the page never sees;
 * what the page keeps is the CSRF token every write must carry.
 */
import { hubRequest, HubError, setCsrfToken, type HubAccount } from './api';

interface SessionAnswer {
  account: HubAccount;
  csrfToken: string;
}

/** Signs in with e-mail and password; rejects with the hub's message (401, 429). */
export async function signIn(email: string, password: string): Promise<HubAccount> {
  const answer = await hubRequest<SessionAnswer>('/auth/login', { body: { email, password } });
  setCsrfToken(answer.csrfToken);
  return answer.account;
}

/** Creates the first admin of a fresh hub and signs in as them. */
export async function createFirstAdmin(
  email: string,
  name: string,
  password: string,
): Promise<HubAccount> {
  const answer = await hubRequest<SessionAnswer>('/setup', { body: { email, name, password } });
  setCsrfToken(answer.csrfToken);
  return answer.account;
}

/** Whether the hub still waits for its first admin. */
export async function needsFirstAdmin(): Promise<boolean> {
  const answer = await hubRequest<{ needsAdmin: boolean }>('/setup');
  return answer.needsAdmin;
}

/** The signed-in instructor, or undefined when nobody is (401). */
export async function currentAccount(): Promise<HubAccount | undefined> {
  try {
    const answer = await hubRequest<SessionAnswer>('/auth/me');
    setCsrfToken(answer.csrfToken);
    return answer.account;
  } catch (error) {
    if (error instanceof HubError && error.status === 401) return undefined;
    throw error;
  }
}

/** Ends the instructor's session on the hub. */
export async function signOut(): Promise<void> {
  await hubRequest<void>('/auth/logout', { method: 'POST' });
  setCsrfToken(undefined);
}
