import { vi } from 'vitest';
import type { LogEvent, Scenario } from '@defuse/schemas';
import { loadLog } from '../../src/storage/logs';

/** One upload as the hub received it, and whether those events were on the tablet before. */
export interface Upload {
  sessionId: string;
  token: string;
  seqs: number[];
  header: Record<string, unknown>;
  storedLocallyFirst: boolean;
}

/**
 * A class hub behind a mocked `fetch`, following hub/README.md: join codes,
 * device tokens, class scenarios, and uploads stored by (session, seq), where
 * a seq it already holds with the same hash is only acknowledged again and a
 * gap is refused with 422. Switches let a test cut the network, lose an
 * answer, close the class or make the hub refuse an event.
 */
export class FakeHub {
  /** Events the hub holds, per session, in seq order. */
  readonly logs = new Map<string, LogEvent[]>();
  readonly uploads: Upload[] = [];
  readonly joins: { code: string; traineeId: string }[] = [];
  /** When true, every request fails as if the tablet had no network. */
  offline = false;
  /** When true, the device token answers 401 (the instructor closed the class). */
  closed = false;
  /** Uploads whose answer is lost after the hub stored the events. */
  loseAnswers = 0;
  /** When set, an upload holding this seq is refused with the message. */
  refuse: { seq: number; message: string } | undefined;
  /** While set, uploads wait for it before the hub answers (to hold one in flight). */
  hold: Promise<void> | undefined;
  /** The most uploads of one session the hub has had in flight at once. */
  maxInFlight = 0;
  private readonly inFlight = new Map<string, number>();
  /** Answers to `/join` other than success, by code. */
  readonly joinStatus = new Map<string, number>();

  constructor(
    readonly classInfo = {
      id: 'class-1',
      name: 'Patrol 24-B',
      mode: 'assessment' as const,
      code: 'K7QX4M',
    },
    readonly scenarios: Scenario[] = [],
    readonly token = 'device-token-1',
  ) {}

  /** Installs this hub as the page's `fetch`. */
  install(): this {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => this.handle(url, init)),
    );
    return this;
  }

  /** The seqs the hub holds for a session, in order. */
  seqs(sessionId: string): number[] {
    return (this.logs.get(sessionId) ?? []).map((e) => e.seq);
  }

  private async handle(url: string, init: RequestInit = {}): Promise<Response> {
    if (this.offline) throw new TypeError('Failed to fetch');
    const path = url.replace(/^\/api\/v1/, '');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const auth = new Headers(init.headers).get('authorization');
    if (path === '/health') return json(200, { ok: true, database: 'pglite', version: '0.1.0' });
    if (path === '/join' && method === 'POST') return this.join(body as JoinBody);
    if (auth !== `Bearer ${this.token}` || this.closed) {
      return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Not a valid token.' });
    }
    if (path === '/device') return json(200, { device: this.device(), class: this.classBody() });
    if (path === '/device/scenarios') return json(200, { scenarios: this.scenarios });
    const upload = /^\/device\/logs\/([^/]+)\/events$/.exec(path);
    if (upload && method === 'POST') {
      const sessionId = decodeURIComponent(upload[1]!);
      const now = (this.inFlight.get(sessionId) ?? 0) + 1;
      this.inFlight.set(sessionId, now);
      this.maxInFlight = Math.max(this.maxInFlight, now);
      try {
        await this.hold;
        return await this.receive(sessionId, body as UploadBody);
      } finally {
        this.inFlight.set(sessionId, (this.inFlight.get(sessionId) ?? 1) - 1);
      }
    }
    return json(404, { statusCode: 404, error: 'Not Found', message: 'No such route.' });
  }

  private join(body: JoinBody): Response {
    this.joins.push(body);
    const status = this.joinStatus.get(body.code);
    if (status === 429) {
      return json(429, { statusCode: 429, error: 'Too Many Requests', message: 'Slow down.' });
    }
    if (status === 404 || body.code !== this.classInfo.code) {
      return json(404, { statusCode: 404, error: 'Not Found', message: 'No open class.' });
    }
    return json(201, {
      token: this.token,
      device: { ...this.device(), traineeId: body.traineeId },
      class: this.classBody(),
    });
  }

  private device() {
    return {
      id: 'device-1',
      traineeId: this.joins.at(-1)?.traineeId ?? 'T-1',
      joinedAt: '',
      revoked: false,
    };
  }

  private classBody() {
    return {
      ...this.classInfo,
      open: !this.closed,
      createdAt: '2025-01-01T00:00:00.000Z',
      closedAt: null,
      scenarios: this.scenarios.map((s) => ({
        id: s.id,
        version: s.version,
        digest: 'sha256:x',
        title: s.title,
      })),
      deviceCount: 1,
    };
  }

  private async receive(sessionId: string, body: UploadBody): Promise<Response> {
    const local = await loadLog(sessionId);
    const localSeqs = new Set(local?.events.map((e) => e.seq));
    this.uploads.push({
      sessionId,
      token: this.token,
      seqs: body.events.map((e) => e.seq),
      header: body.header,
      storedLocallyFirst: body.events.every((e) => localSeqs.has(e.seq)),
    });
    const held = this.logs.get(sessionId) ?? [];
    this.logs.set(sessionId, held);
    for (const event of body.events) {
      const existing = held.find((e) => e.seq === event.seq);
      if (existing) {
        if (existing.hash !== event.hash) return refusal(event.seq, 'Another event has this seq.');
        continue;
      }
      if (this.refuse?.seq === event.seq) return refusal(event.seq, this.refuse.message);
      if (event.seq !== held.length + 1)
        return refusal(event.seq, `Event ${held.length + 1} is missing.`);
      held.push(event);
    }
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new TypeError('Network connection lost');
    }
    return json(200, { stored: held.length, head: held.at(-1)?.hash ?? '' });
  }
}

interface JoinBody {
  code: string;
  traineeId: string;
}

interface UploadBody {
  header: Record<string, unknown>;
  events: LogEvent[];
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function refusal(seq: number, message: string): Response {
  return json(422, {
    statusCode: 422,
    error: 'Unprocessable Entity',
    message,
    seq,
    reason: 'chain',
  });
}
