/**
 * The hub as a Fastify application: security headers, cookies, rate limits,
 * the API under `/api/v1` (described by OpenAPI), and the built apps.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { installCallerContext } from './auth/context';
import type { HubConfig } from './config';
import type { Database } from './db/database';
import { installErrorHandler } from './errors';
import { inlineScriptHashes } from './inline-scripts';
import { databaseRateLimitStore } from './rate-limit-store';
import { accountRoutes } from './routes/accounts';
import { adminRoutes } from './routes/admin';
import { classRoutes } from './routes/classes';
import { deviceRoutes } from './routes/device';
import { keyRoutes } from './routes/keys';
import { logRoutes } from './routes/logs';
import { scenarioRoutes } from './routes/scenarios';
import { HUB_VERSION } from './version';

/** Where the API lives. */
export const API_PREFIX = '/api/v1';

export interface BuildOptions {
  config: Pick<HubConfig, 'staticDir' | 'logLevel' | 'trustProxy'>;
  db: Database;
}

/** Builds the hub's application (not yet listening). */
export async function buildHub({ config, db }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // One line per request drowns the start-up line and errors on a classroom laptop; debug shows them.
    disableRequestLogging: !['debug', 'trace'].includes(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Unknown fields are refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } },
  });
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [
          "'self'",
          ...inlineScriptHashes([
            join(config.staticDir, 'index.html'),
            join(config.staticDir, 'editor', 'index.html'),
          ]),
        ],
        // React and React Flow set element styles; no style sheet comes from elsewhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // The hub is reached over plain HTTP on a classroom network.
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
  installCallerContext(app, db);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Defuse class hub',
        version: HUB_VERSION,
        description:
          'Scenarios, classes, tablets and decision logs. Instructors use the `defuse_session` cookie (writes also send `x-csrf-token`); tablets send `Authorization: Bearer <device token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'defuse_session' },
          device: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: `${API_PREFIX}/docs`, staticCSP: false });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          schema: {
            tags: ['hub'],
            summary: 'Whether the hub and its database answer',
            response: {
              200: {
                type: 'object',
                properties: {
                  ok: { type: 'boolean' },
                  database: { type: 'string', enum: ['pglite', 'postgresql'] },
                  version: { type: 'string' },
                },
              },
            },
          },
        },
        async () => {
          await db.query('SELECT 1');
          return { ok: true, database: db.kind, version: HUB_VERSION };
        },
      );
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(accountRoutes, { db });
      await api.register(scenarioRoutes, { db });
      await api.register(classRoutes, { db });
      await api.register(deviceRoutes, { db });
      await api.register(logRoutes, { db });
      await api.register(keyRoutes, { db });
      await api.register(adminRoutes, { db });
    },
    { prefix: API_PREFIX },
  );

  if (existsSync(join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      redirect: true,
      // A new build must reach tablets: HTML and the service worker are revalidated each time.
      setHeaders(res, path) {
        if (/\.(html|webmanifest)$|sw\.js$|registerSW\.js$/.test(path))
          res.header('cache-control', 'no-cache');
        else if (/\/assets\//.test(path))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  } else {
    app.log.warn(
      `${config.staticDir} has no built player; serving the API only (run pnpm start to build)`,
    );
  }
  return app;
}
