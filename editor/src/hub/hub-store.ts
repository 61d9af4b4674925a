/**
 * What the editor knows about the class hub that served it: whether there
 * is one, who is signed in, the sign-in request waiting for an answer, the
 * last publish result and the list of published versions. Passing state of
 * the window: never saved, never undone. The hub's own client (requests,
 * CSRF token, errors) is the player's, imported from `@defuse/player`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  currentAccount,
  hubHealth,
  hubRequest,
  HubError,
  type HubAccount,
  type HubScenarioVersion,
} from '@defuse/player';
import type { PublishOutcome } from './publish-outcome';

/** The published versions as the Library shows them. */
export type HubList =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; versions: HubScenarioVersion[] }
  | { status: 'failed'; message: string };

/** A sign-in the editor asked for, and what to do once it succeeds. */
export interface SignInRequest {
  /** Why it is asked, in the instructor's words ("to publish"). */
  reason: string;
  then: () => void;
}

export interface HubState {
  /** undefined while asking; false when the page was not served by a hub. */
  present?: boolean;
  /** The signed-in instructor; undefined when nobody is, or not yet asked. */
  account?: HubAccount;
  signIn?: SignInRequest;
  /** True while a scenario is on its way to the hub. */
  publishing: boolean;
  /** The last publish result that needs a dialog; undefined when closed. */
  outcome?: PublishOutcome;
  list: HubList;
  set(partial: Partial<Omit<HubState, 'set'>>): void;
}

export type HubStore = StoreApi<HubState>;

/** A fresh hub store; nothing is asked until {@link detectHub}. */
export function createHubStore(): HubStore {
  return createStore<HubState>()((set) => ({
    publishing: false,
    list: { status: 'idle' },
    set: (partial) => set(partial),
  }));
}

/** Asks `/health` whether a hub served this page, and remembers the answer. */
export async function detectHub(hub: HubStore): Promise<boolean> {
  const health = await hubHealth();
  // A static server answers any path with the page itself: not JSON, no `ok`.
  const present = health?.ok === true;
  hub.getState().set({ present });
  return present;
}

/**
 * Runs `then` with a signed-in instructor: at once when the hub knows the
 * session (which also hands this page the CSRF token every write needs),
 * otherwise after the sign-in dialog succeeds.
 */
export async function withAccount(hub: HubStore, reason: string, then: () => void): Promise<void> {
  if (await checkAccount(hub)) then();
  else hub.getState().set({ signIn: { reason, then } });
}

/**
 * Asks the hub who is signed in, without asking anybody to sign in, and
 * remembers the answer (and so the CSRF token).
 */
export async function checkAccount(hub: HubStore): Promise<HubAccount | undefined> {
  let account: HubAccount | undefined;
  try {
    account = await currentAccount();
  } catch (error) {
    // Unreachable or a server fault: the sign-in dialog says so when tried.
    if (!(error instanceof HubError)) throw error;
  }
  hub.getState().set({ account });
  return account;
}

/** Fetches every published version (newest first) into `list`. */
export async function loadHubList(hub: HubStore): Promise<void> {
  hub.getState().set({ list: { status: 'loading' } });
  try {
    const answer = await hubRequest<{ scenarios: HubScenarioVersion[] }>('/scenarios');
    hub.getState().set({ list: { status: 'ready', versions: answer.scenarios } });
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    if (error.status === 401) {
      hub.getState().set({ account: undefined, list: { status: 'idle' } });
      return;
    }
    hub.getState().set({ list: { status: 'failed', message: error.message } });
  }
}
