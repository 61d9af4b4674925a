/**
 * Drills of random available choices (timeouts, instructor picks, pauses
 * included) always leave a log that verifies and replays to the same path;
 * changing any one field of any one event makes verification fail at that
 * event.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, eventHash, replayLog, verifyLog } from '@defuse/engine';
import type { LogEvent, Scenario } from '@defuse/schemas';
import { jsonValue, library, lobby, moves, randomDrill } from './helpers';

const which = fc.constantFrom<Scenario>(lobby, library);

describe('random drills', () => {
  it('leave a log that verifies and replays to where the drill went', async () => {
    await fc.assert(
      fc.asyncProperty(which, moves, async (scenario, m) => {
        const log = await randomDrill(scenario, m);
        expect(verifyLog(scenario, log)).toEqual({
          ok: true,
          message: expect.any(String),
          diagnostics: [],
          signature: { state: 'unsigned', message: 'intact, unsigned (an older log)' },
        });
        const replay = replayLog(scenario, log);
        const moved = log.events.filter((e) => e.to !== undefined).map((e) => e.to);
        expect(replay.path).toEqual([log.events[0]!.beat, ...moved]);
        const end = log.events.at(-1)!;
        if (end.type === 'end') expect(replay.outcome).toEqual(end.outcome);
      }),
      { numRuns: 300 },
    );
  });

  it('fail verification at the event whose one field was changed, added or removed', async () => {
    const change = fc.record({
      event: fc.nat(),
      field: fc.nat(),
      op: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
      value: fc.oneof(jsonValue, fc.integer({ min: -2, max: 20 })),
    });
    await fc.assert(
      fc.asyncProperty(which, moves, change, async (scenario, m, c) => {
        const log = structuredClone(await randomDrill(scenario, m));
        const k = c.event % log.events.length;
        const event = log.events[k]! as unknown as Record<string, unknown>;
        const fields = Object.keys(event);
        const field = fields[c.field % fields.length]!;
        if (c.op === 'delete') delete event[field];
        else if (c.op === 'add') event['note'] = c.value;
        else {
          fc.pre(canonicalJson(event[field]) !== canonicalJson(c.value));
          event[field] = c.value;
        }
        const check = verifyLog(scenario, log);
        expect(check.ok).toBe(false);
        expect(check.diagnostics[0]!.path.startsWith(`/events/${k}`)).toBe(true);
        // A changed seq is reported by the seq it now claims; any other change by its own.
        if (!(field === 'seq' && c.op === 'replace')) expect(check.seq).toBe(k + 1);
        // The chain alone finds it too.
        expect(verifyLog(undefined, log).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('fail verification when a forger recomputes the chain but changes where a choice led', async () => {
    await fc.assert(
      fc.asyncProperty(which, moves, fc.nat(), fc.nat(), async (scenario, m, pick, other) => {
        const log = structuredClone(await randomDrill(scenario, m));
        const moved = log.events.filter((e) => e.to !== undefined);
        fc.pre(moved.length > 0);
        const target = moved[pick % moved.length]!;
        const beats = Object.keys(scenario.beats).filter((b) => b !== target.to);
        target.to = beats[other % beats.length]!;
        let prev = log.scenario.digest;
        log.events = log.events.map((e) => {
          const { hash: _old, ...rest } = e;
          const rehashed = { ...rest, hash: eventHash(prev, rest) } as LogEvent;
          prev = rehashed.hash;
          return rehashed;
        });
        expect(verifyLog(undefined, log).ok).toBe(true);
        const check = verifyLog(scenario, log);
        expect(check).toMatchObject({ ok: false, problem: 'replay-mismatch', seq: target.seq });
      }),
      { numRuns: 200 },
    );
  });
});
