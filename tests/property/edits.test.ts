/**
 * Random edits at random places of valid scenarios and logs (a value
 * deleted, replaced or a field inserted) never make the engine throw. An
 * edited scenario that still validates can still be analysed, compiled and
 * drilled; an edited log event never verifies.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  analyzeScenario,
  canonicalJson,
  compileScenario,
  hasErrors,
  parseLog,
  parseScenario,
  validateScenario,
  verifyLog,
} from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { applyEdits, edit, library, lobby, moves, randomDrill } from './helpers';

const edits = fc.array(edit, { minLength: 1, maxLength: 4 });
const which = fc.constantFrom<[string, Scenario]>(['lobby', lobby], ['library', library]);

describe('random edits of valid scenarios', () => {
  it('never make parsing, validation or analysis throw', () => {
    fc.assert(
      fc.property(which, edits, ([, scenario], e) => {
        const doc = applyEdits(scenario, e);
        const direct = validateScenario(doc);
        const parsed = parseScenario(JSON.stringify(doc));
        expect(parsed.scenario !== undefined).toBe(!hasErrors(parsed.diagnostics));
        // Text and object give the same verdict.
        expect(parsed.diagnostics.map((d) => [d.code, d.path])).toEqual(
          direct.diagnostics.map((d) => [d.code, d.path]),
        );
        if (direct.scenario) {
          const analysis = analyzeScenario(direct.scenario);
          expect(analysis.counts.beats).toBe(Object.keys(direct.scenario.beats).length);
          expect(compileScenario(direct.scenario).config.states.drill.initial).toBe(
            direct.scenario.start,
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('that still validate can be drilled, and the drill log verifies', async () => {
    await fc.assert(
      fc.asyncProperty(which, edits, moves, async ([, scenario], e, m) => {
        const result = validateScenario(applyEdits(scenario, e));
        fc.pre(result.scenario !== undefined);
        const log = await randomDrill(result.scenario!, m);
        expect(verifyLog(result.scenario, log)).toMatchObject({ ok: true });
      }),
      { numRuns: 200 },
    );
  });
});

describe('random edits of valid logs', () => {
  it('never make reading or verification throw, and any change to an event is caught', async () => {
    await fc.assert(
      fc.asyncProperty(which, moves, edits, async ([, scenario], m, e) => {
        const log = await randomDrill(scenario, m);
        const edited = applyEdits(log, e);
        const parsed = parseLog(JSON.stringify(edited));
        expect(parsed.log !== undefined).toBe(parsed.diagnostics.length === 0);
        const check = verifyLog(scenario, edited);
        const chainOnly = verifyLog(undefined, edited);
        expect(check.ok).toBe(check.diagnostics.length === 0);
        expect(chainOnly.ok).toBe(chainOnly.diagnostics.length === 0);
        const events = (edited as Partial<DecisionLog> | null)?.events;
        // A log cut short is a partial log, as after a crash: still intact.
        const prefix = (n: number) => canonicalJson(log.events.slice(0, n));
        const truncated = Array.isArray(events) && canonicalJson(events) === prefix(events.length);
        if (!truncated) {
          // Events deleted, added, reordered or changed: the chain alone shows it.
          expect(check.ok).toBe(false);
          expect(chainOnly.ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
