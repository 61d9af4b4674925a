/**
 * The TypeScript types and the JSON Schemas describe the same documents:
 * typed values validate, and shapes the schemas refuse do not type-check
 * (`tsc -p schemas` checks the `@ts-expect-error` lines).
 */
import { describe, expect, it } from 'vitest';
import {
  CDM_STEPS,
  COMPARISON_OPS,
  CUE_KINDS,
  FORCE_LEVELS,
  LOG_FORMAT,
  OUTCOME_RESULTS,
  RATINGS,
  SCENARIO_FORMAT,
  TECHNIQUES,
  decisionLogSchema,
  scenarioSchema,
  validateDecisionLogSchema,
  validateScenarioSchema,
  type Choice,
  type Condition,
  type DecisionLog,
  type Effect,
  type LogEvent,
  type OutcomeBeat,
  type Scenario,
  type SceneBeat,
  type Variable,
} from '../src/index';
import { completeLog, completeScenario } from './helpers';

type Json = Record<string, unknown>;
const defs = (schema: Json) => schema.$defs as Record<string, Json>;
const props = (schema: Json | undefined) => (schema?.properties ?? {}) as Record<string, Json>;
const scenarioDefs = defs(scenarioSchema);
const logDefs = defs(decisionLogSchema);

const typedScenario: Scenario = {
  format: SCENARIO_FORMAT,
  id: 'domestic-dispute',
  version: '2.0.1',
  title: 'Domestic dispute',
  'x-source': 'regional academy',
  variables: {
    tension: { type: 'number', initial: 5, min: 0, max: 10 },
    childPresent: { type: 'boolean', initial: true, label: 'Child present' },
    room: { type: 'enum', values: ['hall', 'kitchen'], initial: 'hall' },
  },
  start: 'arrival',
  beats: {
    arrival: {
      title: 'Arrival',
      cdm: 'information',
      timeLimitSec: 20,
      onTimeout: { chance: [{ weight: 1, to: 'kitchen' }], effects: [{ add: 'tension', by: 1 }] },
      choices: [
        {
          id: 'separate',
          label: 'Separate the parties',
          technique: 'repositioning',
          rating: 'preferred',
          'x-note': 'standard practice',
          effects: [{ set: 'room', to: 'kitchen' }],
          when: { not: { var: 'room', in: ['kitchen'] } },
          to: 'kitchen',
        },
        {
          id: 'ask',
          label: 'Ask what happened',
          technique: 'x-custom-technique',
          when: { any: [{ visited: 'arrival' }, { chose: 'separate' }] },
          branches: [{ when: { var: 'childPresent', eq: true }, to: 'kitchen' }, { to: 'end' }],
        },
      ],
    },
    kitchen: {
      kind: 'scene',
      title: 'Kitchen',
      cues: [{ id: 'knife-block', kind: 'x-hazard', text: 'A knife block by the stove' }],
      choices: [
        {
          id: 'leave',
          label: 'Leave',
          instructor: [{ label: 'Calm', to: 'end', weight: 1 }],
        },
      ],
    },
    end: {
      kind: 'outcome',
      title: 'Resolved',
      outcome: { result: 'resolved', force: 'verbal', officerInjury: false, subjectInjury: false },
    },
  },
};

const typedLog: DecisionLog = {
  format: LOG_FORMAT,
  sessionId: '123e4567-e89b-42d3-a456-426614174000',
  scenario: { id: 'domestic-dispute', version: '2.0.1', digest: `sha256:${'0'.repeat(64)}` },
  trainee: { id: 't-1' },
  mode: 'assessment',
  seed: 0,
  startedAt: '2026-01-05T08:00:00+01:00',
  'x-device': 'tablet-7',
  events: [
    {
      seq: 1,
      at: 0,
      type: 'start',
      beat: 'arrival',
      vars: { tension: 5, childPresent: true, room: 'hall' },
      hash: `sha256:${'a'.repeat(64)}`,
    },
  ],
  annotations: [{ seq: 1, text: 'Check the doorway first.' }],
  selfAssessment: { change: 'Slow down' },
};

