/**
 * One interface over the two databases the hub runs on: the embedded PGlite
 * (a real PostgreSQL compiled to WebAssembly, in a data folder) and a
 * PostgreSQL server through `pg`. The SQL and the migrations are the same.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import pg from 'pg';

/** Rows of one statement. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something that runs one parameterised statement: the database, or a transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/** The hub's database: its only state. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Rows a PGlite statement touched, counted as `pg` counts them: PGlite's
 * `affectedRows` is 0 for a SELECT, which would make every "is it there?"
 * check answer no.
 */
function rowCount(result: { affectedRows?: number; rows: unknown[] }): number {
  return Math.max(result.affectedRows ?? 0, result.rows.length);
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory for
 * `memory://`. `options` go to PGlite as they are: tests start many
 * databases from one prepared data folder (`loadDataDir`) instead of
 * running initdb for each.
 */
export async function openPglite(
  dataDir: string,
  options: Omit<PGliteOptions, 'dataDir'> = {},
): Promise<Database> {
  const db = await PGlite.create({ ...options, dataDir });
  const run: Queryable['query'] = async (sql, params) => {
    const result = await db.query(sql, params);
    return { rows: result.rows as never[], rowCount: rowCount(result) };
  };
  return {
    kind: 'pglite',
    query: run,
    async exec(sql) {
      await db.exec(sql);
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          async query(sql, params) {
            const result = await tx.query(sql, params);
            return {
              rows: result.rows as never[],
              rowCount: rowCount(result),
            };
          },
        }),
      );
    },
    close: () => db.close(),
  };
}

/** Connects a pool to a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Fail at start, with the server's own words, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const run = (client: pg.Pool | pg.PoolClient): Queryable['query'] =>
    (async (sql: string, params?: unknown[]) => {
      const result = await client.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    }) as Queryable['query'];
  return {
    kind: 'postgresql',
    query: run(pool),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: run(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
