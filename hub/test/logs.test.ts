import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
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
  uploadAll,
  type ClassInfo,
  type Instructor,
  type TestHub,
} from './support/hub';

describe.each(KINDS)('reading logs back on %s', (kind) => {
  let hub: TestHub;
  let admin: Instructor;
  let instructor: Instructor;
  let morning: ClassInfo;
  let afternoon: ClassInfo;
  const logs: DecisionLog[] = [];
  const library = shippedScenario('library-agitated-patron');
  const welfare = shippedScenario('welfare-check-confused-elder');

  beforeAll(async () => {
    hub = await startHub(kind);
    admin = await firstAdmin(hub);
    instructor = await newInstructor(hub, admin);
    const a = await publish(hub, instructor, shippedText('library-agitated-patron'));
    const b = await publish(hub, instructor, shippedText('welfare-check-confused-elder'));
    morning = await openClass(hub, instructor, [a.digest, b.digest], 'Morning');
    afternoon = await openClass(hub, instructor, [a.digest], 'Afternoon');
    // Five drills: three in the morning (two trainees), two in the afternoon.
    const plan: [ClassInfo, string, Scenario][] = [
      [morning, 'recruit-1', library],
      [morning, 'recruit-1', welfare],
      [morning, 'recruit-2', library],
      [afternoon, 'recruit-3', library],
      [afternoon, 'recruit-4', library],
    ];
    for (const [n, [klass, trainee, scenario]] of plan.entries()) {
      const device = await joinDevice(hub, klass.code, trainee);
      const log = await drillLog(scenario, {
        trainee,
        seed: n + 1,
        pick: (beat, offered) => (beat + n) % offered,
        startedAt: `2026-11-2${n}T09:00:00.000Z`,
      });
      await uploadAll(hub, device, log, 4);
      logs.push(log);
    }
  });
  afterAll(() => hub?.close());

  const get = (url: string, who: Instructor = instructor) =>
    hub.request({ method: 'GET', url, headers: who.headers });

  it('lists logs newest first, filtered by class, trainee and scenario, with totals and pages', async () => {
    const all = (await get('/logs')).json();
    expect(all.total).toBe(5);
    expect(all.logs.map((l: { sessionId: string }) => l.sessionId)).toEqual(
      [...logs].reverse().map((l) => l.sessionId),
    );
    expect((await get(`/logs?class=${morning.id}`)).json().total).toBe(3);
    const one = (await get('/logs?trainee=recruit-1')).json();
    expect(one.logs.map((l: { traineeId: string }) => l.traineeId)).toEqual([
      'recruit-1',
      'recruit-1',
    ]);
    expect((await get(`/logs?scenario=${welfare.id}`)).json().total).toBe(1);
    expect((await get(`/logs?class=${afternoon.id}&trainee=recruit-1`)).json()).toEqual({
      logs: [],
      total: 0,
    });
    const page1 = (await get('/logs?limit=2&offset=0')).json();
    const page3 = (await get('/logs?limit=2&offset=4')).json();
    expect(page1.logs).toHaveLength(2);
    expect(page1.total).toBe(5);
    expect(page3.logs.map((l: { sessionId: string }) => l.sessionId)).toEqual([logs[0]!.sessionId]);
    expect((await get('/logs?limit=501')).statusCode).toBe(400);
    const summary = all.logs.at(-1);
    expect(summary).toMatchObject({
      traineeId: 'recruit-1',
      className: 'Morning',
      scenarioId: library.id,
      complete: true,
      events: logs[0]!.events.length,
    });
  });

  it('opens a log that the engine verifies as intact against the scenario the hub returns', async () => {
    for (const log of logs) {
      const response = await get(`/logs/${log.sessionId}`);
      expect(response.statusCode).toBe(200);
      const body = response.json() as { log: DecisionLog; scenario: Scenario };
      // As recorded, plus the hub's countersignature on each event (outside the hash).
      expect(body.log.events).toEqual(
        log.events.map((e) => ({ ...e, hubSig: expect.any(String) })),
      );
      expect(verifyLog(body.scenario, body.log)).toMatchObject({ ok: true });
    }
    const missing = await get('/logs/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('answers whole logs for a page of the list', async () => {
    const response = await get(`/logs/full?class=${morning.id}&limit=2`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { logs: DecisionLog[]; total: number };
    expect(body.total).toBe(3);
    expect(body.logs.map((l) => l.sessionId)).toEqual([logs[2]!.sessionId, logs[1]!.sessionId]);
    expect(body.logs[0]!.events).toEqual(
      logs[2]!.events.map((e) => ({ ...e, hubSig: expect.any(String) })),
    );
    expect(verifyLog(welfare, body.logs[1])).toMatchObject({ ok: true });
  });

  it('keeps notes as annotations outside the chain: the log still verifies', async () => {
    const log = logs[3]!;
    const note = await hub.request({
      method: 'POST',
      url: `/logs/${log.sessionId}/notes`,
      headers: instructor.headers,
      payload: { seq: 3, text: 'Good distance here; talk about cover next time.' },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ seq: 3, author: 'Sergeant Reyes' });
    const opened = (await get(`/logs/${log.sessionId}`)).json() as {
      log: DecisionLog;
      scenario: Scenario;
    };
    expect(opened.log.annotations).toEqual([
      { seq: 3, author: 'Sergeant Reyes', text: 'Good distance here; talk about cover next time.' },
    ]);
    expect(verifyLog(opened.scenario, opened.log)).toMatchObject({ ok: true });
    const full = (await get(`/logs/full?class=${afternoon.id}`)).json() as { logs: DecisionLog[] };
    expect(full.logs.find((l) => l.sessionId === log.sessionId)!.annotations).toHaveLength(1);
    const nowhere = await hub.request({
      method: 'POST',
      url: '/logs/00000000-0000-4000-8000-000000000000/notes',
      headers: instructor.headers,
      payload: { text: 'lost' },
    });
    expect(nowhere.statusCode).toBe(404);
  });

  it("exports a trainee's logs for an admin, and deletes them", async () => {
    const exported = await get('/trainees/recruit-1/export', admin);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="trainee-recruit-1\.json"/,
    );
    const body = exported.json() as { traineeId: string; devices: unknown[]; logs: DecisionLog[] };
    expect(body.traineeId).toBe('recruit-1');
    expect(body.devices).toHaveLength(2);
    expect(body.logs.map((l) => l.sessionId).sort()).toEqual(
      [logs[0]!.sessionId, logs[1]!.sessionId].sort(),
    );
    expect(
      verifyLog(
        library,
        body.logs.find((l) => l.sessionId === logs[0]!.sessionId),
      ),
    ).toMatchObject({
      ok: true,
    });
    const deleted = await hub.request({
      method: 'DELETE',
      url: '/trainees/recruit-1',
      headers: admin.headers,
    });
    expect(deleted.json()).toEqual({ deletedLogs: 2 });
    expect((await get('/logs?trainee=recruit-1')).json().total).toBe(0);
    expect((await get(`/logs/${logs[0]!.sessionId}`)).statusCode).toBe(404);
    expect((await get('/trainees/recruit-1/export', admin)).json().logs).toEqual([]);
    expect((await get('/logs')).json().total).toBe(3);
  });

  it('deletes logs older than the retention setting, and keeps the rest', async () => {
    await hub.db.query(
      `UPDATE logs SET updated_at = now() - interval '40 days' WHERE session_id = $1`,
      [logs[2]!.sessionId],
    );
    const set = await hub.request({
      method: 'PUT',
      url: '/settings',
      headers: admin.headers,
      payload: { retentionDays: 30 },
    });
    expect(set.json()).toEqual({ retentionDays: 30 });
    const left = (await get('/logs')).json();
    expect(left.total).toBe(2);
    expect(left.logs.map((l: { sessionId: string }) => l.sessionId)).not.toContain(
      logs[2]!.sessionId,
    );
    const { rows } = await hub.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM log_events WHERE session_id = $1',
      [logs[2]!.sessionId],
    );
    expect(rows[0]!.n).toBe(0);
  });
});
