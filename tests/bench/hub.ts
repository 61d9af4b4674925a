/**
 * Hub benchmark, on loopback: simulated tablets upload their decisions one
 * event to a request (real HTTP, keep-alive), on PGlite and on a throwaway
 * PostgreSQL cluster. Each figure stands beside its floor: a plain INSERT of
 * the same row into a table shaped like `log_events`, in the same database,
 * timed the same way. Then the class view: 1,000 stored logs read back in
 * pages of 500 from `/logs/full` and put through the engine's class
 * statistics. The hub runs in this process; the load is bounded in count and
 * in time.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { canonicalJson, classStats, parseScenario, startDrill } from '@defuse/engine';
import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';
import { newToken, tokenHash } from '../../hub/src/auth/tokens';
import { buildHub, ingestEvents, migrate, openPglite, openPostgres } from '../../hub/src/index';
import type { Database } from '../../hub/src/index';
import { generateClass } from './debrief';
import { seeded } from './generate';
import type { BenchRow } from './types';

const TABLETS = 200;
const DECISIONS = 40;
const CLASS_LOGS = 1000;
/** A paced tablet decides every 250 to 750 ms: a class far quicker than any real one. */
const THINK_MS = [250, 750] as const;
/** No phase of load runs longer than this; what is not stored by then is reported. */
const PHASE_MS = 90_000;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const LOAD_SCENARIO = 'welfare-check-confused-elder';
const CLASS_SCENARIO = 'library-agitated-patron';

const round = (n: number) => Number(n.toPrecision(3));
const label = (n: number) => n.toLocaleString('en-US');
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function scenarioFile(id: string): string {
  return fileURLToPath(new URL(`../../scenarios/${id}.scenario.json`, import.meta.url));
}

