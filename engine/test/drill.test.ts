import { describe, expect, it } from 'vitest';
import type { LogEvent } from '@defuse/schemas';
import {
  DecisionError,
  DrillBusyError,
  resumeDrill,
  startDrill,
  verifyLog,
  type DecisionLog,
} from '../src/index';
import { lobby, manualClock } from './helpers';

describe('startDrill', () => {
  it('records a start event before resolving, then one event per decision', async () => {
    const clock = manualClock();
    const seen: LogEvent[] = [];
    const drill = await startDrill(lobby(), {
      seed: 1,
      clock: clock.read,
      trainee: { id: '4471' },
      onEvent: (e) => void seen.push(e),
    });
    expect(seen.map((e) => e.type)).toEqual(['start']);
    clock.now = 5230;
    const snap = await drill.choose('gap');
    expect(snap.beat).toBe('talk');
    expect(snap.vars).toEqual({ agitation: 5, rapport: 0, backup: true, position: 'gap' });
    expect(seen[1]).toMatchObject({
      seq: 2,
      at: 5230,
      type: 'choice',
      beat: 'arrive',
      choice: 'gap',
      to: 'talk',
    });
    expect(drill.log().trainee).toEqual({ id: '4471' });
  });

  it('hands each event to listeners before the drill moves on', async () => {
    const drill = await startDrill(lobby(), { seed: 1 });
    const beatsSeenByListener: string[] = [];
    drill.onEvent(() => void beatsSeenByListener.push(drill.snapshot().beat));
    await drill.choose('gap');
    expect(beatsSeenByListener).toEqual(['arrive']);
  });

  it('stays on the beat when recording fails, so nothing is lost', async () => {
    const drill = await startDrill(lobby(), { seed: 1 });
    const off = drill.onEvent(() => Promise.reject(new Error('disk full')));
    await expect(drill.choose('gap')).rejects.toThrow('disk full');
    expect(drill.snapshot().beat).toBe('arrive');
    expect(drill.log().events).toHaveLength(1);
    off();
    await drill.choose('gap');
    expect(drill.log().events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('refuses a second tap while the first decision is being recorded', async () => {
    const drill = await startDrill(lobby(), { seed: 1 });
    let release!: () => void;
    drill.onEvent(() => new Promise<void>((r) => (release = r)));
    const first = drill.choose('gap');
    await expect(drill.choose('gap')).rejects.toBeInstanceOf(DrillBusyError);
    release();
    await first;
    expect(drill.log().events.filter((e) => e.type === 'choice')).toHaveLength(1);
  });

  it('offers only choices whose condition holds', async () => {
    const drill = await startDrill(lobby(), { seed: 1 });
    await drill.choose('rush'); // agitation 9 → grab? no: 6+3 = 9 → branches to grab
    expect(drill.snapshot().beat).toBe('grab');
    const other = await startDrill(lobby(), { seed: 1 });
    await other.choose('gap');
    expect(other.snapshot().choices.map((c) => c.id)).toEqual(['label', 'order']);
  });

  it('refuses unknown and unavailable choices with a DecisionError', async () => {
    const drill = await startDrill(lobby(), { seed: 1 });
    await expect(drill.choose('dance')).rejects.toBeInstanceOf(DecisionError);
    const s = lobby();
    const d2 = await startDrill(s, { seed: 1 });
    await d2.choose('rush');
    await expect(d2.expire()).rejects.toThrow('has no timer');
  });

  it('runs the timer on the drill clock and expires into onTimeout', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 1, clock: clock.read });
    clock.now = 1000;
    await drill.choose('gap');
    clock.now = 4000;
    expect(drill.snapshot()).toMatchObject({ deadline: 11000, remainingMs: 7000 });
    clock.now = 11000;
    const snap = await drill.expire();
    expect(snap.beat).toBe('grab');
    expect(drill.log().events.at(-1)).toMatchObject({
      type: 'timeout',
      beat: 'talk',
      to: 'grab',
      at: 11000,
    });
    expect(snap.vars.agitation).toBe(7);
  });

  it('stops the timer while paused and refuses decisions until unpaused', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 1, clock: clock.read });
    await drill.choose('gap');
    clock.now = 2000;
    await drill.pause();
    clock.now = 62000;
    expect(drill.snapshot()).toMatchObject({ paused: true, remainingMs: 8000 });
    await expect(drill.choose('label')).rejects.toThrow('paused');
    await drill.unpause();
    clock.now = 63000;
    expect(drill.snapshot().remainingMs).toBe(7000);
    expect(drill.log().events.map((e) => e.type)).toEqual(['start', 'choice', 'pause', 'unpause']);
  });

  it('waits for the instructor when present, and records who chose', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 1, clock: clock.read, instructor: 'present' });
    await drill.choose('gap');
    clock.now = 3000;
    const waiting = await drill.choose('order');
    expect(waiting.instructorOptions).toEqual([
      { index: 0, label: 'He complies' },
      { index: 1, label: 'He lunges' },
    ]);
    expect(waiting.choices).toEqual([]);
    clock.now = 9000;
    const after = await drill.pick(1);
    expect(after.beat).toBe('grab');
    // The decision time is the trainee's; the instructor's pick does not add to it.
    expect(drill.log().events.at(-1)).toMatchObject({
      type: 'choice',
      choice: 'order',
      by: 'instructor',
      option: 1,
      to: 'grab',
      at: 3000,
    });
  });

  it('draws instructor branches by weight when run solo, the same way for the same seed', async () => {
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const run = async () => {
        const d = await startDrill(lobby(), { seed });
        await d.choose('gap');
        await d.choose('order');
        return d.log().events.find((e) => e.choice === 'order');
      };
      const [a, b] = [await run(), await run()];
      expect(a?.to).toBe(b?.to);
      expect(a?.by).toBe('chance');
      outcomes.add(a!.to!);
    }
    expect([...outcomes].sort()).toEqual(['calm', 'grab']);
  });

  it('ends with an end event carrying the outcome', async () => {
    const drill = await startDrill(lobby(), { seed: 3 });
    await drill.choose('rush');
    await drill.choose('cover');
    const events = drill.log().events;
    expect(events.at(-1)).toMatchObject({
      type: 'end',
      beat: 'hurt',
      outcome: { result: 'force-used', force: 'hands' },
    });
    expect(drill.snapshot().done).toBe(true);
    await expect(drill.choose('cover')).rejects.toThrow('ended');
  });

  it('starts from any beat with given variables, for previews', async () => {
    const drill = await startDrill(lobby(), { from: { beat: 'talk', vars: { backup: true } } });
    expect(drill.snapshot().choices.map((c) => c.id)).toEqual(['label', 'order']);
  });
});

