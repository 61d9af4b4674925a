/**
 * `pnpm hub backup` and `pnpm hub restore`: a plain SQL file with the schema
 * (the migrations) and every row as INSERT statements, in one transaction.
 * PGlite writes and reads it, and so does `psql -f` against a PostgreSQL
 * server, so a hub can move from the embedded database to a server.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Database } from './db/database';
import { shippedMigrations } from './db/migrate';

/** Tables in an order that satisfies their foreign keys. Sign-in sessions are not kept. */
const TABLES: { name: string; key: string }[] = [
  { name: 'schema_migrations', key: 'version' },
  { name: 'accounts', key: 'id' },
  { name: 'scenarios', key: 'digest' },
  { name: 'classes', key: 'id' },
  { name: 'class_scenarios', key: 'class_id, digest' },
  { name: 'devices', key: 'id' },
  { name: 'logs', key: 'session_id' },
  { name: 'log_events', key: 'session_id, seq' },
  { name: 'notes', key: 'id' },
  { name: 'settings', key: 'key' },
];

const PAGE = 2000;

/** A value as an SQL literal. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** Writes the whole database to `file`; resolves with the number of rows written. */
export async function backup(db: Database, file: string): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`-- Defuse hub backup, ${new Date().toISOString()}. Load into an empty database:\n`);
  await write(
    `--   pnpm hub restore <this file>   or   psql -v ON_ERROR_STOP=1 -1 -f <this file>\n`,
  );
  await write('SET client_min_messages = warning;\n');
  await write(
    `CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());\n`,
  );
  for (const migration of shippedMigrations())
    await write(`\n-- migration ${migration.version} ${migration.name}\n${migration.sql.trim()}\n`);
  let rows = 0;
  for (const table of TABLES) {
    // Every value as PostgreSQL's own text of it: a jsonb number or null, and a
    // timestamp's microseconds, come back exactly (JavaScript values would not).
    const { rows: described } = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table.name],
    );
    const columns = described.map((c) => c.column_name);
    const select = columns.map((c) => `${c}::text AS ${c}`).join(', ');
    for (let offset = 0; ; offset += PAGE) {
      const page = await db.query<Record<string, unknown>>(
        `SELECT ${select} FROM ${table.name} ORDER BY ${table.key} LIMIT ${PAGE} OFFSET ${offset}`,
      );
      if (page.rows.length === 0) break;
      const values = page.rows.map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`);
      await write(
        `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES\n${values.join(',\n')};\n`,
      );
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** The problem that stops a restore: the target already holds a hub. */
export class RestoreError extends Error {
  override name = 'RestoreError';
}

/** Loads a backup into an empty database, in one transaction. */
export async function restore(db: Database, file: string): Promise<void> {
  const sql = readFileSync(file, 'utf8');
  if (!sql.startsWith('-- Defuse hub backup'))
    throw new RestoreError(`${file} is not a Defuse hub backup.`);
  const { rows } = await db.query<{ present: boolean }>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present`,
  );
  if (rows[0]?.present) {
    throw new RestoreError(
      'The database is not empty: restore into a new data folder (DEFUSE_DATA_DIR) or a new database.',
    );
  }
  await db.exec(`BEGIN;\n${sql}\nCOMMIT;`);
}
