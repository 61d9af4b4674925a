/**
 * The hub's configuration, read once from the environment and checked
 * before anything starts: a bad value stops the hub with one line that names
 * the variable and says what it expects.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Log levels pino (Fastify's logger) knows. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface HubConfig {
  port: number;
  host: string;
  /** PGlite's data folder; unused when `databaseUrl` is set. */
  dataDir: string;
  /** A PostgreSQL server's URL; undefined runs the embedded PGlite. */
  databaseUrl: string | undefined;
  /** The built player (the editor sits in its `editor/` folder). */
  staticDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Behind a load balancer: take the client's address from `X-Forwarded-For`. */
  trustProxy: boolean;
}

/** A configuration value the hub cannot start with. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** The player's build in this repository, wherever the hub is started from. */
const BUILT_PLAYER = fileURLToPath(new URL('../../player/dist', import.meta.url));

/**
 * Reads the configuration from `env` (the process's environment by default).
 * Throws a {@link ConfigError} whose message is the one line to print.
 */
export function readConfig(env: Env = process.env, cwd = process.cwd()): HubConfig {
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@localhost:5432/defuse',
    );
  }
  const staticDir = optional(env, 'DEFUSE_STATIC_DIR');
  return {
    port: integer(env, 'PORT', 4173, 1, 65535),
    host: optional(env, 'HOST') ?? '0.0.0.0',
    dataDir: resolve(cwd, optional(env, 'DEFUSE_DATA_DIR') ?? 'data'),
    databaseUrl,
    staticDir: staticDir === undefined ? BUILT_PLAYER : resolve(cwd, staticDir),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: oneOf(env, 'DEFUSE_TRUST_PROXY', ['true', 'false'] as const, 'false') === 'true',
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, not "${raw}"`);
  }
  return raw as T;
}
