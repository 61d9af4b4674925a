/**
 * First admin, sign-in, sign-out, and the admin's list of accounts. Sign-in
 * attempts are rate-limited per address and e-mail.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  type AccountCaller,
  publicAccount,
  requireAccount,
  SESSION_COOKIE,
  SESSION_HOURS,
} from '../auth/context';
import { DECOY_HASH, hashPassword, verifyPassword } from '../auth/passwords';
import { newToken, tokenHash } from '../auth/tokens';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import {
  accountSchema,
  displayName,
  email,
  errors,
  password,
  sessionAnswerSchema,
} from './schemas';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'instructor';
  created_at: Date;
  password_hash: string;
}

const toAccount = (row: AccountRow) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Creates an account; a taken e-mail is a 409. Used by the API and `pnpm hub admin create`. */
export async function createAccount(
  db: Queryable,
  fields: { email: string; name: string; password: string; role: 'admin' | 'instructor' },
) {
  const hash = await hashPassword(fields.password);
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING *`,
    [randomUUID(), fields.email.trim().toLowerCase(), fields.name.trim(), fields.role, hash],
  );
  if (!rows[0])
    throw new HttpError(409, `An account with the e-mail ${fields.email} already exists.`);
  return toAccount(rows[0]);
}

async function startSession(
  db: Database,
  reply: FastifyReply,
  account: ReturnType<typeof toAccount>,
  secure: boolean,
) {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(
    `INSERT INTO auth_sessions (token_hash, account_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [tokenHash(token), account.id, csrfToken, SESSION_HOURS],
  );
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: SESSION_HOURS * 3600,
  });
  return { account, csrfToken };
}

/** Registers `/setup`, `/auth/*` and `/accounts`. */
export async function accountRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.get(
    '/setup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Whether the hub still needs its first admin',
        response: { 200: { type: 'object', properties: { needsAdmin: { type: 'boolean' } } } },
      },
    },
    async () => {
      const { rows } = await db.query(`SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1`);
      return { needsAdmin: rows.length === 0 };
    },
  );

  app.post<{ Body: { email: string; name: string; password: string } }>(
    '/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        summary: 'Create the first admin of a fresh hub, and sign in',
        body: {
          type: 'object',
          properties: { email, name: displayName, password },
          required: ['email', 'name', 'password'],
          additionalProperties: false,
        },
        response: { 201: sessionAnswerSchema, ...errors(400, 409, 429) },
      },
    },
    async (request, reply) => {
      // One transaction with a lock, so two first visits cannot both become admin.
      const account = await db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('defuse-first-admin'))`);
        const { rows } = await tx.query(`SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1`);
        if (rows.length)
          throw new HttpError(409, 'This hub already has an admin; sign in instead.');
        return createAccount(tx, { ...request.body, role: 'admin' });
      });
      reply.code(201);
      return startSession(db, reply, account, request.protocol === 'https');
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: 5,
          timeWindow: '1 minute',
          // Counted once the body is parsed, so the key has the e-mail (at onRequest it has not).
          hook: 'preValidation',
          keyGenerator: (request) =>
            `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
          errorResponseBuilder: (_request, context) =>
            new HttpError(
              429,
              `Too many sign-in attempts; wait ${Math.ceil(context.ttl / 1000)} s and try again.`,
            ),
        },
      },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in as an instructor',
        body: {
          type: 'object',
          properties: {
            email: { type: 'string', maxLength: 254 },
            password: { type: 'string', maxLength: 200 },
          },
          required: ['email', 'password'],
          additionalProperties: false,
        },
        response: { 200: sessionAnswerSchema, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE email = $1', [
        request.body.email.trim().toLowerCase(),
      ]);
      const row = rows[0];
      // An unknown e-mail costs as much as a wrong password: no way to probe for accounts.
      const ok = await verifyPassword(request.body.password, row?.password_hash ?? DECOY_HASH);
      if (!row || !ok) throw new HttpError(401, 'Wrong e-mail or password.');
      return startSession(db, reply, toAccount(row), request.protocol === 'https');
    },
  );

  app.post(
    '/auth/logout',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['accounts'],
        summary: 'Sign out',
        response: { 204: { type: 'null' }, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      await db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [
        tokenHash(request.cookies[SESSION_COOKIE] ?? ''),
      ]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in instructor',
        response: { 200: sessionAnswerSchema, ...errors(401) },
      },
    },
    async (request) => {
      const account = request.account as AccountCaller;
      return { account: publicAccount(account), csrfToken: account.csrfToken };
    },
  );

  app.get(
    '/accounts',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Every account',
        response: {
          200: {
            type: 'object',
            properties: { accounts: { type: 'array', items: accountSchema } },
          },
          ...errors(401, 403),
        },
      },
    },
    async () => {
      const { rows } = await db.query<AccountRow>('SELECT * FROM accounts ORDER BY created_at');
      return { accounts: rows.map(toAccount) };
    },
  );

  app.post<{
    Body: { email: string; name: string; password: string; role: 'admin' | 'instructor' };
  }>(
    '/accounts',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Create an instructor or admin account',
        body: {
          type: 'object',
          properties: {
            email,
            name: displayName,
            password,
            role: { type: 'string', enum: ['admin', 'instructor'] },
          },
          required: ['email', 'name', 'password', 'role'],
          additionalProperties: false,
        },
        response: {
          201: { type: 'object', properties: { account: accountSchema } },
          ...errors(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const account = await createAccount(db, request.body);
      reply.code(201);
      return { account };
    },
  );
}
