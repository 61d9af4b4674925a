/**
 * The kill test: tablets upload their drills in small batches, the hub is
 * killed with SIGKILL in the middle of the burst and started again on the
 * same data folder, and the tablets send everything again from the start, as
 * their outboxes would after a crash. Every event the hub acknowledged must
 * still be there, none twice, and every log must still verify.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, startDrill, verifyLog } from '@defuse/engine';
import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIO_FILE = join(ROOT, 'scenarios/library-agitated-patron.scenario.json');
const TABLETS = 6;
const DRILLS_PER_TABLET = 4;
const BATCH = 2;
/** How long the hub may take to answer its health check after a start. */
const START_MS = 90_000;
/** How long one upload may take before a tablet gives up on it. */
const REQUEST_MS = 30_000;

interface Hub {
  child: ChildProcess;
  origin: string;
  output: string[];
}

interface Tablet {
  traineeId: string;
  token: string;
  logs: DecisionLog[];
}

const dataDir = mkdtempSync(join(tmpdir(), 'defuse-kill-'));
let hub: Hub | undefined;

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `hub serve` as one Node process (tsx as a loader, not its own CLI,
 * which would run the hub in a grandchild that a SIGKILL would not reach).
 */
async function startHub(port: number): Promise<Hub> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DEFUSE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const started: Hub = { child, origin: `http://127.0.0.1:${port}`, output };
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${started.origin}/api/v1/health`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopHub(started);
  throw new Error(`the hub did not start: ${output.join('').slice(-2000)}`);
}

/** SIGKILL, and wait until the process is gone. */
async function stopHub(running: Hub): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

function libraryScenario(): Scenario {
  const { scenario, diagnostics } = parseScenario(readFileSync(SCENARIO_FILE));
  if (!scenario) throw new Error(`the library scenario is invalid: ${diagnostics[0]?.message}`);
  return scenario;
}

/** A seeded generator, so every run drills the same paths. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole drill as a trainee would make it: offered choices, now and then a timer running out. */
async function drillLog(scenario: Scenario, traineeId: string, seed: number): Promise<DecisionLog> {
  const random = seeded(seed);
  let now = 0;
  const drill = await startDrill(scenario, { seed, clock: () => now, trainee: { id: traineeId } });
  for (let steps = 0; steps < 60 && !drill.snapshot().done; steps++) {
    const snap = drill.snapshot();
    now += 1500 + Math.floor(random() * 8000);
    if (snap.deadline !== undefined && (snap.choices.length === 0 || random() < 0.15)) {
      now = Math.max(now, snap.deadline);
      await drill.expire();
    } else if (snap.choices.length > 0) {
      await drill.choose(snap.choices[Math.floor(random() * snap.choices.length)]!.id);
    } else break;
  }
  return drill.log();
}

/** The instructor's cookie and CSRF token, from the first-admin setup. */
interface Instructor {
  cookie: string;
  csrf: string;
}

async function api<T>(
  origin: string,
  method: string,
  path: string,
  auth: { instructor?: Instructor; token?: string },
  body?: unknown,
): Promise<{ status: number; json: T; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth.instructor) {
    headers.cookie = auth.instructor.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = auth.instructor.csrf;
  }
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${origin}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_MS),
  });
  const json = (await response.json()) as T;
  return { status: response.status, json, headers: response.headers };
}

/** The header of an upload: the log without its events. */
function headerOf(log: DecisionLog) {
  const { events: _events, annotations: _annotations, ...header } = log;
  return header;
}

/**
 * One tablet's outbox: each drill's events in order, in small batches, one
 * request at a time. Records the highest `stored` the hub acknowledged per
 * session. Stops at the first failure (the hub went away), as an outbox
 * waits for the network to come back.
 */
async function sendAll(
  origin: string,
  tablet: Tablet,
  acknowledged: Map<string, number>,
  onAck: () => void,
): Promise<{ failed: boolean }> {
  for (const log of tablet.logs) {
    const header = headerOf(log);
    for (let from = 0; from < log.events.length; from += BATCH) {
      const events = log.events.slice(from, from + BATCH);
      let answer: { status: number; json: { stored?: number; message?: string } };
      try {
        answer = await api(
          origin,
          'POST',
          `/device/logs/${log.sessionId}/events`,
          { token: tablet.token },
          { header, events },
        );
      } catch {
        return { failed: true };
      }
      if (answer.status !== 200 || answer.json.stored === undefined) {
        throw new Error(
          `upload of ${log.sessionId} events ${events[0]!.seq}..${events.at(-1)!.seq} answered ${answer.status}: ${answer.json.message}`,
        );
      }
      const before = acknowledged.get(log.sessionId) ?? 0;
      acknowledged.set(log.sessionId, Math.max(before, answer.json.stored));
      onAck();
    }
  }
  return { failed: false };
}

interface HeldLog {
  log: DecisionLog;
  summary: { lastSeq: number; events: number; complete: boolean };
}

async function heldLog(origin: string, instructor: Instructor, sessionId: string) {
  const { status, json } = await api<HeldLog>(origin, 'GET', `/logs/${sessionId}`, { instructor });
  return status === 404 ? undefined : json;
}

/** Checks what the hub holds of a session: seqs 1..n once each, the events that were sent. */
function expectIntactPrefix(held: HeldLog, sent: DecisionLog) {
  const seqs = held.log.events.map((event: LogEvent) => event.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  expect(held.summary.lastSeq).toBe(seqs.length);
  expect(held.log.events.map((e) => e.hash)).toEqual(
    sent.events.slice(0, seqs.length).map((e) => e.hash),
  );
}

describe('a hub killed with SIGKILL in the middle of a burst of uploads', () => {
  const scenario = libraryScenario();
  const tablets: Tablet[] = [];
  let instructor: Instructor;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    hub = await startHub(port);
    const { origin } = hub;

    const setup = await api<{ csrfToken: string }>(
      origin,
      'POST',
      '/setup',
      {},
      {
        email: 'chief@academy.example',
        name: 'Chief Instructor',
        password: 'correct horse battery',
      },
    );
    expect(setup.status).toBe(201);
    const cookie = setup.headers.getSetCookie().find((c) => c.startsWith('defuse_session='));
    if (!cookie) throw new Error('POST /setup set no session cookie');
    instructor = { cookie: cookie.split(';')[0]!, csrf: setup.json.csrfToken };

    const published = await api<{ digest: string }>(
      origin,
      'POST',
      '/scenarios',
      { instructor },
      readFileSync(SCENARIO_FILE, 'utf8'),
    );
    expect(published.status).toBe(201);
    const opened = await api<{ code: string }>(
      origin,
      'POST',
      '/classes',
      { instructor },
      {
        name: 'Recruit class 26-3',
        mode: 'training',
        scenarios: [published.json.digest],
      },
    );
    expect(opened.status).toBe(201);

    for (let t = 0; t < TABLETS; t++) {
      const traineeId = `R26-${String(t + 1).padStart(3, '0')}`;
      const joined = await api<{ token: string }>(
        origin,
        'POST',
        '/join',
        {},
        {
          code: opened.json.code,
          traineeId,
        },
      );
      expect(joined.status).toBe(201);
      const logs: DecisionLog[] = [];
      for (let d = 0; d < DRILLS_PER_TABLET; d++) {
        logs.push(await drillLog(scenario, traineeId, 100 * t + d + 1));
      }
      tablets.push({ traineeId, token: joined.json.token, logs });
    }
  }, 180_000);

  afterAll(async () => {
    if (hub) await stopHub(hub);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps every acknowledged event, duplicates none, and every log still verifies', async () => {
    const sent = new Map(tablets.flatMap((t) => t.logs.map((log) => [log.sessionId, log])));
    const totalBatches = tablets
      .flatMap((t) => t.logs)
      .reduce((n, log) => n + Math.ceil(log.events.length / BATCH), 0);
    // Kill once about a third of the uploads are acknowledged, while the rest are in flight.
    const killAfter = Math.max(TABLETS * 2, Math.floor(totalBatches / 3));
    const acknowledged = new Map<string, number>();
    let acks = 0;
    let killing: Promise<void> | undefined;
    const first = hub!;
    const burst = await Promise.all(
      tablets.map((tablet) =>
        sendAll(first.origin, tablet, acknowledged, () => {
          acks++;
          if (acks >= killAfter && !killing) killing = stopHub(first);
        }),
      ),
    );
    await killing;
    expect(killing, 'the hub was killed during the burst').toBeDefined();
    expect(
      burst.some((b) => b.failed),
      'some uploads were cut off by the kill',
    ).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(0);

    hub = await startHub(port);
    const { origin } = hub;

    // Before any tablet sends again: every acknowledged event survived the kill.
    for (const [sessionId, stored] of acknowledged) {
      const held = await heldLog(origin, instructor, sessionId);
      expect(held, `session ${sessionId} was acknowledged up to ${stored}`).toBeDefined();
      expect(held!.summary.lastSeq).toBeGreaterThanOrEqual(stored);
      expectIntactPrefix(held!, sent.get(sessionId)!);
    }

    // Every outbox sends everything again, acknowledged events included.
    const resent = await Promise.all(
      tablets.map((tablet) => sendAll(origin, tablet, new Map(), () => undefined)),
    );
    expect(resent.every((r) => !r.failed)).toBe(true);

    const { json: list } = await api<{
      logs: { sessionId: string; lastSeq: number }[];
      total: number;
    }>(origin, 'GET', '/logs?limit=500', { instructor });
    expect(list.total).toBe(sent.size);
    expect(new Set(list.logs.map((l) => l.sessionId))).toEqual(new Set(sent.keys()));
    for (const [sessionId, log] of sent) {
      const held = (await heldLog(origin, instructor, sessionId))!;
      expect(held.summary.events).toBe(log.events.length);
      expect(held.summary.complete).toBe(true);
      expectIntactPrefix(held, log);
      const verdict = verifyLog(scenario, held.log);
      expect(verdict.ok, verdict.message).toBe(true);
    }
  }, 300_000);
});
