import type { HubConfig } from '../config';
import { openPglite, openPostgres, type Database } from './database';
import { migrate } from './migrate';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(
  config: Pick<HubConfig, 'databaseUrl' | 'dataDir'>,
): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
