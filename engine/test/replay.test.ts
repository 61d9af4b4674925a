import { describe, expect, it } from 'vitest';
import { replayLog, startDrill, stateAt } from '../src/index';
import { lobby, manualClock } from './helpers';

describe('replayLog', () => {
  it('builds the debrief timeline: choice, rating, technique, CDM, latency, cues, who chose', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 2, clock: clock.read, instructor: 'present' });
    clock.now = 4000;
    await drill.choose('gap');
    clock.now = 6500;
    await drill.choose('order');
    await drill.pick(1);
    clock.now = 9000;
    await drill.choose('cover');
    const replay = replayLog(lobby(), drill.log());
    expect(replay.path).toEqual(['arrive', 'talk', 'grab', 'hurt']);
    expect(replay.outcome?.result).toBe('force-used');
    const [, gap, order, cover] = replay.timeline;
    expect(gap).toMatchObject({
      choice: 'gap',
      choiceLabel: 'Keep your distance and call backup',
      rating: 'preferred',
      technique: 'distance',
      cdm: 'information',
      latencyMs: 4000,
      cuesActedOn: ['scissors'],
      chosenBy: 'trainee',
      varsBefore: { agitation: 6, backup: false },
      varsAfter: { agitation: 5, backup: true },
    });
    expect(gap?.cuesShown.map((c) => c.id)).toEqual(['scissors']);
    expect(order).toMatchObject({ chosenBy: 'instructor', latencyMs: 2500, to: 'grab' });
    expect(cover).toMatchObject({ latencyMs: 2500, rating: 'preferred', technique: 'cover' });
    expect(cover).not.toHaveProperty('feedback');
  });

  it('marks timeouts as the timer and shows the timeout feedback', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 2, clock: clock.read });
    await drill.choose('gap');
    clock.now = 10_000;
    await drill.expire();
    const t = replayLog(lobby(), drill.log()).timeline.find((e) => e.type === 'timeout');
    expect(t).toMatchObject({
      chosenBy: 'timer',
      feedback: 'Silence lets it grow.',
      latencyMs: 10_000,
    });
  });

  it('gives the state after any event, to play on from there', async () => {
    const drill = await startDrill(lobby(), { seed: 2 });
    await drill.choose('gap');
    await drill.choose('label');
    const state = stateAt(lobby(), drill.log(), 2);
    expect(state.beat).toBe('talk');
    expect(state.vars.backup).toBe(true);
    const whatIf = await startDrill(lobby(), { from: state });
    expect(whatIf.snapshot().choices.map((c) => c.id)).toContain('order');
  });
});

describe('decision time', () => {
  it('does not count the time the instructor had the drill paused', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 2, clock: clock.read });
    clock.now = 1000;
    await drill.pause();
    clock.now = 31_000;
    await drill.unpause();
    clock.now = 33_000;
    await drill.choose('gap');
    const entry = replayLog(lobby(), drill.log()).timeline.find((t) => t.choice === 'gap');
    expect(entry?.latencyMs).toBe(3000);
  });
});
