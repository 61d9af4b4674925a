/**
 * Extension fields (`x-...`) on the scenario, its beats and its choices are
 * welcome: any number of them, holding any JSON, never change whether a
 * scenario is valid or what analysis says about it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeScenario, parseScenario, validateScenario } from '@defuse/engine';
import { scenarioSchema, type Scenario } from '@defuse/schemas';
import { library, lobby } from './helpers';

type Loose = Record<string, unknown>;

const extensionName = fc.string({ minLength: 0, maxLength: 12 }).map((s) => `x-${s}`);
const extensions = fc.dictionary(extensionName, fc.jsonValue({ maxDepth: 3 }), {
  minKeys: 1,
  maxKeys: 4,
});

/** Where extensions go: the document, a beat, or a choice of a beat (by index, modulo). */
const target = fc.record({
  level: fc.constantFrom('scenario' as const, 'beat' as const, 'choice' as const),
  beat: fc.nat(),
  choice: fc.nat(),
});

function extend(
  scenario: Scenario,
  places: { level: string; beat: number; choice: number; fields: Loose }[],
): Loose {
  const doc = structuredClone(scenario) as unknown as Loose & { beats: Record<string, Loose> };
  for (const p of places) {
    const beats = Object.values(doc.beats);
    const beat = beats[p.beat % beats.length]!;
    const choices = (beat.choices as Loose[] | undefined) ?? [];
    const host =
      p.level === 'scenario'
        ? doc
        : p.level === 'beat' || choices.length === 0
          ? beat
          : choices[p.choice % choices.length]!;
    Object.assign(host, p.fields);
  }
  return doc;
}

/** Every field name the scenario schema defines anywhere. */
const knownFields = new Set<string>();
(function collect(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const properties = (node as Loose).properties;
  if (properties && typeof properties === 'object') {
    for (const k of Object.keys(properties)) knownFields.add(k);
  }
  Object.values(node).forEach(collect);
})(scenarioSchema);

const codes = (s: Scenario) => analyzeScenario(s).diagnostics.map((d) => [d.code, d.path]);

describe('x- extension fields', () => {
  it('keep valid scenarios valid, with the same analysis, wherever they are added', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(lobby, library),
        fc.array(fc.tuple(target, extensions), { minLength: 1, maxLength: 5 }),
        (scenario, added) => {
          const doc = extend(
            scenario,
            added.map(([t, fields]) => ({ ...t, fields })),
          );
          const result = validateScenario(doc);
          expect(result.diagnostics).toEqual([]);
          expect(result.scenario).toBeDefined();
          expect(codes(result.scenario!)).toEqual(codes(scenario));
          // Read from text, the extensions come back untouched.
          const text = JSON.stringify(doc);
          expect(parseScenario(text).scenario).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are the only fields that may be added: other names are refused as unknown', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((s) => !s.startsWith('x-') && !knownFields.has(s));
    fc.assert(
      fc.property(fc.constantFrom(lobby, library), target, name, (scenario, t, field) => {
        const doc = extend(scenario, [{ ...t, fields: { [field]: 'added' } }]);
        const before = extend(scenario, []);
        fc.pre(JSON.stringify(doc) !== JSON.stringify(before)); // the field was not already there
        const result = validateScenario(doc);
        expect(result.scenario).toBeUndefined();
        expect(result.diagnostics.map((d) => d.code)).toContain('DF202');
      }),
      { numRuns: 200 },
    );
  });
});
