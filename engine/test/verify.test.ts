import { describe, expect, it } from 'vitest';
import type { DecisionLog, LogEvent } from '@defuse/schemas';
import { eventHash, scenarioDigest, startDrill, verifyLog } from '../src/index';
import { lobby, manualClock } from './helpers';

async function finishedLog(): Promise<DecisionLog> {
  const clock = manualClock();
  const drill = await startDrill(lobby(), { seed: 9, clock: clock.read, instructor: 'present' });
  clock.now = 1200;
  await drill.choose('gap');
  clock.now = 2000;
  await drill.pause();
  clock.now = 9000;
  await drill.unpause();
  clock.now = 9800;
  await drill.choose('order');
  await drill.pick(1);
  clock.now = 12000;
  await drill.choose('cover');
  return drill.log();
}

/** Recomputes every hash so the chain itself is intact after an edit. */
function rechain(log: DecisionLog): DecisionLog {
  let prev = log.scenario.digest;
  for (const e of log.events) {
    e.hash = eventHash(prev, e);
    prev = e.hash;
  }
  return log;
}

describe('verifyLog', () => {
  it('passes an untouched log', async () => {
    expect(verifyLog(lobby(), await finishedLog())).toMatchObject({ ok: true });
  });

  it('names the first edited event', async () => {
    const log = await finishedLog();
    log.events[3]!.at = 8000;
    expect(verifyLog(lobby(), log)).toMatchObject({ ok: false, seq: 4, problem: 'hash-mismatch' });
  });

  it('notices a deleted event', async () => {
    const log = await finishedLog();
    log.events.splice(2, 1);
    expect(verifyLog(lobby(), log)).toMatchObject({ ok: false, seq: 4, problem: 'seq-gap' });
  });

  it('notices reordered events even with renumbered seqs', async () => {
    const log = await finishedLog();
    [log.events[2], log.events[3]] = [log.events[3]!, log.events[2]!];
    log.events.forEach((e, i) => (e.seq = i + 1));
    expect(verifyLog(lobby(), log)).toMatchObject({ ok: false, seq: 3, problem: 'hash-mismatch' });
  });

  it('says so when the log was recorded against another version of the scenario', async () => {
    const log = await finishedLog();
    const edited = lobby();
    edited.beats.arrive!.title = 'Arrival (revised)';
    const result = verifyLog(edited, log);
    expect(result).toMatchObject({ ok: false, problem: 'digest-mismatch' });
    expect(result.diagnostics[0]?.code).toBe('DF502');
  });

  it('refuses a log of another scenario', async () => {
    const log = await finishedLog();
    const other = { ...lobby(), id: 'other' };
    expect(verifyLog(other, log).problem).toBe('scenario-mismatch');
  });

  it('catches a forged chain whose decisions replay cannot reproduce', async () => {
    const log = await finishedLog();
    const choice = log.events.find((e) => e.choice === 'gap')!;
    choice.vars = { ...choice.vars!, agitation: 0 };
    const result = verifyLog(lobby(), rechain(log));
    expect(result).toMatchObject({ ok: false, seq: choice.seq, problem: 'replay-mismatch' });
    expect(result.diagnostics[0]?.path).toBe(`/events/${choice.seq - 1}/vars`);
  });

  it('catches a forged destination', async () => {
    const log = await finishedLog();
    const pick = log.events.find((e) => e.by === 'instructor')!;
    pick.to = 'calm';
    expect(verifyLog(lobby(), rechain(log))).toMatchObject({
      seq: pick.seq,
      problem: 'replay-mismatch',
    });
  });

  it('reports a choice the scenario does not have', async () => {
    const log = await finishedLog();
    log.events[1]!.choice = 'dance';
    expect(verifyLog(lobby(), rechain(log))).toMatchObject({ seq: 2, problem: 'unknown-choice' });
  });

  it('reports time going backwards', async () => {
    const log = await finishedLog();
    log.events[2]!.at = 100;
    expect(verifyLog(lobby(), rechain(log))).toMatchObject({ seq: 3, problem: 'time-reversed' });
  });

  it('checks only the chain when the scenario is not at hand', async () => {
    const log = await finishedLog();
    expect(verifyLog(undefined, log).ok).toBe(true);
    log.events[1]!.choice = 'rush';
    expect(verifyLog(undefined, log).seq).toBe(2);
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 1, 'x', [], {}, { format: 'defuse/decision-log@1', events: 'no' }]) {
      expect(verifyLog(lobby(), junk).ok).toBe(false);
    }
  });

  it('chains from the scenario digest', async () => {
    const log = await finishedLog();
    expect(log.scenario.digest).toBe(scenarioDigest(lobby()));
    const first = log.events[0] as LogEvent;
    expect(first.hash).toBe(eventHash(log.scenario.digest, first));
  });
});

describe('the log header', () => {
  it('is sealed into the chain by the start event', async () => {
    const log = await finishedLog();
    expect(log.events[0]?.session).toEqual({
      sessionId: log.sessionId,
      trainee: log.trainee,
      mode: log.mode,
      seed: log.seed,
      startedAt: log.startedAt,
    });
  });

  it('cannot be changed afterwards: another trainee id, mode or seed is reported', async () => {
    for (const edit of [
      (l: DecisionLog) => (l.trainee = { id: 'someone-else' }),
      (l: DecisionLog) => (l.mode = 'assessment'),
      (l: DecisionLog) => (l.seed += 1),
    ]) {
      const log = await finishedLog();
      edit(log);
      const result = verifyLog(lobby(), log);
      expect(result).toMatchObject({ ok: false, seq: 1, problem: 'header-mismatch' });
      expect(result.diagnostics[0]?.code).toBe('DF510');
    }
  });
});
