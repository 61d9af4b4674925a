/**
 * A hub behind a mocked `fetch`, for component tests: each route answers
 * from a table the test fills in, and every request is recorded.
 */
import { vi } from 'vitest';

/** One request the editor made. */
export interface HubCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a route answers: a status and a JSON body (or a thrown network error). */
export type HubAnswer = { status: number; body?: unknown } | 'unreachable';

export type HubRoutes = Record<string, HubAnswer | ((call: HubCall) => HubAnswer)>;

export const INSTRUCTOR = {
  id: 'a1',
  email: 'sam.ortiz@academy.example',
  name: 'Sam Ortiz',
  role: 'instructor' as const,
  createdAt: '2025-01-10T09:00:00Z',
};

/** The routes of a hub where Sam Ortiz is signed in. */
export function signedInRoutes(): HubRoutes {
  return {
    'GET /api/v1/health': { status: 200, body: { ok: true, database: 'pglite', version: '0.1.0' } },
    'GET /api/v1/auth/me': { status: 200, body: { account: INSTRUCTOR, csrfToken: 'csrf-1' } },
  };
}

/**
 * Replaces `fetch` with the hub of `routes` ("METHOD /path" keys); an
 * unknown route answers 404 as the hub does. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeHub(routes: HubRoutes): HubCall[] {
  const calls: HubCall[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    const call: HubCall = {
      method: init.method ?? 'GET',
      path: input,
      headers: { ...(init.headers as Record<string, string>) },
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (answer === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'));
    const { status, body } = answer ?? {
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'No such route.' },
    };
    return Promise.resolve(
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return calls;
}
