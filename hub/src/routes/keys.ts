/**
 * The keys this hub vouches for: its own (which countersigns every event it
 * accepts) and each tablet's registered signing key. The answer is a trust
 * list as `defuse verify --trust` and the debrief read it, so a log the hub
 * served can be checked away from the hub.
 */
import type { FastifyInstance } from 'fastify';
import type { PublicKeyJwk, TrustedKey } from '@defuse/engine';
import { requireAccount } from '../auth/context';
import type { Database } from '../db/database';
import { HUB_NAME, hubKey } from '../signing';
import { errors, trustedKeySchema } from './schemas';

/** Registers `/keys`. */
export async function keyRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.get(
    '/keys',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['logs'],
        summary: "The hub's key and every registered tablet key, as a trust list",
        response: {
          200: {
            type: 'object',
            properties: { keys: { type: 'array', items: trustedKeySchema } },
          },
          ...errors(401),
        },
      },
    },
    async () => {
      const [own, { rows }] = await Promise.all([
        hubKey(db),
        db.query<{ public_key: string; names: string[] }>(
          `SELECT d.public_key, array_agg(DISTINCT d.trainee_id || ' · ' || c.name) AS names
           FROM devices d JOIN classes c ON c.id = d.class_id
           WHERE d.public_key IS NOT NULL GROUP BY d.public_key ORDER BY min(d.joined_at)`,
        ),
      ]);
      // One tablet that joined several classes has one key: list it once, with every name.
      const devices: TrustedKey[] = rows.map((row) => ({
        publicKey: JSON.parse(row.public_key) as PublicKeyJwk,
        kind: 'device',
        name: row.names.join(', '),
      }));
      return { keys: [{ publicKey: own.publicJwk, kind: 'hub', name: HUB_NAME }, ...devices] };
    },
  );
}
