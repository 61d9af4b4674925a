/**
 * Errors as the API answers them: `{ statusCode, error, message }`, the
 * message one line a person can act on, never a stack trace.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';

/** An answer other than success, thrown from a route and sent as it is. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Fields a route adds to the error body (`seq`, `diagnostics`...). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The error body for a status and message. */
export function errorBody(
  statusCode: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...extra };
}

/** What Fastify's own errors should say to a person. */
function describe(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request is too large for this route.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON document.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `The request body is not valid JSON (${error.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'/, '').trim() || 'syntax error'}).`;
    default:
      return error.message;
  }
}

/**
 * Answers every error as JSON in one line. Validation errors name the field
 * (as a JSON pointer into the body); errors the hub did not expect are
 * logged in full and answered with 500 and no detail.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .code(error.statusCode)
        .send(errorBody(error.statusCode, error.message, error.extra));
    }
    if (error.validation) {
      const first = error.validation[0];
      const where = `${error.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
      const detail =
        first?.keyword === 'additionalProperties'
          ? `has an unknown field "${String((first.params as { additionalProperty?: string }).additionalProperty)}"`
          : (first?.message ?? 'is not valid');
      return reply.code(400).send(errorBody(400, `${where} ${detail}`.replace(/\s+/g, ' ')));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(500)
        .send(errorBody(500, 'The hub could not complete this request; it has been logged.'));
    }
    return reply.code(status).send(errorBody(status, describe(error).split('\n')[0]!));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody(404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`)),
  );
}
