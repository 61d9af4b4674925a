import { vi } from 'vitest';
import type { Annotation, DecisionLog, Scenario } from '@defuse/schemas';
import type {
  HubAccount,
  HubClass,
  HubLogSummary,
  HubNote,
  HubScenarioVersion,
} from '../../src/hub/api';

/** One request the page sent to the fake hub. */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

interface StoredLog {
  log: DecisionLog;
  scenario: Scenario;
  classId: string;
  notes: HubNote[];
}

/** A class hub answering `fetch` as `hub/README.md` says, holding the logs given to it. */
export interface FakeHub {
  requests: SentRequest[];
  /** Requests to one path, e.g. `/logs`. */
  sent(path: string, method?: string): SentRequest[];
  addLog(log: DecisionLog, scenario: Scenario, classId?: string): void;
  account: HubAccount | undefined;
}

export const INSTRUCTOR: HubAccount = {
  id: 'acc-1',
  email: 'rosa@academy.test',
  name: 'Rosa Díaz',
  role: 'instructor',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const PASSWORD = 'correct horse battery';

export const CLASSES: HubClass[] = [
  {
    id: 'c-tue',
    name: 'Tuesday recruits',
    mode: 'training',
    code: 'TUE123',
    open: true,
    createdAt: '2026-11-22T08:00:00.000Z',
    closedAt: null,
    scenarios: [],
    deviceCount: 12,
  },
  {
    id: 'c-mon',
    name: 'Monday refresher',
    mode: 'training',
    code: 'MON123',
    open: false,
    createdAt: '2026-11-21T08:00:00.000Z',
    closedAt: '2026-11-21T17:00:00.000Z',
    scenarios: [],
    deviceCount: 8,
  },
];

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function summaryOf(stored: StoredLog): HubLogSummary {
  const { log, scenario, classId } = stored;
  const end = log.events.find((e) => e.type === 'end');
  return {
    sessionId: log.sessionId,
    classId,
    className: CLASSES.find((c) => c.id === classId)?.name ?? classId,
    traineeId: log.trainee.id,
    scenarioId: log.scenario.id,
    scenarioVersion: log.scenario.version,
    scenarioDigest: log.scenario.digest,
    scenarioTitle: scenario.title,
    mode: log.mode,
    startedAt: log.startedAt,
    events: log.events.length,
    lastSeq: log.events.at(-1)?.seq ?? 0,
    complete: !!end,
    ...(end?.outcome ? { outcome: end.outcome } : {}),
    updatedAt: log.startedAt,
  };
}

/**
 * Installs a fake hub as `fetch`. `versions` are the published scenario
 * versions (`GET /scenarios`); their documents are served by id and version.
 */
export function installFakeHub(options: {
  versions?: { version: HubScenarioVersion; scenario: Scenario }[];
  signedIn?: boolean;
}): FakeHub {
  const logs: StoredLog[] = [];
  const versions = options.versions ?? [];
  const hub: FakeHub = {
    requests: [],
    sent: (path, method = 'GET') =>
      hub.requests.filter((r) => r.path === path && r.method === method),
    addLog(log, scenario, classId = 'c-tue') {
      logs.unshift({ log, scenario, classId, notes: [] });
    },
    account: options.signedIn === false ? undefined : INSTRUCTOR,
  };

  function answer(request: SentRequest): Response {
    const { method, path, query, body } = request;
    if (path === '/health') return json(200, { ok: true, database: 'pglite', version: '1.0.0' });
    if (path === '/auth/me') {
      return hub.account
        ? json(200, { account: hub.account, csrfToken: 'csrf-1' })
        : json(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in first.' });
    }
    if (path === '/auth/login' && method === 'POST') {
      const { email, password } = body as { email: string; password: string };
      if (email !== INSTRUCTOR.email || password !== PASSWORD) {
        return json(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'That e-mail and password do not match an account.',
        });
      }
      hub.account = INSTRUCTOR;
      return json(200, { account: INSTRUCTOR, csrfToken: 'csrf-1' });
    }
    if (!hub.account)
      return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Sign in first.' });
    if (path === '/classes') return json(200, { classes: CLASSES });
    if (path === '/scenarios') return json(200, { scenarios: versions.map((v) => v.version) });
    const doc = /^\/scenarios\/([^/]+)\/([^/]+)$/.exec(path);
    if (doc) {
      const found = versions.find(
        (v) =>
          v.version.id === decodeURIComponent(doc[1]!) &&
          v.version.version === decodeURIComponent(doc[2]!),
      );
      return found
        ? json(200, found.scenario)
        : json(404, { message: 'No such scenario version.' });
    }
    if (path === '/logs' || path === '/logs/full') {
      // `scenario` is an id (every version) or a digest (one version), as on the hub.
      const scenario = query.get('scenario');
      const matching = logs.filter(
        (s) =>
          (!query.get('class') || s.classId === query.get('class')) &&
          (!query.get('trainee') || s.log.trainee.id === query.get('trainee')) &&
          (!scenario || s.log.scenario.id === scenario || s.log.scenario.digest === scenario),
      );
      const limit = Math.min(500, Number(query.get('limit') ?? 50));
      const offset = Number(query.get('offset') ?? 0);
      const page = matching.slice(offset, offset + limit);
      return json(200, {
        logs: path === '/logs' ? page.map(summaryOf) : page.map((s) => s.log),
        total: matching.length,
      });
    }
    const one = /^\/logs\/([^/]+)(\/notes)?$/.exec(path);
    const stored = one && logs.find((s) => s.log.sessionId === decodeURIComponent(one[1]!));
    if (one && !stored)
      return json(404, { statusCode: 404, error: 'Not Found', message: 'No such log.' });
    if (stored && one?.[2] && method === 'POST') {
      if (request.headers['x-csrf-token'] !== 'csrf-1')
        return json(403, { message: 'CSRF token missing.' });
      const { seq, text } = body as { seq?: number; text: string };
      const note: HubNote = {
        id: `n-${stored.notes.length + 1}`,
        ...(seq !== undefined ? { seq } : {}),
        author: hub.account.name,
        text,
        createdAt: '2026-11-22T15:00:00.000Z',
      };
      stored.notes.push(note);
      return json(201, note);
    }
    if (stored) {
      const annotations: Annotation[] = stored.notes.map((n) => ({
        seq: n.seq ?? 0,
        author: n.author,
        text: n.text,
        at: n.createdAt,
      }));
      return json(200, {
        log: { ...stored.log, annotations },
        scenario: stored.scenario,
        summary: summaryOf(stored),
      });
    }
    return json(404, {
      statusCode: 404,
      error: 'Not Found',
      message: `No route ${method} ${path}`,
    });
  }

  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://hub.test');
      const request: SentRequest = {
        method: init.method ?? 'GET',
        path: url.pathname.replace(/^\/api\/v1/, ''),
        query: url.searchParams,
        headers: (init.headers ?? {}) as Record<string, string>,
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      hub.requests.push(request);
      return answer(request);
    }),
  );
  return hub;
}
