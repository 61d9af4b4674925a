/**
 * Who is calling: an instructor (session cookie), a joined tablet (bearer
 * device token), or nobody. Routes say which they accept through the guards
 * below; every write with a cookie must carry the session's CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicKeyJwk } from '@defuse/engine';
import type { Database } from '../db/database';
import { HttpError } from '../errors';
import { tokenHash } from './tokens';

/** The cookie that holds an instructor's session token. */
export const SESSION_COOKIE = 'defuse_session';
/** How long a sign-in lasts: a teaching day. */
export const SESSION_HOURS = 12;

export type Role = 'admin' | 'instructor';

/** A signed-in instructor. */
export interface AccountCaller {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  csrfToken: string;
}

/** A joined tablet. */
export interface DeviceCaller {
  id: string;
  classId: string;
  traineeId: string;
  /** The signing key it registered when it joined (older tablets have none). */
  publicKey?: PublicKeyJwk;
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountCaller;
    device?: DeviceCaller;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads the caller's credentials on every request. */
export function installCallerContext(app: FastifyInstance, db: Database): void {
  app.addHook('onRequest', async (request) => {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const { rows } = await db.query<{
        id: string;
        class_id: string;
        trainee_id: string;
        public_key: string | null;
      }>(
        `SELECT d.id, d.class_id, d.trainee_id, d.public_key FROM devices d JOIN classes c ON c.id = d.class_id
         WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND c.closed_at IS NULL`,
        [tokenHash(bearer)],
      );
      const row = rows[0];
      if (row) {
        request.device = { id: row.id, classId: row.class_id, traineeId: row.trainee_id };
        if (row.public_key) request.device.publicKey = JSON.parse(row.public_key) as PublicKeyJwk;
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const { rows } = await db.query<{
      id: string;
      email: string;
      name: string;
      role: Role;
      created_at: Date;
      csrf_token: string;
    }>(
      `SELECT a.id, a.email, a.name, a.role, a.created_at, s.csrf_token
       FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash(token)],
    );
    const row = rows[0];
    if (row) {
      request.account = {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        createdAt: new Date(row.created_at).toISOString(),
        csrfToken: row.csrf_token,
      };
    }
  });
}

/** The account as the API shows it (no CSRF token). */
export function publicAccount(account: Omit<AccountCaller, 'csrfToken'> & { csrfToken?: string }) {
  const { csrfToken: _secret, ...shown } = account;
  return shown;
}

/**
 * A guard: only an instructor of one of `roles` passes; writes need the
 * session's CSRF token in `x-csrf-token`.
 */
export function requireAccount(...roles: Role[]) {
  const allowed = roles.length ? roles : (['admin', 'instructor'] as Role[]);
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const account = request.account;
    if (!account) {
      throw new HttpError(
        401,
        request.device ? 'A tablet cannot do this; sign in as an instructor.' : 'Sign in first.',
      );
    }
    if (!allowed.includes(account.role)) throw new HttpError(403, 'Only an admin can do this.');
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== account.csrfToken) {
      throw new HttpError(
        403,
        "This request lacks the session's x-csrf-token header; reload the page.",
      );
    }
  };
}

/** A guard: only a joined tablet of an open class passes. */
export async function requireDevice(request: FastifyRequest, _reply: FastifyReply) {
  if (request.device) return;
  if (request.headers.authorization) {
    throw new HttpError(
      401,
      'This tablet is no longer in the class (the class was closed); join again.',
    );
  }
  throw new HttpError(401, 'Join a class first.');
}
