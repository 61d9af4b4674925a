import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstAdmin,
  KINDS,
  newInstructor,
  PASSWORD,
  startHub,
  type Instructor,
  type TestHub,
} from './support/hub';

describe.each(KINDS)('accounts and sign-in on %s', (kind) => {
  let hub: TestHub;
  let admin: Instructor;
  beforeAll(async () => {
    hub = await startHub(kind);
  });
  afterAll(() => hub?.close());

  it('asks for a first admin on a fresh hub, accepts one, and refuses a second with 409', async () => {
    expect((await hub.request({ method: 'GET', url: '/setup' })).json()).toEqual({
      needsAdmin: true,
    });
    admin = await firstAdmin(hub);
    expect(admin.account.role).toBe('admin');
    expect((await hub.request({ method: 'GET', url: '/setup' })).json()).toEqual({
      needsAdmin: false,
    });
    const second = await hub.request({
      method: 'POST',
      url: '/setup',
      payload: { email: 'intruder@academy.test', name: 'Intruder', password: PASSWORD },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/already has an admin/);
    const accounts = await hub.request({ method: 'GET', url: '/accounts', headers: admin.headers });
    expect(accounts.json().accounts.map((a: { email: string }) => a.email)).toEqual([
      'chief@academy.test',
    ]);
  });

  it('keeps the session in an httpOnly SameSite=Strict cookie', async () => {
    const response = await hub.request({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'chief@academy.test', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'defuse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(response.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    const me = await hub.request({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie: `defuse_session=${cookie!.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.email).toBe('chief@academy.test');
    expect(me.json().csrfToken).toBe(response.json().csrfToken);
    expect(me.json().account).not.toHaveProperty('csrfToken');
  });

  it('refuses a wrong password with 401 and the same words as an unknown e-mail', async () => {
    const wrong = await hub.request({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'chief@academy.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies).toHaveLength(0);
    const unknown = await hub.request({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'nobody@academy.test', password: 'not the password' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.json().message);
  });

  it('answers 429 after repeated failed sign-ins, even with the right password', async () => {
    const email = 'locked@academy.test';
    await newInstructor(hub, admin, email);
    const attempt = (password: string) =>
      hub.request({ method: 'POST', url: '/auth/login', payload: { email, password } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('guess number ' + i)).statusCode);
    // The sign-in in newInstructor counted too: five attempts a minute, then 429.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const right = await attempt(PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toMatch(/Too many sign-in attempts; wait \d+ s/);
    // Counted per address and e-mail: another instructor at the same address still signs in.
    const other = await hub.request({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'chief@academy.test', password: PASSWORD },
    });
    expect(other.statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the x-csrf-token header with 403', async () => {
    const payload = {
      email: 'new@academy.test',
      name: 'New',
      password: PASSWORD,
      role: 'instructor',
    };
    const without = await hub.request({
      method: 'POST',
      url: '/accounts',
      headers: { cookie: admin.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toMatch(/x-csrf-token/);
    const wrong = await hub.request({
      method: 'POST',
      url: '/accounts',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const list = await hub.request({ method: 'GET', url: '/accounts', headers: admin.headers });
    expect(list.json().accounts.map((a: { email: string }) => a.email)).not.toContain(
      'new@academy.test',
    );
    const right = await hub.request({
      method: 'POST',
      url: '/accounts',
      headers: admin.headers,
      payload,
    });
    expect(right.statusCode).toBe(201);
  });

  it('ends the session on sign-out: the old cookie answers 401', async () => {
    const instructor = await newInstructor(hub, admin);
    const out = await hub.request({
      method: 'POST',
      url: '/auth/logout',
      headers: instructor.headers,
    });
    expect(out.statusCode).toBe(204);
    const me = await hub.request({ method: 'GET', url: '/auth/me', headers: instructor.headers });
    expect(me.statusCode).toBe(401);
  });

  it('refuses a second account with a taken e-mail with 409', async () => {
    const again = await hub.request({
      method: 'POST',
      url: '/accounts',
      headers: admin.headers,
      payload: {
        email: 'CHIEF@academy.test',
        name: 'Copy',
        password: PASSWORD,
        role: 'instructor',
      },
    });
    expect(again.statusCode).toBe(409);
  });
});
