/**
 * Every route checks its caller. For each kind of caller, the test walks
 * every route it must not use and expects 401 or 403, and checks that what
 * it may read it can.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillLog } from './support/drills';
import {
  firstAdmin,
  joinDevice,
  KINDS,
  newInstructor,
  openClass,
  publish,
  shippedScenario,
  shippedText,
  startHub,
  upload,
  type Caller,
  type TestHub,
} from './support/hub';

type Role = 'nobody' | 'device' | 'instructor' | 'admin';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  /** Who may use it. */
  who: Role[];
}

describe.each(KINDS)('roles on %s', (kind) => {
  let hub: TestHub;
  const callers = {} as Record<Role, Caller>;
  let routes: Route[];

  beforeAll(async () => {
    hub = await startHub(kind);
    const admin = await firstAdmin(hub);
    const instructor = await newInstructor(hub, admin);
    const scenario = await publish(hub, instructor, shippedText('library-agitated-patron'));
    const klass = await openClass(hub, instructor, [scenario.digest]);
    const device = await joinDevice(hub, klass.code, 'recruit-07');
    const log = await drillLog(shippedScenario('library-agitated-patron'), {
      trainee: 'recruit-07',
    });
    expect((await upload(hub, device, log)).statusCode).toBe(200);
    callers.nobody = { headers: {} };
    callers.device = device;
    callers.instructor = instructor;
    callers.admin = admin;
    const staff: Role[] = ['instructor', 'admin'];
    const other = randomUUID();
    routes = [
      { method: 'POST', url: '/auth/logout', who: staff },
      { method: 'GET', url: '/auth/me', who: staff },
      { method: 'GET', url: '/accounts', who: ['admin'] },
      {
        method: 'POST',
        url: '/accounts',
        payload: { email: 'x@academy.test', name: 'X', password: 'long enough pw', role: 'admin' },
        who: ['admin'],
      },
      { method: 'GET', url: '/scenarios', who: staff },
      {
        method: 'POST',
        url: '/scenarios',
        payload: JSON.parse(shippedText('domestic-dispute-child')),
        who: staff,
      },
      { method: 'GET', url: `/scenarios/${scenario.id}/${scenario.version}`, who: staff },
      { method: 'GET', url: '/classes', who: staff },
      {
        method: 'POST',
        url: '/classes',
        payload: { name: 'Rogue class', mode: 'training', scenarios: [scenario.digest] },
        who: staff,
      },
      { method: 'GET', url: `/classes/${klass.id}`, who: staff },
      { method: 'GET', url: `/classes/${klass.id}/qr.svg`, who: staff },
      { method: 'POST', url: `/classes/${klass.id}/close`, who: staff },
      { method: 'GET', url: '/logs', who: staff },
      { method: 'GET', url: '/logs/full', who: staff },
      { method: 'GET', url: `/logs/${log.sessionId}`, who: staff },
      {
        method: 'POST',
        url: `/logs/${log.sessionId}/notes`,
        payload: { text: 'note' },
        who: staff,
      },
      { method: 'GET', url: '/trainees/recruit-07/export', who: ['admin'] },
      { method: 'DELETE', url: '/trainees/recruit-07', who: ['admin'] },
      { method: 'GET', url: '/settings', who: ['admin'] },
      { method: 'PUT', url: '/settings', payload: { retentionDays: 1 }, who: ['admin'] },
      { method: 'GET', url: '/device', who: ['device'] },
      { method: 'GET', url: '/device/scenarios', who: ['device'] },
      {
        method: 'POST',
        url: `/device/logs/${other}/events`,
        payload: { header: { ...log, sessionId: other, events: undefined }, events: log.events },
        who: ['device'],
      },
    ];
  });
  afterAll(() => hub?.close());

  const refused = async (role: Role) => {
    const answers: string[] = [];
    for (const route of routes.filter((r) => !r.who.includes(role))) {
      const response = await hub.request({
        method: route.method,
        url: route.url,
        headers: callers[role].headers,
        ...(route.payload === undefined ? {} : { payload: route.payload as object }),
      });
      answers.push(`${route.method} ${route.url} ${response.statusCode}`);
      expect([401, 403], `${route.method} ${route.url}: ${response.body}`).toContain(
        response.statusCode,
      );
    }
    return answers;
  };

  const reads = async (role: Role, urls: string[]) => {
    for (const url of urls) {
      const response = await hub.request({ method: 'GET', url, headers: callers[role].headers });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  };

  it('refuses nobody every route that needs a caller', async () => {
    const answers = await refused('nobody');
    expect(answers).toHaveLength(routes.length);
    for (const url of ['/health', '/setup', '/openapi.json']) {
      expect((await hub.request({ method: 'GET', url })).statusCode).toBe(200);
    }
  });

  it("refuses a tablet's token every instructor and admin route", async () => {
    const answers = await refused('device');
    expect(answers).toHaveLength(routes.length - 3);
    await reads('device', ['/device', '/device/scenarios']);
  });

  it('refuses an instructor the admin routes and the tablet routes', async () => {
    const answers = await refused('instructor');
    expect(answers.map((a) => a.split(' ').slice(0, 2).join(' '))).toEqual([
      'GET /accounts',
      'POST /accounts',
      'GET /trainees/recruit-07/export',
      'DELETE /trainees/recruit-07',
      'GET /settings',
      'PUT /settings',
      'GET /device',
      'GET /device/scenarios',
      expect.stringMatching(/^POST \/device\/logs\//),
    ]);
    await reads('instructor', ['/scenarios', '/classes', '/logs', '/logs/full', '/auth/me']);
  });

  it('refuses an admin the tablet routes only', async () => {
    const answers = await refused('admin');
    expect(answers).toHaveLength(3);
    await reads('admin', ['/accounts', '/settings', '/trainees/recruit-07/export', '/logs']);
    // Nothing a refused caller sent was done.
    const { rows } = await hub.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM classes WHERE closed_at IS NOT NULL OR name = 'Rogue class'`,
    );
    expect(rows[0]!.n).toBe(0);
    const logs = await hub.request({ method: 'GET', url: '/logs', headers: callers.admin.headers });
    expect(logs.json().total).toBe(1);
  });
});
