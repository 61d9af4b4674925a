import { describe, expect, it } from 'vitest';
import { validateDecisionLogSchema, validateScenarioSchema } from '../src/index';
import { completeLog, completeScenario, edited, type Loose } from './helpers';

const extension = { 'x-agency': { unit: 'CIT', reviewed: true } };

describe('x- extension fields', () => {
  it.each<[string, (d: Loose) => void]>([
    ['the scenario', (d) => Object.assign(d, extension)],
    ['a scene beat', (d) => Object.assign(d.beats.doorway, extension)],
    ['an outcome beat', (d) => Object.assign(d.beats.arrest, extension)],
    ['a choice', (d) => Object.assign(d.beats.doorway.choices[1], extension)],
  ])('are accepted on %s', (_, change) => {
    expect(validateScenarioSchema(edited(completeScenario(), change))).toEqual([]);
  });

  it.each<[string, (d: Loose) => void, string]>([
    [
      'a condition',
      (d) => Object.assign(d.beats.doorway.choices[0].when, extension),
      '/beats/doorway/choices/0/when',
    ],
    [
      'an effect',
      (d) => Object.assign(d.beats.dispatch.choices[0].effects[0], extension),
      '/beats/dispatch/choices/0/effects/0',
    ],
    [
      'an onTimeout',
      (d) => Object.assign(d.beats.dispatch.onTimeout, extension),
      '/beats/dispatch/onTimeout',
    ],
    [
      'a chance option',
      (d) => Object.assign(d.beats.doorway.choices[1].chance[0], extension),
      '/beats/doorway/choices/1/chance/0',
    ],
    ['a cue', (d) => Object.assign(d.beats.doorway.cues[0], extension), '/beats/doorway/cues/0'],
    [
      'an outcome',
      (d) => Object.assign(d.beats.arrest.outcome, extension),
      '/beats/arrest/outcome',
    ],
    ['a variable', (d) => Object.assign(d.variables.rapport, extension), '/variables/rapport'],
  ])('are refused on %s', (_, change, instancePath) => {
    expect(validateScenarioSchema(edited(completeScenario(), change))).toEqual([
      expect.objectContaining({
        instancePath,
        keyword: 'additionalProperties',
        message: 'unknown field "x-agency"',
      }),
    ]);
  });

  it('are accepted at the top of a decision log, outside the hash chain', () => {
    expect(
      validateDecisionLogSchema(edited(completeLog(), (l) => Object.assign(l, extension))),
    ).toEqual([]);
  });

  it.each<[string, (l: Loose) => void, string]>([
    ['an event', (l) => Object.assign(l.events[0], extension), '/events/0'],
    ['the scenario reference', (l) => Object.assign(l.scenario, extension), '/scenario'],
    ['an annotation', (l) => Object.assign(l.annotations[0], extension), '/annotations/0'],
  ])('are refused on %s of a decision log', (_, change, instancePath) => {
    expect(validateDecisionLogSchema(edited(completeLog(), change))).toEqual([
      expect.objectContaining({ instancePath, keyword: 'additionalProperties' }),
    ]);
  });

  it('custom vocabulary values start with x-', () => {
    const custom = edited(completeScenario(), (d) => {
      d.beats.dispatch.choices[0].technique = 'x-tactical-breathing';
      d.beats.doorway.cues[0].kind = 'x-medical';
    });
    expect(validateScenarioSchema(custom)).toEqual([]);
    const unprefixed = edited(
      completeScenario(),
      (d) => (d.beats.doorway.cues[0].kind = 'medical'),
    );
    expect(validateScenarioSchema(unprefixed)).toEqual([
      expect.objectContaining({ instancePath: '/beats/doorway/cues/0/kind', keyword: 'anyOf' }),
    ]);
  });
});
