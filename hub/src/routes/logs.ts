/**
 * Tablets upload their drills' events; instructors list, open and annotate
 * the stored logs.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LogEvent } from '@defuse/schemas';
import { requireAccount, requireDevice } from '../auth/context';
import type { Database } from '../db/database';
import { HttpError } from '../errors';
import { ingestEvents, MAX_BATCH_EVENTS, type LogHeader } from '../ingest';
import { listLogs, logsPageJson, oneLogJson, toNote, type LogFilter } from '../logs';
import { errors, logSummarySchema, noteSchema, uuid } from './schemas';

/** An upload of at most 500 events stays well under this. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const sessionParams = {
  type: 'object',
  properties: { sessionId: uuid },
  required: ['sessionId'],
} as const;

const filterQuery = {
  type: 'object',
  properties: {
    class: uuid,
    trainee: { type: 'string', maxLength: 64 },
    scenario: { type: 'string', maxLength: 80 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
  additionalProperties: false,
} as const;

interface FilterQuery {
  class?: string;
  trainee?: string;
  scenario?: string;
  limit: number;
  offset: number;
}

const toFilter = (q: FilterQuery): LogFilter => ({
  classId: q.class,
  traineeId: q.trainee,
  scenario: q.scenario,
});

function sendJson(reply: FastifyReply, text: string) {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((t: string) => t)
    .send(text);
}

/** Registers `/device/logs/...` and `/logs`. */
export async function logRoutes(app: FastifyInstance, { db }: { db: Database }) {
  app.post<{ Params: { sessionId: string }; Body: { header: LogHeader; events: LogEvent[] } }>(
    '/device/logs/:sessionId/events',
    {
      preHandler: requireDevice,
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        tags: ['tablets'],
        summary: "Upload a drill's events in order (idempotent by session and seq)",
        params: sessionParams,
        body: {
          type: 'object',
          properties: {
            header: { type: 'object', additionalProperties: true },
            events: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_BATCH_EVENTS,
              items: { type: 'object', additionalProperties: true },
            },
          },
          required: ['header', 'events'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { stored: { type: 'integer' }, head: { type: 'string' } },
          },
          ...errors(400, 401, 403, 413, 422),
        },
      },
    },
    async (request) =>
      ingestEvents(
        db,
        request.device!,
        request.params.sessionId,
        request.body.header,
        request.body.events,
      ),
  );

  app.get<{ Querystring: FilterQuery }>(
    '/logs',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['logs'],
        summary: 'Stored logs by class, trainee and scenario, newest first',
        querystring: filterQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              logs: { type: 'array', items: logSummarySchema },
              total: { type: 'integer' },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request) =>
      listLogs(db, toFilter(request.query), request.query.limit, request.query.offset),
  );

  app.get<{ Querystring: FilterQuery }>(
    '/logs/full',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['logs'],
        summary: 'Whole logs (events and notes) of one page of the list, for the class view',
        querystring: filterQuery,
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401) },
      },
    },
    async (request, reply) =>
      sendJson(
        reply,
        await logsPageJson(db, toFilter(request.query), request.query.limit, request.query.offset),
      ),
  );

  app.get<{ Params: { sessionId: string } }>(
    '/logs/:sessionId',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['logs'],
        summary: 'One log with the scenario it ran and its notes',
        params: sessionParams,
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401, 404) },
      },
    },
    async (request, reply) => sendJson(reply, await oneLogJson(db, request.params.sessionId)),
  );

  app.post<{ Params: { sessionId: string }; Body: { seq?: number; text: string } }>(
    '/logs/:sessionId/notes',
    {
      preHandler: requireAccount(),
      schema: {
        tags: ['logs'],
        summary: "Add an instructor's note to a log (outside its chain)",
        params: sessionParams,
        body: {
          type: 'object',
          properties: {
            seq: { type: 'integer', minimum: 1 },
            text: { type: 'string', minLength: 1, maxLength: 4000 },
          },
          required: ['text'],
          additionalProperties: false,
        },
        response: { 201: noteSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const account = request.account!;
      const { rows } = await db.query<{
        id: string;
        seq: number | null;
        author_name: string;
        text: string;
        created_at: Date;
      }>(
        `INSERT INTO notes (id, session_id, seq, author_id, author_name, text)
         SELECT $1, session_id, $3, $4, $5, $6 FROM logs WHERE session_id = $2
         RETURNING id, seq, author_name, text, created_at`,
        [
          randomUUID(),
          request.params.sessionId,
          request.body.seq ?? null,
          account.id,
          account.name,
          request.body.text.trim(),
        ],
      );
      if (!rows[0]) throw new HttpError(404, 'There is no such log on this hub.');
      reply.code(201);
      return toNote(rows[0]);
    },
  );
}
