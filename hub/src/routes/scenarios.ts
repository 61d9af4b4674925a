/**
 * The scenario library: instructors publish versions from the editor and
 * open any of them again. A version is immutable: the same id and version
 * with another text is refused, so a log always names the text it ran.
 */
import type { FastifyInstance } from 'fastify';
import { formatDiagnostic, hasErrors, parseScenario, scenarioDigest } from '@defuse/engine';
import { requireAccount } from '../auth/context';
import type { Database } from '../db/database';
import { HttpError } from '../errors';
import { errors, scenarioVersionSchema } from './schemas';

/** The largest scenario document the hub accepts, as the engine's own limit. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

interface VersionRow {
  id: string;
  version: string;
  digest: string;
  title: string;
  published_at: Date;
  published_by_name: string | null;
}

const SELECT_VERSION = `SELECT s.id, s.version, s.digest, s.title, s.published_at, a.name AS published_by_name
  FROM scenarios s LEFT JOIN accounts a ON a.id = s.published_by`;

const toVersion = (row: VersionRow) => ({
  id: row.id,
  version: row.version,
  digest: row.digest,
  title: row.title,
  publishedAt: new Date(row.published_at).toISOString(),
  publishedBy: row.published_by_name ?? 'a deleted account',
});

/** Registers `/scenarios`. */
export async function scenarioRoutes(app: FastifyInstance, { db }: { db: Database }) {
  // The document is checked by the engine from its text, so diagnostics carry lines and columns.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_SCENARIO_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Only JSON is a scenario: Fastify's own text/plain parser must not let another type through.
  app.removeContentTypeParser('text/plain');

  app.get(
    '/scenarios',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['scenarios'],
        summary: 'Every published scenario version, newest first',
        response: {
          200: {
            type: 'object',
            properties: { scenarios: { type: 'array', items: scenarioVersionSchema } },
          },
          ...errors(401),
        },
      },
    },
    async () => {
      const { rows } = await db.query<VersionRow>(
        `${SELECT_VERSION} ORDER BY s.published_at DESC, s.id`,
      );
      return { scenarios: rows.map(toVersion) };
    },
  );

  app.get<{ Params: { id: string; version: string } }>(
    '/scenarios/:id/:version',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['scenarios'],
        summary: 'One published scenario document',
        params: {
          type: 'object',
          properties: {
            id: { type: 'string', maxLength: 64 },
            version: { type: 'string', maxLength: 64 },
          },
          required: ['id', 'version'],
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const { rows } = await db.query<{ document: string }>(
        'SELECT document FROM scenarios WHERE id = $1 AND version = $2',
        [request.params.id, request.params.version],
      );
      if (!rows[0]) {
        throw new HttpError(
          404,
          `No version ${request.params.version} of "${request.params.id}" is on this hub.`,
        );
      }
      return reply
        .type('application/json; charset=utf-8')
        .serializer((text: string) => text)
        .send(rows[0].document);
    },
  );

  app.post<{ Body: string }>(
    '/scenarios',
    {
      preHandler: requireAccount(),
      bodyLimit: MAX_SCENARIO_BYTES,
      schema: {
        tags: ['scenarios'],
        summary: 'Publish a scenario version (checked as `defuse validate` checks it)',
        description:
          'The body is the scenario document. 201 when stored, 200 when this exact version is already there; ' +
          '422 with `diagnostics` when the engine finds an error; 409 when the id and version exist with another text.',
        response: {
          200: scenarioVersionSchema,
          201: scenarioVersionSchema,
          ...errors(400, 401, 403, 409, 413, 422),
        },
      },
    },
    async (request, reply) => {
      const parsed = parseScenario(request.body, { analyse: true });
      const diagnostics = [...parsed.diagnostics, ...(parsed.analysis?.diagnostics ?? [])];
      if (!parsed.scenario || hasErrors(diagnostics)) {
        const shown = diagnostics.filter((d) => d.severity === 'error');
        throw new HttpError(
          422,
          `The scenario has ${shown.length} error${shown.length === 1 ? '' : 's'}: ${formatDiagnostic('scenario', shown[0]!)}`,
          {
            diagnostics: diagnostics.map((d) => ({ ...d, text: formatDiagnostic('scenario', d) })),
          },
        );
      }
      const scenario = parsed.scenario;
      const digest = scenarioDigest(scenario);
      const account = request.account!;
      const stored = await db.transaction(async (tx) => {
        const inserted = await tx.query<{ id: string }>(
          `INSERT INTO scenarios (id, version, digest, title, document, published_by)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
          [scenario.id, scenario.version, digest, scenario.title, request.body, account.id],
        );
        const existing = await tx.query<VersionRow>(
          `${SELECT_VERSION} WHERE s.id = $1 AND s.version = $2`,
          [scenario.id, scenario.version],
        );
        return { created: inserted.rowCount > 0, row: existing.rows[0] };
      });
      if (!stored.row || stored.row.digest !== digest) {
        throw new HttpError(
          409,
          `Version ${scenario.version} of "${scenario.id}" is already on the hub with a different text. ` +
            'Raise the version (for example to the next patch number) and publish again.',
          { existingDigest: stored.row?.digest },
        );
      }
      reply.code(stored.created ? 201 : 200);
      return toVersion(stored.row);
    },
  );
}
