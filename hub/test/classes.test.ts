import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstAdmin,
  joinDevice,
  KINDS,
  newInstructor,
  openClass,
  publish,
  shippedText,
  startHub,
  type Instructor,
  type Published,
  type TestHub,
} from './support/hub';

describe.each(KINDS)('classes and tablets on %s', (kind) => {
  let hub: TestHub;
  let instructor: Instructor;
  let library: Published;
  beforeAll(async () => {
    hub = await startHub(kind);
    instructor = await newInstructor(hub, await firstAdmin(hub));
    library = await publish(hub, instructor, shippedText('library-agitated-patron'));
  });
  afterAll(() => hub?.close());

  it('opens a class with a six-character join code and its scenarios', async () => {
    const klass = await openClass(hub, instructor, [library.digest]);
    expect(klass.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(klass.open).toBe(true);
    expect(klass.scenarios.map((s) => s.digest)).toEqual([library.digest]);
    const listed = await hub.request({
      method: 'GET',
      url: '/classes?open=true',
      headers: instructor.headers,
    });
    expect(listed.json().classes.map((c: { id: string }) => c.id)).toContain(klass.id);
  });

  it('refuses a class with a scenario that is not published with 422', async () => {
    const response = await hub.request({
      method: 'POST',
      url: '/classes',
      headers: instructor.headers,
      payload: { name: 'Ghost', mode: 'training', scenarios: [`sha256:${'0'.repeat(64)}`] },
    });
    expect(response.statusCode).toBe(422);
  });

  it('shows a QR code of the join link as SVG', async () => {
    const klass = await openClass(hub, instructor, [library.digest]);
    const qr = await hub.request({
      method: 'GET',
      url: `/classes/${klass.id}/qr.svg`,
      headers: { ...instructor.headers, host: 'hub.academy.test:4173' },
    });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>\s*$/);
    const other = await openClass(hub, instructor, [library.digest]);
    const otherQr = await hub.request({
      method: 'GET',
      url: `/classes/${other.id}/qr.svg`,
      headers: { ...instructor.headers, host: 'hub.academy.test:4173' },
    });
    expect(otherQr.body).not.toBe(qr.body);
  });

  it('lets a tablet join with the code in any case and with spaces, and read its scenarios', async () => {
    const klass = await openClass(hub, instructor, [library.digest]);
    const spaced = ` ${klass.code.slice(0, 3).toLowerCase()} ${klass.code.slice(3).toLowerCase()} `;
    const device = await joinDevice(hub, spaced, 'recruit-12');
    expect(device.traineeId).toBe('recruit-12');
    const me = await hub.request({ method: 'GET', url: '/device', headers: device.headers });
    expect(me.json()).toMatchObject({
      device: { traineeId: 'recruit-12' },
      class: { id: klass.id },
    });
    const scenarios = await hub.request({
      method: 'GET',
      url: '/device/scenarios',
      headers: device.headers,
    });
    expect(scenarios.statusCode).toBe(200);
    expect(scenarios.json().scenarios.map((s: { id: string }) => s.id)).toEqual([library.id]);
    const info = await hub.request({
      method: 'GET',
      url: `/classes/${klass.id}`,
      headers: instructor.headers,
    });
    expect(info.json().devices).toEqual([
      expect.objectContaining({ traineeId: 'recruit-12', revoked: false }),
    ]);
  });

  it('answers 404 to a wrong join code', async () => {
    const response = await hub.request({
      method: 'POST',
      url: '/join',
      payload: { code: 'ZZZZZZ', traineeId: 'recruit-13' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).not.toHaveProperty('token');
  });

  it("revokes every tablet's token when the class closes: 401 after, and the code no longer joins", async () => {
    const klass = await openClass(hub, instructor, [library.digest]);
    const a = await joinDevice(hub, klass.code, 'recruit-21');
    const b = await joinDevice(hub, klass.code, 'recruit-22');
    const closed = await hub.request({
      method: 'POST',
      url: `/classes/${klass.id}/close`,
      headers: instructor.headers,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().open).toBe(false);
    for (const device of [a, b]) {
      const scenarios = await hub.request({
        method: 'GET',
        url: '/device/scenarios',
        headers: device.headers,
      });
      expect(scenarios.statusCode).toBe(401);
    }
    const rejoin = await hub.request({
      method: 'POST',
      url: '/join',
      payload: { code: klass.code, traineeId: 'recruit-21' },
    });
    expect(rejoin.statusCode).toBe(404);
    const info = await hub.request({
      method: 'GET',
      url: `/classes/${klass.id}`,
      headers: instructor.headers,
    });
    expect(info.json().devices.map((d: { revoked: boolean }) => d.revoked)).toEqual([true, true]);
  });
});
