/**
 * The hub under test: built in-process on a fresh database (PGlite in
 * memory, or a new database in the run's throwaway PostgreSQL), driven with
 * `app.inject`, with helpers that act as an admin, an instructor and a
 * tablet would.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { parseScenario } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { buildHub, migrate, openPglite, openPostgres, type Database } from '../../src/index';

export type DatabaseKind = 'pglite' | 'postgresql';

/** Both databases: every suite runs on each. */
export const KINDS: DatabaseKind[] = ['pglite', 'postgresql'];

/** A built player stand-in with an inline script, so static answers and the CSP can be checked. */
export const STATIC_DIR = (() => {
  const dir = join(tmpdir(), 'defuse-hub-test-static');
  mkdirSync(join(dir, 'editor'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script>window.preload = 1;</script></head><body>player</body></html>',
  );
  writeFileSync(
    join(dir, 'editor', 'index.html'),
    '<!doctype html><html><body>editor</body></html>',
  );
  return dir;
})();

/** A fresh, migrated, empty database of `kind`. */
export async function freshDatabase(kind: DatabaseKind, migrated = true): Promise<Database> {
  const db =
    kind === 'pglite'
      ? await openPglite('memory://', { loadDataDir: pgliteTemplate() })
      : await openPostgres(await newPostgresDatabase(), 4);
  if (migrated) await migrate(db);
  return db;
}

let template: Blob | undefined;

/** The run's initialised PGlite data folder (see global-setup.ts). */
function pgliteTemplate(): Blob {
  template ??= new Blob([readFileSync(inject('hubPgliteTemplate'))]);
  return template;
}

/** Creates an empty database with a random name in the test cluster; answers its URL. */
export async function newPostgresDatabase(): Promise<string> {
  const { url } = inject('hubPostgres');
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
}

/** One caller's credentials, as headers for `inject`. */
export interface Caller {
  headers: Record<string, string>;
}

/** An instructor or admin signed in: the cookie and the CSRF token. */
export interface Instructor extends Caller {
  cookie: string;
  csrfToken: string;
  account: { id: string; email: string; name: string; role: 'admin' | 'instructor' };
}

/** A tablet that joined a class. */
export interface Device extends Caller {
  token: string;
  id: string;
  traineeId: string;
}

/** A running test hub and what it knows how to do. */
export interface TestHub {
  kind: DatabaseKind;
  app: FastifyInstance;
  db: Database;
  /** `app.inject` under `/api/v1` (static files: use `app.inject`). */
  request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Starts a hub on a fresh database of `kind`. */
export async function startHub(kind: DatabaseKind, db?: Database): Promise<TestHub> {
  const database = db ?? (await freshDatabase(kind));
  const app = await buildHub({
    config: { staticDir: STATIC_DIR, logLevel: 'silent', trustProxy: false },
    db: database,
  });
  await app.ready();
  return {
    kind,
    app,
    db: database,
    request: (options) => app.inject({ ...options, url: `/api/v1${options.url}` }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The password every test account uses (long enough for the hub's rule). */
export const PASSWORD = 'correct horse battery';

/** The cookie header of a sign-in answer. */
function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'defuse_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `defuse_session=${cookie.value}`;
}

function signedIn(response: LightMyRequestResponse): Instructor {
  const body = response.json() as { account: Instructor['account']; csrfToken: string };
  const cookie = sessionCookie(response);
  return {
    cookie,
    csrfToken: body.csrfToken,
    account: body.account,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
  };
}

/** Creates the hub's first admin through `/setup`, signed in. */
export async function firstAdmin(hub: TestHub, email = 'chief@academy.test'): Promise<Instructor> {
  const response = await hub.request({
    method: 'POST',
    url: '/setup',
    payload: { email, name: 'Chief Instructor', password: PASSWORD },
  });
  if (response.statusCode !== 201)
    throw new Error(`setup: ${response.statusCode} ${response.body}`);
  return signedIn(response);
}

/** Signs in with e-mail and password. */
export async function signIn(
  hub: TestHub,
  email: string,
  password = PASSWORD,
): Promise<Instructor> {
  const response = await hub.request({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login: ${response.statusCode} ${response.body}`);
  return signedIn(response);
}

/** The admin creates an instructor account, who then signs in. */
export async function newInstructor(
  hub: TestHub,
  admin: Instructor,
  email = `instructor-${randomBytes(3).toString('hex')}@academy.test`,
): Promise<Instructor> {
  const response = await hub.request({
    method: 'POST',
    url: '/accounts',
    headers: admin.headers,
    payload: { email, name: 'Sergeant Reyes', password: PASSWORD, role: 'instructor' },
  });
  if (response.statusCode !== 201)
    throw new Error(`accounts: ${response.statusCode} ${response.body}`);
  return signIn(hub, email);
}

const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** A shipped scenario's file name, without the extension. */
export type ShippedName =
  | 'library-agitated-patron'
  | 'domestic-dispute-child'
  | 'welfare-check-confused-elder'
  | 'motel-influence-blade'
  | 'plaza-crisis-crowd';

/** A shipped scenario's exact text. */
export function shippedText(name: ShippedName): string {
  return readFileSync(join(SCENARIOS_DIR, `${name}.scenario.json`), 'utf8');
}

/** A shipped scenario, parsed by the engine. */
export function shippedScenario(name: ShippedName): Scenario {
  const { scenario, diagnostics } = parseScenario(shippedText(name));
  if (!scenario) throw new Error(`${name} does not parse: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

/** A published version as the hub answers it. */
export interface Published {
  id: string;
  version: string;
  digest: string;
  title: string;
}

/** Publishes a document's text as `who`; throws unless the hub stored it. */
export async function publish(hub: TestHub, who: Caller, text: string): Promise<Published> {
  const response = await hub.request({
    method: 'POST',
    url: '/scenarios',
    headers: { ...who.headers, 'content-type': 'application/json' },
    payload: text,
  });
  if (response.statusCode !== 201 && response.statusCode !== 200)
    throw new Error(`publish: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A class as the hub answers it. */
export interface ClassInfo {
  id: string;
  name: string;
  code: string;
  open: boolean;
  mode: 'training' | 'assessment';
  scenarios: Published[];
}

/** Opens a class with the given scenario digests. */
export async function openClass(
  hub: TestHub,
  who: Caller,
  digests: string[],
  name = 'Recruit class 24-3',
): Promise<ClassInfo> {
  const response = await hub.request({
    method: 'POST',
    url: '/classes',
    headers: who.headers,
    payload: { name, mode: 'training', scenarios: digests },
  });
  if (response.statusCode !== 201)
    throw new Error(`classes: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A tablet joins with the class's code as `traineeId` (registering `publicKey` when given). */
export async function joinDevice(
  hub: TestHub,
  code: string,
  traineeId: string,
  publicKey?: object,
): Promise<Device> {
  const response = await hub.request({
    method: 'POST',
    url: '/join',
    payload: { code, traineeId, ...(publicKey && { publicKey }) },
  });
  if (response.statusCode !== 201) throw new Error(`join: ${response.statusCode} ${response.body}`);
  const body = response.json() as { token: string; device: { id: string; traineeId: string } };
  return {
    token: body.token,
    id: body.device.id,
    traineeId: body.device.traineeId,
    headers: { authorization: `Bearer ${body.token}` },
  };
}

/** A log split into what every upload repeats and its events. */
export function headerOf(log: DecisionLog) {
  const { events: _events, annotations: _annotations, ...header } = log;
  return header;
}

/** Uploads events `from`..`to` (seq, inclusive) of a log as one batch. */
export function upload(
  hub: TestHub,
  device: Caller,
  log: DecisionLog,
  events = log.events,
): Promise<LightMyRequestResponse> {
  return hub.request({
    method: 'POST',
    url: `/device/logs/${log.sessionId}/events`,
    headers: device.headers,
    payload: { header: headerOf(log), events },
  });
}

/** Uploads a whole log in batches of `size`; throws on any refusal. */
export async function uploadAll(
  hub: TestHub,
  device: Caller,
  log: DecisionLog,
  size = 3,
): Promise<void> {
  for (let i = 0; i < log.events.length; i += size) {
    const response = await upload(hub, device, log, log.events.slice(i, i + size));
    if (response.statusCode !== 200)
      throw new Error(`upload: ${response.statusCode} ${response.body}`);
  }
}

/** Row counts of a table, for "nothing was duplicated". */
export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql}) AS counted`,
    params,
  );
  return rows[0]!.n;
}
