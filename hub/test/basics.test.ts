import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, migrate, readConfig, shippedMigrations } from '../src/index';
import { freshDatabase, KINDS, startHub, type TestHub } from './support/hub';

describe('configuration', () => {
  const bad: [string, string][] = [
    ['PORT', '70000'],
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://root@localhost/defuse'],
    ['LOG_LEVEL', 'loud'],
    ['DEFUSE_TRUST_PROXY', 'yes'],
  ];

  it.each(bad)('stops on %s=%s with one line naming the variable', (name, value) => {
    let thrown: unknown;
    try {
      readConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as Error).message;
    expect(message.startsWith(name)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('starts with the documented defaults when nothing is set', () => {
    const config = readConfig({}, '/srv/hub');
    expect(config).toMatchObject({
      port: 4173,
      host: '0.0.0.0',
      dataDir: '/srv/hub/data',
      databaseUrl: undefined,
      logLevel: 'info',
      trustProxy: false,
    });
  });
});

describe.each(KINDS)('the hub on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.close());

  it('answers health with the kind of database it runs on', async () => {
    const response = await hub.request({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, database: kind });
    expect(typeof response.json().version).toBe('string');
  });

  it('records each migration once, and a second start applies nothing', async () => {
    const db = await freshDatabase(kind, false);
    try {
      const first = await migrate(db);
      expect(first).toEqual(shippedMigrations().map((m) => m.version));
      expect(first.length).toBeGreaterThan(0);
      const { rows } = await db.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual(shippedMigrations().map(({ version, name }) => ({ version, name })));
      expect(await migrate(db)).toEqual([]);
      const again = await db.query('SELECT version FROM schema_migrations');
      expect(again.rowCount).toBe(rows.length);
    } finally {
      await db.close();
    }
  });

  it('lists every /api/v1 route in its OpenAPI document', async () => {
    const response = await hub.request({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.entries(response.json().paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const expected = [
      'GET /api/v1/health',
      'GET /api/v1/setup',
      'POST /api/v1/setup',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'GET /api/v1/accounts',
      'POST /api/v1/accounts',
      'GET /api/v1/scenarios',
      'POST /api/v1/scenarios',
      'GET /api/v1/scenarios/{id}/{version}',
      'GET /api/v1/classes',
      'POST /api/v1/classes',
      'GET /api/v1/classes/{id}',
      'GET /api/v1/classes/{id}/qr.svg',
      'POST /api/v1/classes/{id}/close',
      'POST /api/v1/join',
      'GET /api/v1/device',
      'GET /api/v1/device/scenarios',
      'POST /api/v1/device/logs/{sessionId}/events',
      'GET /api/v1/logs',
      'GET /api/v1/logs/full',
      'GET /api/v1/logs/{sessionId}',
      'POST /api/v1/logs/{sessionId}/notes',
      'GET /api/v1/keys',
      'GET /api/v1/trainees/{traineeId}/export',
      'DELETE /api/v1/trainees/{traineeId}',
      'GET /api/v1/settings',
      'PUT /api/v1/settings',
    ];
    expect(paths.filter((p) => p.includes(' /api/v1/')).sort()).toEqual(expected.sort());
  });

  const securityHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toMatch(/https?:|\*/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
  };

  it('sends the security headers on API answers, errors included', async () => {
    securityHeaders((await hub.request({ method: 'GET', url: '/health' })).headers);
    const missing = await hub.request({ method: 'GET', url: '/nothing-here' });
    expect(missing.statusCode).toBe(404);
    securityHeaders(missing.headers);
  });

  it("sends the security headers on the player's files, allowing its inline script by hash only", async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('player');
    securityHeaders(page.headers);
    expect(String(page.headers['content-security-policy'])).toMatch(
      /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/,
    );
    const editor = await hub.app.inject({ method: 'GET', url: '/editor/' });
    expect(editor.statusCode).toBe(200);
    securityHeaders(editor.headers);
  });
});
