/** `@defuse/hub`: the class hub, for tests and tools that start it in-process. */
export { buildHub, API_PREFIX } from './server';
export { readConfig, ConfigError, type HubConfig } from './config';
export { openDatabase } from './db/open';
export { openPglite, openPostgres, type Database, type Queryable } from './db/database';
export { migrate, shippedMigrations } from './db/migrate';
export { createAccount } from './routes/accounts';
export { backup, restore } from './backup';
export { ingestEvents, MAX_BATCH_EVENTS } from './ingest';
