/**
 * Starts the hub: database, migrations, the application, background
 * housekeeping; stops cleanly on SIGINT and SIGTERM.
 */
import type { HubConfig } from './config';
import { openDatabase } from './db/open';
import { applyRetention } from './routes/admin';
import { pruneRateLimits } from './rate-limit-store';
import { buildHub } from './server';

/** How often each hub process deletes expired logs, sessions and rate-limit windows. */
const HOUSEKEEPING_MS = 60 * 60 * 1000;

/** Runs the hub until the process is told to stop. */
export async function serve(config: HubConfig): Promise<void> {
  const db = await openDatabase(config);
  const app = await buildHub({ config, db });
  const housekeeping = async () => {
    try {
      const deleted = await applyRetention(db);
      if (deleted) app.log.info(`retention: deleted ${deleted} logs`);
      await pruneRateLimits(db);
      await db.query('DELETE FROM auth_sessions WHERE expires_at < now()');
    } catch (error) {
      app.log.error({ err: error }, 'housekeeping failed');
    }
  };
  const timer = setInterval(() => void housekeeping(), HOUSEKEEPING_MS);
  timer.unref();
  void housekeeping();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping`);
    clearInterval(timer);
    await app.close();
    await db.close();
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  app.log.info(
    `Defuse hub at http://localhost:${config.port}/ (editor at /editor/), data: ${where}`,
  );
}