describe('resumeDrill', () => {
  async function interrupted(): Promise<DecisionLog> {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 5, clock: clock.read });
    clock.now = 2000;
    await drill.choose('gap'); // enters the 10 s timer at 2000
    return drill.log();
  }

  it('continues at the same beat with the time that was left, and records a resume event', async () => {
    const log = await interrupted();
    const clock = manualClock();
    clock.now = 500_000; // a new page: the host's clock starts anywhere
    const drill = await resumeDrill(lobby(), log, { clock: clock.read, interruptedAt: 6000 });
    const snap = drill.snapshot();
    expect(snap.beat).toBe('talk');
    expect(snap.remainingMs).toBe(6000);
    expect(drill.log().events.at(-1)).toMatchObject({
      seq: 3,
      type: 'resume',
      beat: 'talk',
      at: 6000,
    });
    clock.now += 1500;
    await drill.choose('label');
    expect(drill.log().events[3]).toMatchObject({ at: 7500, choice: 'label' });
    expect(verifyLog(lobby(), drill.log()).ok).toBe(true);
  });

  it('gives the benefit of the doubt without an interruption time: the last event counts', async () => {
    const drill = await resumeDrill(lobby(), await interrupted());
    expect(drill.snapshot().remainingMs).toBe(10_000);
  });

  it('refuses a log whose chain is broken or that has ended', async () => {
    const log = await interrupted();
    log.events[1]!.to = 'grab';
    await expect(resumeDrill(lobby(), log)).rejects.toThrow('cannot be resumed');
    const done = await startDrill(lobby(), { seed: 1 });
    await done.choose('rush');
    await done.choose('cover');
    await expect(resumeDrill(lobby(), done.log())).rejects.toThrow('already ended');
  });
});

describe('resuming while an instructor branch waits', () => {
  it('waits for the pick again instead of asking the trainee to choose twice', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 4, clock: clock.read, instructor: 'present' });
    await drill.choose('gap');
    clock.now = 3000;
    await drill.choose('order'); // waits for the instructor; not logged yet
    const partial = drill.log();
    const resumed = await resumeDrill(lobby(), partial, {
      instructor: 'present',
      awaiting: 'order',
      interruptedAt: 4000,
    });
    expect(resumed.snapshot().instructorOptions?.map((o) => o.label)).toEqual([
      'He complies',
      'He lunges',
    ]);
    await resumed.pick(0);
    const events = resumed.log().events;
    expect(events.map((e) => e.type)).toEqual(['start', 'choice', 'resume', 'choice', 'end']);
    expect(events[3]).toMatchObject({ choice: 'order', by: 'instructor', option: 0, to: 'calm' });
    expect(verifyLog(lobby(), resumed.log()).ok).toBe(true);
  });

  it('ignores a hint that does not lead to a waiting instructor branch', async () => {
    const drill = await startDrill(lobby(), { seed: 4, instructor: 'present' });
    const resumed = await resumeDrill(lobby(), drill.log(), {
      instructor: 'present',
      awaiting: 'gap',
    });
    expect(resumed.snapshot().beat).toBe('arrive');
    expect(resumed.snapshot().instructorOptions).toBeUndefined();
    expect(resumed.log().events.map((e) => e.type)).toEqual(['start', 'resume']);
  });
});
