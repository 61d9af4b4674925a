/**
 * `pnpm hub <command>`: serve, create an admin, back up, restore. Every
 * failure is one line on stderr and a non-zero exit; never a stack trace.
 */
import { createInterface } from 'node:readline/promises';
import { backup, restore, RestoreError } from './backup';
import { ConfigError, readConfig } from './config';
import { openPglite, openPostgres } from './db/database';
import { openDatabase } from './db/open';
import { HttpError } from './errors';
import { createAccount } from './routes/accounts';
import { serve } from './serve';

const USAGE = `usage: pnpm hub <command>

  serve                          start the hub (what pnpm start runs after building)
  admin create <email> <name>    create an admin account (password from DEFUSE_ADMIN_PASSWORD or asked)
  backup <file.sql>              write the whole database as SQL (psql can load it too)
  restore <file.sql>             load a backup into an empty database

Configuration comes from the environment: see hub/README.md.`;

async function askPassword(): Promise<string> {
  const fromEnv = process.env.DEFUSE_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question('Password (at least 10 characters): ');
  } finally {
    rl.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const config = readConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return 0;
    case 'admin': {
      const [action, email, name] = rest;
      if (action !== 'create' || !email || !name)
        throw new UsageError('admin create <email> <name>');
      const password = await askPassword();
      if (password.length < 10)
        throw new UsageError('the password must have at least 10 characters');
      const db = await openDatabase(config);
      try {
        const account = await createAccount(db, { email, name, password, role: 'admin' });
        process.stdout.write(`Admin ${account.email} created.\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'backup': {
      if (!rest[0]) throw new UsageError('backup <file.sql>');
      const db = await openDatabase(config);
      try {
        const rows = await backup(db, rest[0]);
        process.stdout.write(`Backed up ${rows} rows to ${rest[0]}.\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'restore': {
      if (!rest[0]) throw new UsageError('restore <file.sql>');
      // Not openDatabase: the schema comes from the backup itself.
      const db = config.databaseUrl
        ? await openPostgres(config.databaseUrl)
        : await openPglite(config.dataDir);
      try {
        await restore(db, rest[0]);
        process.stdout.write(`Restored ${rest[0]}.\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    default:
      process.stdout.write(`${USAGE}\n`);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof RestoreError || error instanceof HttpError;
    const message =
      error instanceof UsageError
        ? `usage: pnpm hub ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(
      `defuse hub: ${known || error instanceof UsageError ? '' : 'could not start: '}${message.split('\n')[0]}\n`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
