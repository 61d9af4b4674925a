/**
 * The admin's duties toward trainees' data: export everything about one
 * trainee, delete it, and keep logs only as long as the academy's policy says.
 */
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../auth/context';
import type { Database, Queryable } from '../db/database';
import { fullLogsJson } from '../logs';
import { errors } from './schemas';

/** Reads the retention setting: days to keep logs, or null to keep them. */
export async function retentionDays(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ value: unknown }>(
    `SELECT value FROM settings WHERE key = 'retentionDays'`,
  );
  const value = rows[0]?.value;
  return typeof value === 'number' ? value : null;
}

/** Deletes logs last updated more than the retention period ago; returns how many. */
export async function applyRetention(db: Queryable): Promise<number> {
  const days = await retentionDays(db);
  if (days === null) return 0;
  const { rowCount } = await db.query(
    `DELETE FROM logs WHERE updated_at < now() - make_interval(days => $1)`,
    [days],
  );
  return rowCount;
}

const traineeParams = {
  type: 'object',
  properties: { traineeId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['traineeId'],
} as const;

const settingsSchema = {
  type: 'object',
  properties: { retentionDays: { type: ['integer', 'null'], minimum: 1, maximum: 36500 } },
  required: ['retentionDays'],
  additionalProperties: false,
} as const;

/** Registers `/trainees/...` and `/settings`. */
export async function adminRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.get<{ Params: { traineeId: string } }>(
    '/trainees/:traineeId/export',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Everything the hub holds about one trainee, as a JSON download',
        params: traineeParams,
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const id = request.params.traineeId;
      const [devices, logs] = await Promise.all([
        db.query<{ id: string; class_id: string; joined_at: Date; revoked_at: Date | null }>(
          'SELECT id, class_id, joined_at, revoked_at FROM devices WHERE trainee_id = $1 ORDER BY joined_at',
          [id],
        ),
        db.query<{ session_id: string }>(
          'SELECT session_id FROM logs WHERE trainee_id = $1 ORDER BY started_at',
          [id],
        ),
      ]);
      const full = await fullLogsJson(
        db,
        logs.rows.map((row) => row.session_id),
      );
      const safeName = id.replace(/[^A-Za-z0-9_-]/g, '_');
      const body = `{"traineeId":${JSON.stringify(id)},"exportedAt":${JSON.stringify(new Date().toISOString())},"devices":${JSON.stringify(
        devices.rows.map((d) => ({
          id: d.id,
          classId: d.class_id,
          joinedAt: new Date(d.joined_at).toISOString(),
          revokedAt: d.revoked_at && new Date(d.revoked_at).toISOString(),
        })),
      )},"logs":[${[...full.values()].join(',')}]}`;
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="trainee-${safeName}.json"`)
        .serializer((text: string) => text)
        .send(body);
    },
  );

  app.delete<{ Params: { traineeId: string } }>(
    '/trainees/:traineeId',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['admin'],
        summary: "Delete a trainee's logs, notes and tablets",
        params: traineeParams,
        response: {
          200: { type: 'object', properties: { deletedLogs: { type: 'integer' } } },
          ...errors(401, 403),
        },
      },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const { rowCount } = await tx.query('DELETE FROM logs WHERE trainee_id = $1', [
          request.params.traineeId,
        ]);
        await tx.query('DELETE FROM devices WHERE trainee_id = $1', [request.params.traineeId]);
        return { deletedLogs: rowCount };
      }),
  );

  app.get(
    '/settings',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['admin'],
        summary: "The hub's settings",
        response: { 200: settingsSchema, ...errors(401, 403) },
      },
    },
    async () => ({ retentionDays: await retentionDays(db) }),
  );

  app.put<{ Body: { retentionDays: number | null } }>(
    '/settings',
    {
      preHandler: requireAccount('admin'),
      schema: {
        tags: ['admin'],
        summary: "Change the hub's settings",
        body: settingsSchema,
        response: { 200: settingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await db.query(
        `INSERT INTO settings (key, value) VALUES ('retentionDays', $1::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [JSON.stringify(request.body.retentionDays)],
      );
      await applyRetention(db);
      return { retentionDays: await retentionDays(db) };
    },
  );
}
