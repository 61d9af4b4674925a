import { describe, expect, it } from 'vitest';
import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';
import {
  analyzeScenario,
  eventHash,
  MAX_DRILL_EVENTS,
  replayLog,
  resumeDrill,
  startDrill,
  verifyLog,
} from '../src/index';
import { fakeBeat, fakeScenario, manualClock } from './helpers';

/** A small limit: the default's 30,000 events take longer to replay than a test should. */
const LIMIT = 40;

/** Two timed beats with nothing to choose, handing the drill to each other. */
function runaway(): Scenario {
  const base = fakeScenario();
  return fakeScenario({
    beats: {
      a: fakeBeat({
        choices: [
          { id: 'wait', label: 'Wait and watch', to: 'standoff' },
          { id: 'go', label: 'Go', to: 'end' },
        ],
      }),
      standoff: fakeBeat({ timeLimitSec: 1, onTimeout: { to: 'silence' } }),
      silence: fakeBeat({ timeLimitSec: 1, onTimeout: { to: 'standoff' } }),
      end: base.beats.end!,
    },
  });
}

async function runToLimit(): Promise<{ log: DecisionLog; scenario: Scenario }> {
  const scenario = runaway();
  const clock = manualClock();
  const drill = await startDrill(scenario, { seed: 1, clock: clock.read, eventLimit: LIMIT });
  await drill.choose('wait');
  while (!drill.snapshot().done) {
    clock.now += 1000;
    await drill.expire();
  }
  return { log: drill.log(), scenario };
}

function rechain(log: DecisionLog): DecisionLog {
  let prev = log.scenario.digest;
  log.events = log.events.map((e) => {
    const { hash: _old, ...rest } = e;
    const event = { ...rest, hash: eventHash(prev, rest) } as LogEvent;
    prev = event.hash;
    return event;
  });
  return log;
}

describe('a drill that runs away', () => {
  it('is reported by lint as timed beats looping with nothing to choose', () => {
    const found = analyzeScenario(runaway()).diagnostics.filter((d) => d.code === 'DF406');
    expect(found.map((d) => d.path)).toEqual([
      '/beats/standoff/onTimeout',
      '/beats/silence/onTimeout',
    ]);
    expect(found.every((d) => d.severity === 'error')).toBe(true);
  });

  it('stops at the event limit with an end event that says why, and the log verifies', async () => {
    const { log, scenario } = await runToLimit();
    expect(MAX_DRILL_EVENTS).toBe(30_000);
    expect(log.events).toHaveLength(LIMIT);
    const last = log.events.at(-1)!;
    expect(last).toMatchObject({ seq: LIMIT, type: 'end', reason: 'event-limit' });
    expect(last.outcome).toBeUndefined();
    expect(['standoff', 'silence']).toContain(last.beat);
    expect(verifyLog(scenario, log, { eventLimit: LIMIT })).toMatchObject({ ok: true });
    // Under the real limit the same end is premature: nobody can end a drill early and call it the limit.
    expect(verifyLog(scenario, log)).toMatchObject({ ok: false, seq: LIMIT, problem: 'format' });
    await expect(resumeDrill(scenario, log)).rejects.toThrow(/cannot be resumed/);
    expect(replayLog(scenario, log, undefined, LIMIT).outcome).toBeUndefined();
  });

  it('refuses an event-limit end written anywhere the drill would not write it', async () => {
    const scenario = runaway();
    const clock = manualClock();
    const drill = await startDrill(scenario, { seed: 1, clock: clock.read });
    await drill.choose('wait');
    clock.now = 1000;
    await drill.expire();
    const log = drill.log();
    const prev = log.events.at(-1)!;
    log.events.push({ ...prev, seq: prev.seq + 1, type: 'end', reason: 'event-limit' } as LogEvent);
    delete log.events.at(-1)!.to;
    delete log.events.at(-1)!.vars;
    log.events.at(-1)!.beat = 'silence';
    const check = verifyLog(scenario, rechain(log), { eventLimit: LIMIT });
    expect(check).toMatchObject({ ok: false, seq: 4, problem: 'format' });
    expect(check.diagnostics[0]!.code).toBe('DF509');
  });
});
