import { vi } from 'vitest';
import type { HubAccount, HubClass, HubDevice, HubScenarioVersion } from '../../src/hub/api';
import { setCsrfToken } from '../../src/hub/api';

/** One request the app sent to the fake hub. */
export interface HubCall {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** What a route answers: a status and a JSON body, or a function of the request. */
export type HubAnswer = { status: number; body?: unknown } | ((call: HubCall) => HubAnswer);

/**
 * Replaces `fetch` with a hub that answers from a table keyed by
 * `"METHOD /path"` (the path after `/api/v1`). Unknown routes answer 404 the
 * way Fastify does. Tests change `routes` as the hub's state changes.
 */
export function fakeHub(routes: Record<string, HubAnswer>): {
  routes: Record<string, HubAnswer>;
  calls: HubCall[];
  sent: (method: string, path: string) => HubCall[];
} {
  const calls: HubCall[] = [];
  setCsrfToken(undefined);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = String(input).replace(/^\/api\/v1/, '');
      const call: HubCall = {
        method: init.method ?? 'GET',
        path,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        headers: (init.headers ?? {}) as Record<string, string>,
      };
      calls.push(call);
      let answer: HubAnswer = routes[`${call.method} ${path}`] ?? {
        status: 404,
        body: {
          statusCode: 404,
          error: 'Not Found',
          message: `Route ${call.method}:${path} not found`,
        },
      };
      while (typeof answer === 'function') answer = answer(call);
      return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return {
    routes,
    calls,
    sent: (method, path) => calls.filter((c) => c.method === method && c.path === path),
  };
}

/** An admin account as the hub answers it. */
export function fakeAccount(overrides: Partial<HubAccount> = {}): HubAccount {
  return {
    id: 'acc-1',
    email: 'sgt.okafor@academy.example',
    name: 'Sgt. Okafor',
    role: 'admin',
    createdAt: '2026-03-02T08:00:00.000Z',
    ...overrides,
  };
}

/** The routes of a hub where `account` is signed in. */
export function signedInAs(account: HubAccount): Record<string, HubAnswer> {
  return {
    'GET /auth/me': { status: 200, body: { account, csrfToken: 'csrf-123' } },
    'POST /auth/logout': { status: 204 },
    'GET /classes': { status: 200, body: { classes: [] } },
  };
}

/** The routes of a hub where nobody is signed in; `fresh` when it has no admin yet. */
export function signedOut(fresh: boolean): Record<string, HubAnswer> {
  return {
    'GET /auth/me': {
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Sign in first.' },
    },
    'GET /setup': { status: 200, body: { needsAdmin: fresh } },
    'GET /classes': { status: 200, body: { classes: [] } },
  };
}

/** Two published scenario versions, newest first. */
export function fakeScenarioVersions(): HubScenarioVersion[] {
  return [
    {
      id: 'library-agitated-patron',
      version: '1.2.0',
      digest: 'sha256-library-120',
      title: 'An agitated patron in the library',
      publishedAt: '2026-03-01T10:00:00.000Z',
      publishedBy: 'Sgt. Okafor',
    },
    {
      id: 'welfare-check',
      version: '1.0.0',
      digest: 'sha256-welfare-100',
      title: 'A welfare check on the front steps',
      publishedAt: '2026-02-20T10:00:00.000Z',
      publishedBy: 'Sgt. Okafor',
    },
  ];
}

/** An open class with its join code. */
export function fakeClass(overrides: Partial<HubClass> = {}): HubClass {
  return {
    id: 'class-1',
    name: 'Patrol course, week 3',
    mode: 'training',
    code: 'KX7P2M',
    open: true,
    createdAt: '2026-03-03T09:00:00.000Z',
    closedAt: null,
    scenarios: [
      {
        id: 'library-agitated-patron',
        version: '1.2.0',
        digest: 'sha256-library-120',
        title: 'An agitated patron in the library',
      },
    ],
    deviceCount: 0,
    ...overrides,
  };
}

/** A tablet that joined a class. */
export function fakeDevice(traineeId: string, joinedAt: string): HubDevice {
  return { id: `dev-${traineeId}`, traineeId, joinedAt, revoked: false };
}

/** Goes to a hash the way a link does, and tells the router. */
export function goTo(hash: string): void {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
