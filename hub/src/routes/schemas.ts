/**
 * JSON Schemas of the API's request and answer bodies, shared by the routes
 * (compiled by Fastify's ajv) and the OpenAPI document generated from them.
 */

export const errorSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['statusCode', 'error', 'message'],
  additionalProperties: true,
} as const;

export const accountSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'instructor'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'email', 'name', 'role', 'createdAt'],
} as const;

export const sessionAnswerSchema = {
  type: 'object',
  properties: { account: accountSchema, csrfToken: { type: 'string' } },
  required: ['account', 'csrfToken'],
} as const;

export const email = { type: 'string', format: 'email', maxLength: 254 } as const;
export const password = { type: 'string', minLength: 10, maxLength: 200 } as const;
export const displayName = { type: 'string', minLength: 1, maxLength: 120 } as const;
export const traineeId = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^\\S(.*\\S)?$',
} as const;
export const uuid = { type: 'string', format: 'uuid' } as const;
export const digest = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;
export const mode = { type: 'string', enum: ['training', 'assessment'] } as const;

/** A P-256 public key as a JWK: exactly these four members (32-byte coordinates, base64url). */
export const publicKeyJwk = {
  type: 'object',
  properties: {
    kty: { type: 'string', const: 'EC' },
    crv: { type: 'string', const: 'P-256' },
    x: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
    y: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
  },
  required: ['kty', 'crv', 'x', 'y'],
  additionalProperties: false,
} as const;

/** A key a verifier may trust, as `defuse verify --trust` reads it. */
export const trustedKeySchema = {
  type: 'object',
  properties: {
    publicKey: publicKeyJwk,
    kind: { type: 'string', enum: ['device', 'hub'] },
    name: { type: 'string' },
  },
  required: ['publicKey', 'kind'],
} as const;

export const scenarioVersionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    version: { type: 'string' },
    digest: { type: 'string' },
    title: { type: 'string' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: { type: 'string' },
  },
  required: ['id', 'version', 'digest', 'title', 'publishedAt', 'publishedBy'],
} as const;

export const classSchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    mode,
    code: { type: 'string' },
    open: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    scenarios: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          version: { type: 'string' },
          digest: { type: 'string' },
          title: { type: 'string' },
        },
      },
    },
    deviceCount: { type: 'integer' },
    devices: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: uuid,
          traineeId: { type: 'string' },
          joinedAt: { type: 'string', format: 'date-time' },
          revoked: { type: 'boolean' },
        },
      },
    },
  },
  required: [
    'id',
    'name',
    'mode',
    'code',
    'open',
    'createdAt',
    'closedAt',
    'scenarios',
    'deviceCount',
  ],
} as const;

export const logSummarySchema = {
  type: 'object',
  properties: {
    sessionId: uuid,
    classId: uuid,
    className: { type: 'string' },
    traineeId: { type: 'string' },
    scenarioId: { type: 'string' },
    scenarioVersion: { type: 'string' },
    scenarioDigest: { type: 'string' },
    scenarioTitle: { type: 'string' },
    mode,
    startedAt: { type: 'string' },
    events: { type: 'integer' },
    lastSeq: { type: 'integer' },
    complete: { type: 'boolean' },
    outcome: { type: 'object', additionalProperties: true },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const noteSchema = {
  type: 'object',
  properties: {
    id: uuid,
    seq: { type: 'integer' },
    author: { type: 'string' },
    text: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'author', 'text', 'createdAt'],
} as const;

/** The usual error answers of a route, for the OpenAPI document. */
export function errors(...codes: number[]) {
  return Object.fromEntries(codes.map((code) => [code, errorSchema]));
}
