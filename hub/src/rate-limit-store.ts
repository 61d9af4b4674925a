/**
 * A `@fastify/rate-limit` store in the database, so that several hub
 * processes behind one load balancer count sign-in attempts together
 * instead of each allowing its own share.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Queryable } from './db/database';

/** Makes the store class the plugin instantiates, bound to `db`. */
export function databaseRateLimitStore(db: Queryable) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      // One statement: a new window starts when the old one has ended.
      db.query<{ hits: number; ttl: number }>(
        `INSERT INTO rate_limits AS r (key, hits, window_ends)
         VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END,
           window_ends = CASE WHEN r.window_ends <= now() THEN excluded.window_ends ELSE r.window_ends END
         RETURNING hits, (extract(epoch FROM window_ends - now()) * 1000)::int AS ttl`,
        [this.prefix + key, timeWindow],
      ).then(
        ({ rows }) => callback(null, { current: rows[0]!.hits, ttl: Math.max(0, rows[0]!.ttl) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: { method: string | string[]; path: string }): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(
        undefined,
        `${String(routeOptions.method)} ${routeOptions.path} `,
      );
    }
  };
}

/** Forgets windows that ended (run now and then). */
export async function pruneRateLimits(db: Queryable): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE window_ends < now()');
}