describe('types and schemas agree', () => {
  it('a typed scenario validates', () => {
    expect(validateScenarioSchema(typedScenario)).toEqual([]);
  });

  it('a typed decision log validates', () => {
    expect(validateDecisionLogSchema(typedLog)).toEqual([]);
  });

  it('the fixtures are typed documents', () => {
    const scenario: Scenario = completeScenario();
    const log: DecisionLog = completeLog();
    expect(validateScenarioSchema(scenario)).toEqual([]);
    expect(validateDecisionLogSchema(log)).toEqual([]);
  });

  it('the vocabularies in types.ts are the schema enums', () => {
    const enumOf = (def: Json | undefined) =>
      (def?.enum ?? (def?.anyOf as Json[] | undefined)?.[0]?.enum) as unknown[];
    expect(enumOf(scenarioDefs.cdm)).toEqual(CDM_STEPS);
    expect(enumOf(scenarioDefs.technique)).toEqual(TECHNIQUES);
    expect(enumOf(scenarioDefs.rating)).toEqual(RATINGS);
    expect(enumOf(scenarioDefs.cueKind)).toEqual(CUE_KINDS);
    expect(props(scenarioDefs.outcome).result?.enum).toEqual(OUTCOME_RESULTS);
    expect(props(scenarioDefs.outcome).force?.enum).toEqual(FORCE_LEVELS);
    const operators = Object.keys(props(scenarioDefs.varCondition)).filter((k) => k !== 'var');
    expect(operators).toEqual(COMPARISON_OPS);
    expect(props(scenarioSchema).format?.const).toBe(SCENARIO_FORMAT);
    expect(props(decisionLogSchema).format?.const).toBe(LOG_FORMAT);
  });

  it('a decision log records outcomes exactly as scenarios define them', () => {
    expect(logDefs.outcome).toEqual(scenarioDefs.outcome);
    expect(logDefs.id).toEqual(scenarioDefs.id);
    expect(logDefs.version).toEqual(scenarioDefs.version);
  });

  it('the schemas carry their own ids', () => {
    expect(scenarioSchema.$id).toBe('https://defuse.training/schemas/scenario/1.json');
    expect(decisionLogSchema.$id).toBe('https://defuse.training/schemas/decision-log/1.json');
    expect(scenarioSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

// Shapes the schemas refuse must not type-check either. Each line below is
// checked by `tsc -p schemas`: it fails if the type would accept the shape.
export const refusedShapes = {
  // @ts-expect-error -- a scenario needs its format
  noFormat: { id: 'a', version: '1.0.0', title: 'A', start: 'b', beats: {} } satisfies Scenario,
  // @ts-expect-error -- "rating" is a closed vocabulary
  badRating: { id: 'c', label: 'C', to: 'd', rating: 'great' } satisfies Choice,
  // @ts-expect-error -- custom techniques start with x-
  badTechnique: { id: 'c', label: 'C', to: 'd', technique: 'yelling' } satisfies Choice,
  // @ts-expect-error -- a misspelt field is not an extension
  misspelt: { id: 'c', lable: 'C', to: 'd' } satisfies Choice,
  // @ts-expect-error -- numeric operators compare numbers
  textLt: { var: 'a', lt: 'high' } satisfies Condition,
  // @ts-expect-error -- "in" takes a list
  scalarIn: { var: 'a', in: 'gap' } satisfies Condition,
  // @ts-expect-error -- an add effect adds a number
  textAdd: { add: 'a', by: '1' } satisfies Effect,
  // @ts-expect-error -- an outcome beat needs its outcome
  noOutcome: { kind: 'outcome', title: 'End' } satisfies OutcomeBeat,
  // @ts-expect-error -- a scene beat has no outcome kind
  sceneKind: { kind: 'final', title: 'End' } satisfies SceneBeat,
  // @ts-expect-error -- variables are number, boolean or enum
  stringVariable: { type: 'string', initial: 'x' } satisfies Variable,
  // @ts-expect-error -- an event type is a closed vocabulary
  badEvent: { seq: 1, at: 0, type: 'skip', beat: 'a', hash: 'h' } satisfies LogEvent,
  // @ts-expect-error -- the mode is training or assessment
  badMode: { ...typedLog, mode: 'practice' } satisfies DecisionLog,
};
