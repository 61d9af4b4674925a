/**
 * Class sessions: an instructor opens one with its scenarios and mode; it
 * shows a join code and a QR code; tablets join with the code and a trainee
 * id; closing it revokes every tablet's token.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PublicKeyJwk } from '@defuse/engine';
import QRCode from 'qrcode';
import { requireAccount } from '../auth/context';
import { newJoinCode, newToken, tokenHash } from '../auth/tokens';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { isUsablePublicKey, publicJwkOf } from '../signing';
import {
  classSchema,
  digest,
  displayName,
  errors,
  mode,
  publicKeyJwk,
  traineeId,
  uuid,
} from './schemas';

interface ClassRow {
  id: string;
  name: string;
  mode: 'training' | 'assessment';
  join_code: string;
  created_at: Date;
  closed_at: Date | null;
  device_count: number;
}

const SELECT_CLASS = `SELECT c.id, c.name, c.mode, c.join_code, c.created_at, c.closed_at,
  (SELECT count(*)::int FROM devices d WHERE d.class_id = c.id) AS device_count FROM classes c`;

/** A class as the API shows it, with its scenarios. */
export async function loadClass(db: Queryable, id: string) {
  const { rows } = await db.query<ClassRow>(`${SELECT_CLASS} WHERE c.id = $1`, [id]);
  if (!rows[0]) throw new HttpError(404, 'There is no such class on this hub.');
  return (await withScenarios(db, rows))[0]!;
}

async function withScenarios(db: Queryable, rows: ClassRow[]) {
  if (rows.length === 0) return [];
  const { rows: assigned } = await db.query<{
    class_id: string;
    id: string;
    version: string;
    digest: string;
    title: string;
  }>(
    `SELECT cs.class_id, s.id, s.version, s.digest, s.title FROM class_scenarios cs
     JOIN scenarios s ON s.digest = cs.digest WHERE cs.class_id = ANY($1::uuid[]) ORDER BY cs.position`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    mode: row.mode,
    code: row.join_code,
    open: row.closed_at === null,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: row.closed_at && new Date(row.closed_at).toISOString(),
    scenarios: assigned
      .filter((s) => s.class_id === row.id)
      .map(({ id, version, digest, title }) => ({ id, version, digest, title })),
    deviceCount: row.device_count,
  }));
}

const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;

