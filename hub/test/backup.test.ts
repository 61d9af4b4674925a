import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, openPostgres, restore, type Database } from '../src/index';
import { drillLog } from './support/drills';
import {
  firstAdmin,
  freshDatabase,
  joinDevice,
  KINDS,
  newPostgresDatabase,
  openClass,
  publish,
  shippedScenario,
  shippedText,
  startHub,
  uploadAll,
  type TestHub,
} from './support/hub';

const TABLES: [string, string][] = [
  ['schema_migrations', 'version'],
  ['accounts', 'id'],
  ['scenarios', 'digest'],
  ['classes', 'id'],
  ['class_scenarios', 'class_id, digest'],
  ['devices', 'id'],
  ['logs', 'session_id'],
  ['log_events', 'session_id, seq'],
  ['notes', 'id'],
  ['settings', 'key'],
];

/** Every row of every table as PostgreSQL's own text of it, in key order. */
async function contents(db: Database) {
  const out: Record<string, string[]> = {};
  for (const [table, key] of TABLES) {
    const { rows } = await db.query<{ row: string }>(
      `SELECT t::text AS row FROM ${table} t ORDER BY ${key}`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

describe.each(KINDS)('backup and restore on %s', (kind) => {
  let hub: TestHub;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'defuse-hub-backup-'));
    hub = await startHub(kind);
    const admin = await firstAdmin(hub);
    const published = await publish(hub, admin, shippedText('library-agitated-patron'));
    const klass = await openClass(hub, admin, [published.digest], "O'Brien's class");
    const device = await joinDevice(hub, klass.code, 'recruit-1');
    const log = await drillLog(shippedScenario('library-agitated-patron'), {
      trainee: 'recruit-1',
    });
    await uploadAll(hub, device, log, 5);
    await hub.request({
      method: 'POST',
      url: `/logs/${log.sessionId}/notes`,
      headers: admin.headers,
      payload: { seq: 2, text: "Said 'sir' twice; \\ and a backslash" },
    });
    await hub.request({
      method: 'PUT',
      url: '/settings',
      headers: admin.headers,
      payload: { retentionDays: 365 },
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it(`restores a backup into a fresh ${kind} database with the same rows`, async () => {
    const file = join(folder, 'hub.sql');
    const written = await backup(hub.db, file);
    const before = await contents(hub.db);
    expect(written).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
    expect(before.log_events!.length).toBeGreaterThan(5);
    const target = await freshDatabase(kind, false);
    try {
      await restore(target, file);
      expect(await contents(target)).toEqual(before);
      await expect(restore(target, file)).rejects.toThrow(/not empty/);
    } finally {
      await target.close();
    }
  });

  it('writes a backup that psql loads into a real PostgreSQL with the same rows', async () => {
    const file = join(folder, 'for-psql.sql');
    await backup(hub.db, file);
    const url = await newPostgresDatabase();
    const psql = spawnSync(
      join(inject('hubPostgres').bin, 'psql'),
      ['-v', 'ON_ERROR_STOP=1', '-1', '-q', '-f', file, url],
      {
        encoding: 'utf8',
      },
    );
    expect(psql.stderr).toBe('');
    expect(psql.status).toBe(0);
    const loaded = await openPostgres(url, 1);
    try {
      const after = await contents(loaded);
      const before = await contents(hub.db);
      for (const [table] of TABLES) expect(after[table]!.length, table).toBe(before[table]!.length);
      if (kind === 'postgresql') expect(after).toEqual(before);
    } finally {
      await loaded.close();
    }
  });
});
