/** What a joined tablet may read: its own standing and its class's scenarios. */
import type { FastifyInstance } from 'fastify';
import { requireDevice } from '../auth/context';
import type { Database } from '../db/database';
import { errors, mode, uuid } from './schemas';

/** Registers `/device` and `/device/scenarios`. */
export async function deviceRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.get(
    '/device',
    {
      preHandler: requireDevice,
      schema: {
        tags: ['tablets'],
        summary: 'This tablet and its class',
        response: {
          200: {
            type: 'object',
            properties: {
              device: { type: 'object', properties: { id: uuid, traineeId: { type: 'string' } } },
              class: { type: 'object', properties: { id: uuid, name: { type: 'string' }, mode } },
            },
          },
          ...errors(401),
        },
      },
    },
    async (request) => {
      const device = request.device!;
      const { rows } = await db.query<{ id: string; name: string; mode: string }>(
        'SELECT id, name, mode FROM classes WHERE id = $1',
        [device.classId],
      );
      return { device: { id: device.id, traineeId: device.traineeId }, class: rows[0] };
    },
  );

  app.get(
    '/device/scenarios',
    {
      preHandler: requireDevice,
      schema: {
        tags: ['tablets'],
        summary: "The class's scenario documents, for offline use",
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401) },
      },
    },
    async (request, reply) => {
      const { rows } = await db.query<{ document: string }>(
        `SELECT s.document FROM class_scenarios cs JOIN scenarios s ON s.digest = cs.digest
         WHERE cs.class_id = $1 ORDER BY cs.position`,
        [request.device!.classId],
      );
      return reply
        .type('application/json; charset=utf-8')
        .serializer((text: string) => text)
        .send(`{"scenarios":[${rows.map((row) => row.document).join(',')}]}`);
    },
  );
}