function loadScenario(id: string): Scenario {
  const { scenario, diagnostics } = parseScenario(readFileSync(scenarioFile(id)));
  if (!scenario) throw new Error(`${id} is invalid: ${diagnostics[0]?.message}`);
  return scenario;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** One upload: the session's header and one event. */
interface Upload {
  sessionId: string;
  body: string;
  /** The row the floor inserts: what the hub stores for this event. */
  row: [string, number, string, string];
}

/**
 * A tablet's decisions: drills of the load scenario one after another until
 * there are `DECISIONS` events (the last drill cut short, as a drill in
 * progress is). Each run of load gets drills of its own, so a run that was
 * stopped at its deadline leaves no gap for the next one.
 */
async function tabletUploads(scenario: Scenario, traineeId: string, seed: number) {
  const random = seeded(seed);
  const uploads: Upload[] = [];
  for (let d = 0; uploads.length < DECISIONS && d < 100; d++) {
    let now = 0;
    const drill = await startDrill(scenario, {
      seed: seed * 100 + d,
      clock: () => now,
      trainee: { id: traineeId },
    });
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
    const { events, annotations: _annotations, ...header } = drill.log();
    for (const event of events) {
      uploads.push({
        sessionId: header.sessionId,
        body: JSON.stringify({ header, events: [event] }),
        row: [header.sessionId, event.seq, event.hash, canonicalJson(event)],
      });
    }
  }
  return uploads.slice(0, DECISIONS);
}

interface LoadResult {
  /** Milliseconds of each completed upload. */
  latencies: number[];
  seconds: number;
  failures: number;
  firstFailure?: string;
  timedOut: boolean;
}

/**
 * Runs every tablet at once: each sends its items in order, one at a time,
 * after a think time when `paced`. Stops at the deadline.
 */
async function runLoad<T>(
  items: T[][],
  send: (item: T) => Promise<void>,
  paced: boolean,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const deadline = performance.now() + PHASE_MS;
  let timedOut = false;
  const start = performance.now();
  await Promise.all(
    items.map(async (own, t) => {
      const random = seeded(7919 * (t + 1));
      for (const item of own) {
        if (paced) {
          const think = THINK_MS[0] + random() * (THINK_MS[1] - THINK_MS[0]);
          await new Promise((resolve) => setTimeout(resolve, think));
        }
        if (performance.now() > deadline) {
          timedOut = true;
          return;
        }
        const began = performance.now();
        try {
          await send(item);
          latencies.push(performance.now() - began);
        } catch (error) {
          failures++;
          firstFailure ??= error instanceof Error ? error.message : String(error);
          return;
        }
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds: (performance.now() - start) / 1000,
    failures,
    firstFailure,
    timedOut,
  };
}

/**
 * The same load as {@link runLoad}, sent over HTTP by a worker thread, so the
 * simulated tablets do not share the hub's event loop (on this 2-core
 * machine, the hub gets one core and the tablets the other).
 */
function tabletsOnTheirOwnThread(
  api: string,
  tablets: { token: string; uploads: { sessionId: string; body: string }[] }[],
  paced: boolean,
): Promise<LoadResult> {
  const worker = new Worker(new URL('./hub-load-worker.mjs', import.meta.url), {
    workerData: { api, tablets, paced, thinkMs: THINK_MS, phaseMs: PHASE_MS },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

/** A throwaway PostgreSQL 15 cluster on a free loopback port, or why there is none. */
interface Cluster {
  url: string;
  stop(): void;
}

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

async function startCluster(): Promise<Cluster | string> {
  if (!existsSync(join(PG_BIN, 'pg_ctl'))) return `no PostgreSQL binaries at ${PG_BIN}`;
  const root = process.getuid?.() === 0;
  let postgresUid = -1;
  let postgresGid = -1;
  if (root) {
    try {
      postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      postgresGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      return 'running as root and there is no postgres user to run the server as';
    }
  }
  const base = mkdtempSync(join(tmpdir(), 'defuse-bench-pg-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  if (root) chownSync(base, postgresUid, postgresGid);
  const run = (bin: string, args: string[]) => {
    const [file, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]]
      : [join(PG_BIN, bin), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', dataDir, '--auth=trust', '-U', 'postgres', '--no-sync']);
    run('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(base, 'server.log'),
      '-o',
      `-p ${port} -k ${base} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `the throwaway cluster did not start: ${why}`;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

/** The hub on `db`, listening on a loopback port, with an admin, both scenarios and a class. */
async function hubOn(db: Database) {
  await migrate(db);
  const app = await buildHub({
    config: {
      staticDir: join(tmpdir(), 'defuse-bench-no-apps'),
      logLevel: 'error',
      trustProxy: false,
    },
    db,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the hub has no address');
  const api = `http://127.0.0.1:${address.port}/api/v1`;

  const setup = await fetch(`${api}/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@academy.example',
      name: 'Bench',
      password: 'long enough password',
    }),
  });
  if (setup.status !== 201) throw new Error(`POST /setup answered ${setup.status}`);
  const cookie = setup.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const instructor = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const digests: Record<string, string> = {};
  for (const id of [LOAD_SCENARIO, CLASS_SCENARIO]) {
    const published = await fetch(`${api}/scenarios`, {
      method: 'POST',
      headers: instructor,
      body: readFileSync(scenarioFile(id), 'utf8'),
    });
    if (published.status !== 201) throw new Error(`publishing ${id} answered ${published.status}`);
    digests[id] = ((await published.json()) as { digest: string }).digest;
  }
  const opened = await fetch(`${api}/classes`, {
    method: 'POST',
    headers: instructor,
    body: JSON.stringify({
      name: 'Bench class',
      mode: 'training',
      scenarios: Object.values(digests),
    }),
  });
  if (opened.status !== 201) throw new Error(`POST /classes answered ${opened.status}`);
  const classId = ((await opened.json()) as { id: string }).id;
  return { app, api, cookie, classId };
}

/**
 * Tablets of the class, written straight into the devices table: `/join` is
 * rate-limited per address (as it should be), and joining is not what is
 * measured here.
 */
async function addDevices(db: Database, classId: string, traineeIds: string[]) {
  const devices = traineeIds.map((traineeId) => ({
    id: randomUUID(),
    classId,
    traineeId,
    token: newToken(),
  }));
  await db.query(
    `INSERT INTO devices (id, class_id, trainee_id, token_hash)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
    [
      devices.map((d) => d.id),
      devices.map((d) => d.classId),
      devices.map((d) => d.traineeId),
      devices.map((d) => tokenHash(d.token)),
    ],
  );
  return devices;
}

interface Workload {
  load: Scenario;
  classScenario: Scenario;
  traineeIds: string[];
  saturated: Upload[][];
  paced: Upload[][];
  classLogs: DecisionLog[];
}

async function workload(): Promise<Workload> {
  const load = loadScenario(LOAD_SCENARIO);
  const classScenario = loadScenario(CLASS_SCENARIO);
  const traineeIds = Array.from(
    { length: TABLETS },
    (_, i) => `B${String(i + 1).padStart(3, '0')}`,
  );
  const saturated: Upload[][] = [];
  const paced: Upload[][] = [];
  for (const [i, traineeId] of traineeIds.entries()) {
    saturated.push(await tabletUploads(load, traineeId, 2 * i + 1));
    paced.push(await tabletUploads(load, traineeId, 2 * i + 2));
  }
  return {
    load,
    classScenario,
    traineeIds,
    saturated,
    paced,
    classLogs: await generateClass(classScenario, CLASS_LOGS),
  };
}

/** The rows of one database. */
async function benchDatabase(db: Database, name: string, work: Workload, budget: boolean) {
  const rows: BenchRow[] = [];
  const { app, api, cookie, classId } = await hubOn(db);
  try {
    const devices = await addDevices(db, classId, work.traineeIds);
    const viaHub = (items: Upload[][], paced: boolean) =>
      tabletsOnTheirOwnThread(
        api,
        items.map((uploads, t) => ({
          token: devices[t]!.token,
          uploads: uploads.map(({ sessionId, body }) => ({ sessionId, body })),
        })),
        paced,
      );

    // The floor: the same rows, one INSERT each, into a table like log_events (no hub, no HTTP).
    await db.exec(
      'DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (LIKE log_events INCLUDING DEFAULTS INCLUDING INDEXES)',
    );
    const insert = async (item: Upload) => {
      await db.query(
        'INSERT INTO bench_floor (session_id, seq, hash, event) VALUES ($1, $2, $3, $4)',
        item.row,
      );
    };
    const viaInsert = (items: Upload[][], paced: boolean) => runLoad(items, insert, paced);

    const total = TABLETS * DECISIONS;
    const where = `${label(TABLETS)} tablets x ${DECISIONS}`;
    const floorSat = await viaInsert(work.saturated, false);
    const hubSat = await viaHub(work.saturated, false);
    const floorRate = floorSat.latencies.length / floorSat.seconds;
    const hubRate = hubSat.latencies.length / hubSat.seconds;
    rows.push({
      name: `${name}: floor, plain INSERT, ${where} back to back`,
      value: round(floorRate),
      unit: 'events/s',
      note: `p50 ${fmt(percentile(floorSat.latencies, 0.5))} ms, p99 ${fmt(percentile(floorSat.latencies, 0.99))} ms`,
    });
    rows.push({
      name: `${name}: events ingested, ${where} back to back`,
      value: round(hubRate),
      unit: 'events/s',
      ratio: `${fmt(hubRate / floorRate)}x the INSERT rate`,
      note: `p50 ${fmt(percentile(hubSat.latencies, 0.5))} ms, p99 ${fmt(percentile(hubSat.latencies, 0.99))} ms per event${problems(hubSat, total)}`,
    });

    const floorPaced = await viaInsert(work.paced, true);
    const hubPaced = await viaHub(work.paced, true);
    const stored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM log_events e JOIN logs l ON l.session_id = e.session_id WHERE l.class_id = $1',
      [classId],
    );
    const storedAll = stored.rows[0]?.n === 2 * total;
    const pacing = `one decision every ${THINK_MS[0]}-${THINK_MS[1]} ms`;
    for (const [p, tag] of [
      [0.5, 'p50'],
      [0.99, 'p99'],
    ] as const) {
      const ms = percentile(hubPaced.latencies, p);
      const floorMs = percentile(floorPaced.latencies, p);
      const row: BenchRow = {
        name: `${name}: one event's upload ${tag}, ${where}, ${pacing}`,
        value: round(ms),
        unit: 'ms',
        ratio: `${fmt(ms / floorMs)}x INSERT ${tag} (${fmt(floorMs)} ms)`,
      };
      if (tag === 'p99') {
        if (budget) row.budget = 100;
        const all = storedAll
          ? `all ${label(2 * total)} events stored`
          : `NOT all stored: ${stored.rows[0]?.n ?? 0} of ${label(2 * total)}`;
        row.note = `${all}${problems(hubPaced, total)}`;
        if (budget && !storedAll) row.value = Number.NaN;
      }
      rows.push(row);
    }
    await db.exec('DROP TABLE bench_floor');

    rows.push(await classView(db, api, cookie, classId, work));
  } finally {
    await app.close();
  }
  return rows;
}

function problems(result: LoadResult, total: number): string {
  const parts: string[] = [];
  if (result.latencies.length < total)
    parts.push(`${result.latencies.length} of ${total} answered`);
  if (result.failures) parts.push(`${result.failures} failed (${result.firstFailure})`);
  if (result.timedOut) parts.push(`stopped at ${PHASE_MS / 1000} s`);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

/**
 * 1,000 logs of the class scenario stored (not timed), then the class view
 * timed: both pages of `/logs/full` and the engine's class statistics.
 */
async function classView(
  db: Database,
  api: string,
  cookie: string,
  classId: string,
  work: Workload,
) {
  const { classScenario, classLogs } = work;
  const devices = await addDevices(db, classId, [...new Set(classLogs.map((l) => l.trainee.id))]);
  const byTrainee = new Map(devices.map((d) => [d.traineeId, d]));
  for (const log of classLogs) {
    const { events, annotations: _annotations, ...header } = log;
    await ingestEvents(
      db,
      byTrainee.get(log.trainee.id)!,
      log.sessionId,
      header,
      events as LogEvent[],
    );
  }
  const read = async () => {
    const logs: DecisionLog[] = [];
    for (let offset = 0; offset < CLASS_LOGS; offset += 500) {
      const response = await fetch(
        `${api}/logs/full?scenario=${classScenario.id}&limit=500&offset=${offset}`,
        {
          headers: { cookie },
        },
      );
      if (response.status !== 200) throw new Error(`GET /logs/full answered ${response.status}`);
      logs.push(...((await response.json()) as { logs: DecisionLog[] }).logs);
    }
    const stats = classStats(classScenario, logs);
    if (stats.runs !== CLASS_LOGS)
      throw new Error(`the class view counted ${stats.runs} runs, not ${CLASS_LOGS}`);
    return logs;
  };
  const times: number[] = [];
  const statsOnly: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const logs = await read();
    times.push(performance.now() - start);
    const s = performance.now();
    classStats(classScenario, logs);
    statsOnly.push(performance.now() - s);
  }
  const ms = times.sort((a, b) => a - b)[2]!;
  const floor = statsOnly.sort((a, b) => a - b)[2]!;
  return {
    name: `class view of ${label(CLASS_LOGS)} logs: 2 pages of /logs/full + class statistics`,
    value: round(ms),
    unit: 'ms',
    budget: 1000,
    ratio: `${fmt(ms / floor)}x class statistics alone (${fmt(floor)} ms)`,
    note: 'median of 5',
  } satisfies BenchRow;
}

/** Every hub row: PGlite, then PostgreSQL when a throwaway cluster can be started. */
export async function benchHub(): Promise<BenchRow[]> {
  const work = await workload();
  const rows: BenchRow[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'defuse-bench-pglite-'));
  try {
    const db = await openPglite(dataDir);
    try {
      rows.push(...(await benchDatabase(db, 'PGlite', work, true)));
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cluster = await startCluster();
  if (typeof cluster === 'string') {
    rows.push({
      name: 'PostgreSQL rows not measured',
      value: Number.NaN,
      unit: 'ms',
      note: cluster,
    });
    return rows;
  }
  try {
    const db = await openPostgres(cluster.url, 10);
    try {
      rows.push(...(await benchDatabase(db, 'PostgreSQL', work, false)));
    } finally {
      await db.close();
    }
  } finally {
    cluster.stop();
  }
  return rows;
}