/** Registers `/classes`, `/join` and `/device`. */
export async function classRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.get<{ Querystring: { open?: boolean } }>(
    '/classes',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['classes'],
        summary: 'Class sessions, newest first',
        querystring: {
          type: 'object',
          properties: { open: { type: 'boolean' } },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { classes: { type: 'array', items: classSchema } } },
          ...errors(401),
        },
      },
    },
    async (request) => {
      const filter =
        request.query.open === undefined
          ? ''
          : request.query.open
            ? 'WHERE c.closed_at IS NULL'
            : 'WHERE c.closed_at IS NOT NULL';
      const { rows } = await db.query<ClassRow>(
        `${SELECT_CLASS} ${filter} ORDER BY c.created_at DESC LIMIT 500`,
      );
      return { classes: await withScenarios(db, rows) };
    },
  );

  app.post<{ Body: { name: string; mode: 'training' | 'assessment'; scenarios: string[] } }>(
    '/classes',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['classes'],
        summary: 'Open a class session with its scenarios; answers its join code',
        body: {
          type: 'object',
          properties: {
            name: displayName,
            mode,
            scenarios: {
              type: 'array',
              items: digest,
              minItems: 1,
              maxItems: 50,
              uniqueItems: true,
            },
          },
          required: ['name', 'mode', 'scenarios'],
          additionalProperties: false,
        },
        response: { 201: classSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { name, mode: classMode, scenarios } = request.body;
      const id = randomUUID();
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ digest: string }>(
          'SELECT digest FROM scenarios WHERE digest = ANY($1::text[])',
          [scenarios],
        );
        const missing = scenarios.filter((d) => !rows.some((row) => row.digest === d));
        if (missing.length)
          throw new HttpError(422, `No published scenario has the digest ${missing[0]}.`);
        // A fresh code until one is free among open classes (the unique index decides).
        for (let attempt = 0; ; attempt++) {
          const inserted = await tx.query(
            `INSERT INTO classes (id, name, mode, join_code, created_by)
             SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS
               (SELECT 1 FROM classes WHERE join_code = $4 AND closed_at IS NULL)`,
            [id, name.trim(), classMode, newJoinCode(), request.account!.id],
          );
          if (inserted.rowCount > 0) break;
          if (attempt > 20) throw new Error('no free join code');
        }
        for (const [position, d] of scenarios.entries()) {
          await tx.query(
            'INSERT INTO class_scenarios (class_id, digest, position) VALUES ($1, $2, $3)',
            [id, d, position],
          );
        }
      });
      reply.code(201);
      return loadClass(db, id);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/classes/:id',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['classes'],
        summary: 'A class session with its tablets',
        params: idParams,
        response: { 200: classSchema, ...errors(401, 404) },
      },
    },
    async (request) => {
      const info = await loadClass(db, request.params.id);
      const { rows } = await db.query<{
        id: string;
        trainee_id: string;
        joined_at: Date;
        revoked_at: Date | null;
      }>(
        'SELECT id, trainee_id, joined_at, revoked_at FROM devices WHERE class_id = $1 ORDER BY joined_at',
        [request.params.id],
      );
      return {
        ...info,
        devices: rows.map((row) => ({
          id: row.id,
          traineeId: row.trainee_id,
          joinedAt: new Date(row.joined_at).toISOString(),
          revoked: row.revoked_at !== null,
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/classes/:id/qr.svg',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['classes'],
        summary: 'A QR code of the join link',
        params: idParams,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const info = await loadClass(db, request.params.id);
      const origin = `${request.protocol}://${request.host}`;
      const svg = await QRCode.toString(`${origin}/#/join/${info.code}`, {
        type: 'svg',
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/classes/:id/close',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['classes'],
        summary: "Close a class session; its tablets' tokens stop working",
        params: idParams,
        response: { 200: classSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      await db.query(
        `WITH closed AS (UPDATE classes SET closed_at = coalesce(closed_at, now()) WHERE id = $1 RETURNING id)
         UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE class_id IN (SELECT id FROM closed)`,
        [request.params.id],
      );
      return loadClass(db, request.params.id);
    },
  );

  app.post<{ Body: { code: string; traineeId: string; publicKey?: PublicKeyJwk } }>(
    '/join',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['tablets'],
        summary:
          "Join a class with its code, a trainee id and the tablet's public signing key; answers the device token",
        body: {
          type: 'object',
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 32 },
            traineeId,
            publicKey: publicKeyJwk,
          },
          required: ['code', 'traineeId'],
          additionalProperties: false,
        },
        response: {
          201: {
            type: 'object',
            properties: {
              token: { type: 'string' },
              device: { type: 'object', properties: { id: uuid, traineeId: { type: 'string' } } },
              class: { type: 'object', properties: { id: uuid, name: { type: 'string' }, mode } },
            },
          },
          ...errors(400, 404, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const { publicKey } = request.body;
      if (publicKey && !isUsablePublicKey(publicKey)) {
        throw new HttpError(422, 'The tablet’s public key is not a point on the P-256 curve.');
      }
      const code = request.body.code.replace(/[\s-]/g, '').toUpperCase();
      const { rows } = await db.query<{
        id: string;
        name: string;
        mode: 'training' | 'assessment';
      }>('SELECT id, name, mode FROM classes WHERE join_code = $1 AND closed_at IS NULL', [code]);
      const found = rows[0];
      if (!found)
        throw new HttpError(
          404,
          `No open class has the code ${code}. Check the code on the instructor's screen.`,
        );
      const token = newToken();
      const device = { id: randomUUID(), traineeId: request.body.traineeId };
      await db.query(
        'INSERT INTO devices (id, class_id, trainee_id, token_hash, public_key) VALUES ($1, $2, $3, $4, $5)',
        [
          device.id,
          found.id,
          device.traineeId,
          tokenHash(token),
          // Only the four members, so the stored text compares equal to a log header's key.
          publicKey ? JSON.stringify(publicJwkOf(publicKey)) : null,
        ],
      );
      reply.code(201);
      return { token, device, class: found };
    },
  );
}
