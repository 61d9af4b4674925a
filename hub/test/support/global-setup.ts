/**
 * Once per hub test run: a throwaway PostgreSQL 15 cluster from Debian's
 * binaries, on a free loopback port, in a temporary folder that is removed
 * at the end (also when the run fails or is interrupted). Tests get its URL
 * through `inject('hubPostgres')` and make their own database in it.
 *
 * Also a freshly initialised PGlite data folder as a tarball: PGlite runs
 * initdb on every start, which costs seconds, so test databases start from
 * this copy instead (still empty; the hub's migrations run on each).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';

/** Where Debian's PostgreSQL 15 server binaries live. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster: a superuser URL (trust auth) and its binaries. */
    hubPostgres: { url: string; bin: string };
    /** A tarball of an empty, initialised PGlite data folder (PGlite's `loadDataDir`). */
    hubPgliteTemplate: string;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes sure PostgreSQL 15's server binaries are installed. As root it
 * installs Debian's package; otherwise it stops with the command to run.
 */
function ensurePostgres(): void {
  if (existsSync(join(PG_BIN, 'initdb'))) return;
  if (!isRoot()) {
    throw new Error(
      `PostgreSQL 15 is not installed (no ${PG_BIN}/initdb); the hub's PostgreSQL tests need it.\n` +
        'Install it with:  sudo apt-get update && sudo apt-get install -y postgresql\n' +
        'then run the tests again.',
    );
  }
  console.log(`PostgreSQL is missing at ${PG_BIN}: installing it with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    result = spawnSync('sh', ['-c', 'apt-get update -q && apt-get install -y -q postgresql'], {
      stdio: 'inherit',
      env,
    });
  }
  if (result.status !== 0 || !existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `Installing PostgreSQL with apt-get failed (exit ${result.status}). ` +
        'Run  apt-get update && apt-get install -y postgresql  by hand and look at its output.',
    );
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort(): Promise<number> {
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

/** Runs a server binary, as `postgres` when we are root (PostgreSQL refuses to run as root). */
function runPg(binary: string, args: string[]): void {
  const path = join(PG_BIN, binary);
  const [command, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
    : [path, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${binary} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr || result.stdout}`,
    );
  }
}

let folder: string | undefined;
let stopOnExit: (() => void) | undefined;

/** Stops the cluster (immediately: it holds nothing worth keeping) and deletes its folder. */
function stopCluster(): void {
  if (!folder) return;
  const data = join(folder, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch (error) {
      console.error(`could not stop the test PostgreSQL: ${(error as Error).message}`);
    }
  }
  rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  if (stopOnExit) process.off('exit', stopOnExit);
  stopOnExit = undefined;
}

export async function setup(project: TestProject): Promise<void> {
  ensurePostgres();
  folder = mkdtempSync(join(tmpdir(), 'defuse-hub-pg-'));
  // A run cut short (Ctrl-C, a crash) still stops the server and removes the folder.
  stopOnExit = stopCluster;
  process.on('exit', stopOnExit);
  try {
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(folder, uid, gid);
    }
    const data = join(folder, 'data');
    runPg('initdb', [
      '-D',
      data,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    runPg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(folder, 'server.log'),
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-w',
      'start',
    ]);
    project.provide('hubPostgres', {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      bin: PG_BIN,
    });

    const template = await PGlite.create('memory://');
    const tarball = join(folder, 'pglite-template.tar');
    writeFileSync(tarball, Buffer.from(await (await template.dumpDataDir('none')).arrayBuffer()));
    await template.close();
    project.provide('hubPgliteTemplate', tarball);
  } catch (error) {
    const log =
      folder && existsSync(join(folder, 'server.log'))
        ? `\n${readFileSync(join(folder, 'server.log'), 'utf8').slice(-2000)}`
        : '';
    stopCluster();
    throw new Error(`Could not start the test PostgreSQL: ${(error as Error).message}${log}`);
  }
}

export function teardown(): void {
  stopCluster();
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'there is no "postgres" user to run the server as (apt-get install postgresql creates it)',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}
