import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '@defuse/engine';
import type { DecisionLog } from '@defuse/schemas';
import { drillLog } from './support/drills';
import {
  count,
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
  uploadAll,
  type ClassInfo,
  type TestHub,
} from './support/hub';

describe.each(KINDS)('uploading decision logs on %s', (kind) => {
  let hub: TestHub;
  let klass: ClassInfo;
  let trainee = 0;
  const library = shippedScenario('library-agitated-patron');

  beforeAll(async () => {
    hub = await startHub(kind);
    const instructor = await newInstructor(hub, await firstAdmin(hub));
    const published = await publish(hub, instructor, shippedText('library-agitated-patron'));
    await publish(hub, instructor, shippedText('domestic-dispute-child'));
    klass = await openClass(hub, instructor, [published.digest]);
  });
  afterAll(() => hub?.close());

  /** A new tablet with its own trainee and a genuine log of the library scenario. */
  const tablet = async () => {
    const id = `recruit-${++trainee}`;
    const device = await joinDevice(hub, klass.code, id);
    const log = await drillLog(library, { trainee: id, seed: trainee });
    expect(log.events.length).toBeGreaterThan(6);
    return { device, log };
  };
  const storedEvents = (log: DecisionLog) =>
    count(hub.db, 'SELECT 1 FROM log_events WHERE session_id = $1', [log.sessionId]);

  it('stores a genuine log sent in batches, and a retried batch duplicates nothing', async () => {
    const { device, log } = await tablet();
    const first = await upload(hub, device, log, log.events.slice(0, 4));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stored: 4, head: log.events[3]!.hash });
    const retry = await upload(hub, device, log, log.events.slice(0, 4));
    expect(retry.statusCode).toBe(200);
    expect(retry.json().stored).toBe(4);
    expect(await storedEvents(log)).toBe(4);
    // A retry that overlaps what the hub has, and carries the rest.
    const rest = await upload(hub, device, log, log.events.slice(2));
    expect(rest.json()).toEqual({ stored: log.events.length, head: log.events.at(-1)!.hash });
    expect(await storedEvents(log)).toBe(log.events.length);
    expect(
      await count(hub.db, 'SELECT 1 FROM logs WHERE session_id = $1 AND complete', [log.sessionId]),
    ).toBe(1);
  });

  it('stores each event once when a tablet sends the same batch twice at the same moment', async () => {
    const { device, log } = await tablet();
    expect((await upload(hub, device, log, log.events.slice(0, 2))).statusCode).toBe(200);
    // An outbox retry racing its first try: both must be acknowledged, neither duplicated.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => upload(hub, device, log, log.events.slice(2, 5))),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ stored: 5, head: log.events[4]!.hash });
    }
    expect(await storedEvents(log)).toBe(5);
  });

  it('refuses an event that skips ahead with 422 and the seq, keeping what came before', async () => {
    const { device, log } = await tablet();
    await upload(hub, device, log, log.events.slice(0, 2));
    const gap = await upload(hub, device, log, log.events.slice(3, 5));
    expect(gap.statusCode).toBe(422);
    expect(gap.json()).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/event 3 has not arrived/),
    });
    const reversed = await upload(hub, device, log, [log.events[3]!, log.events[2]!]);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().seq).toBe(4);
    expect(await storedEvents(log)).toBe(2);
  });

  it('refuses an edited choice that keeps its old hash, with its seq and reason, and keeps the events before it', async () => {
    const { device, log } = await tablet();
    const i = log.events.findIndex((e) => e.type === 'choice' && e.seq > 2);
    const original = log.events[i]!;
    const other = library.beats[original.beat]!;
    const otherChoice = ('choices' in other ? (other.choices ?? []) : []).find(
      (c) => c.id !== original.choice,
    );
    expect(otherChoice).toBeDefined();
    const tampered = log.events.map((e, n) => (n === i ? { ...e, choice: otherChoice!.id } : e));
    const response = await upload(hub, device, log, tampered);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      seq: original.seq,
      reason: expect.stringMatching(/hash/),
    });
    expect(response.json().message).toMatch(new RegExp(`Event ${original.seq} was refused`));
    expect(await storedEvents(log)).toBe(original.seq - 1);
  });

  it('refuses an edited event whose hash was recomputed, because the next link no longer follows', async () => {
    const { device, log } = await tablet();
    const i = 2;
    const edited = { ...log.events[i]!, at: log.events[i]!.at + 1 };
    edited.hash = eventHash(log.events[i - 1]!.hash, edited);
    const tampered = log.events.map((e, n) => (n === i ? edited : e));
    const response = await upload(hub, device, log, tampered);
    expect(response.statusCode).toBe(422);
    // The edited event chains from its predecessor; the one after it does not chain from the edit.
    expect(response.json().seq).toBe(log.events[i + 1]!.seq);
    expect(await storedEvents(log)).toBe(i + 1);
    // And the hub then refuses the genuine event where it holds the edited one.
    const genuine = await upload(hub, device, log, log.events.slice(i, i + 2));
    expect(genuine.statusCode).toBe(422);
    expect(genuine.json().reason).toMatch(/different event/);
  });

  it('refuses a later batch whose header differs from the first with 422', async () => {
    const { device, log } = await tablet();
    await upload(hub, device, log, log.events.slice(0, 2));
    const changed = { ...log, mode: 'assessment' as const };
    const response = await upload(hub, device, changed, log.events.slice(2, 4));
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/header differs/);
    expect(await storedEvents(log)).toBe(2);
  });

  it("refuses another trainee's drill with 403, whether new or already on the hub", async () => {
    const mine = await tablet();
    const theirs = await tablet();
    await upload(hub, theirs.device, theirs.log, theirs.log.events.slice(0, 2));
    const onto = await upload(hub, mine.device, theirs.log, theirs.log.events.slice(2, 3));
    expect(onto.statusCode).toBe(403);
    const fresh = await drillLog(library, { trainee: theirs.device.traineeId, seed: 99 });
    const posing = await upload(hub, mine.device, fresh);
    expect(posing.statusCode).toBe(403);
    expect(await storedEvents(theirs.log)).toBe(2);
    expect(await storedEvents(fresh)).toBe(0);
  });

  it("refuses a drill of a scenario that is not one of the class's with 403", async () => {
    const { device } = await tablet();
    const log = await drillLog(shippedScenario('domestic-dispute-child'), {
      trainee: device.traineeId,
    });
    const response = await upload(hub, device, log);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/not one of this class's scenarios/);
    expect(await count(hub.db, 'SELECT 1 FROM logs WHERE session_id = $1', [log.sessionId])).toBe(
      0,
    );
  });

  it('refuses a batch over the event limit with a 4xx and stores none of it', async () => {
    const { device, log } = await tablet();
    const many = Array.from({ length: 501 }, () => log.events[0]!);
    const response = await upload(hub, device, log, many);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().message).not.toContain('\n');
    expect(await storedEvents(log)).toBe(0);
    await uploadAll(hub, device, log, 500);
    expect(await storedEvents(log)).toBe(log.events.length);
  });
});
