/**
 * The player's and editor's client of the class hub's HTTP API (`/api/v1`,
 * documented in `hub/README.md`). The hub serves the apps, so it is always
 * this page's own origin. Errors become {@link HubError}s carrying the hub's
 * one-line message, so screens can show it as it is.
 */
import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';

/** The API's root on this origin. */
export const API_ROOT = '/api/v1';

/** An answer from the hub that was not a success, or no answer at all. */
export class HubError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the hub could not be reached. */
    readonly status: number,
    /** The whole error body, for routes that add fields (`seq`, `diagnostics`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }

  /** True when the request never got an answer (offline, hub down). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface HubAccount {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'instructor';
  createdAt: string;
}

export interface HubScenarioVersion {
  id: string;
  version: string;
  digest: string;
  title: string;
  publishedAt: string;
  publishedBy: string;
}

export interface HubClass {
  id: string;
  name: string;
  mode: DecisionLog['mode'];
  code: string;
  open: boolean;
  createdAt: string;
  closedAt: string | null;
  scenarios: { id: string; version: string; digest: string; title: string }[];
  deviceCount: number;
  devices?: HubDevice[];
}

export interface HubDevice {
  id: string;
  traineeId: string;
  joinedAt: string;
  revoked: boolean;
}

export interface HubLogSummary {
  sessionId: string;
  classId: string;
  className: string;
  traineeId: string;
  scenarioId: string;
  scenarioVersion: string;
  scenarioDigest: string;
  scenarioTitle: string;
  mode: DecisionLog['mode'];
  startedAt: string;
  events: number;
  lastSeq: number;
  complete: boolean;
  outcome?: NonNullable<LogEvent['outcome']>;
  updatedAt: string;
}

export interface HubNote {
  id: string;
  seq?: number;
  author: string;
  text: string;
  createdAt: string;
}

/** What `/device/logs/:sessionId/events` needs besides the events. */
export type LogHeader = Omit<DecisionLog, 'events' | 'annotations'>;

let csrfToken: string | undefined;

/** Remembers the CSRF token the hub handed out with the instructor's session. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  /** A device token; without it the instructor's cookie (and CSRF token) is used. */
  deviceToken?: string;
  signal?: AbortSignal;
}

/**
 * One request to the hub. Resolves with the parsed JSON answer (undefined for
 * 204); rejects with a {@link HubError} for any other status or no answer.
 */
export async function hubRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.deviceToken) headers.authorization = `Bearer ${options.deviceToken}`;
  else if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_ROOT + path, {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new HubError('The hub could not be reached.', 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const message =
      typeof fields.message === 'string' && fields.message
        ? fields.message
        : `The hub answered ${response.status} ${response.statusText}.`;
    throw new HubError(message, response.status, fields);
  }
  return body as T;
}

/** Whether this page was served by a hub (the player also runs without one). */
export async function hubHealth(): Promise<
  { ok: boolean; database: string; version: string } | undefined
> {
  try {
    return await hubRequest('/health');
  } catch {
    return undefined;
  }
}

/** The scenario documents a joined device's class is assigned. */
export function deviceScenarios(deviceToken: string): Promise<{ scenarios: Scenario[] }> {
  return hubRequest('/device/scenarios', { deviceToken });
}
