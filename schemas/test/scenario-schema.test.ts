import { describe, expect, it } from 'vitest';
import { scenarioSchema, validateScenarioSchema } from '../src/index';
import { completeScenario, edited, type Loose } from './helpers';

type Case = [
  description: string,
  change: (doc: Loose) => void,
  expected: { instancePath: string; keyword: string; message: string | RegExp },
];

/** Resolves a `#/...` schema path (less a trailing `false schema`) inside the schema. */
function resolves(schema: object, schemaPath: string): boolean {
  let node: unknown = schema;
  const pointer = schemaPath.replace(/^#/, '').replace(/\/false schema$/, '');
  for (const token of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== undefined;
}

describe('scenario schema', () => {
  it('accepts a complete scenario using every destination form and variable type', () => {
    expect(validateScenarioSchema(completeScenario())).toEqual([]);
  });

  it('accepts a minimal scenario: one scene beat and one outcome beat', () => {
    const minimal = {
      format: 'defuse/scenario@1',
      id: 'welfare-check',
      version: '0.1.0-draft.2+build.7',
      title: 'Welfare check',
      start: 'door',
      beats: {
        door: { title: 'At the door', choices: [{ id: 'knock', label: 'Knock', to: 'done' }] },
        done: {
          kind: 'outcome',
          title: 'Done',
          outcome: {
            result: 'resolved',
            force: 'none',
            officerInjury: false,
            subjectInjury: false,
          },
        },
      },
    };
    expect(validateScenarioSchema(minimal)).toEqual([]);
  });

  const cases: Case[] = [
    [
      'a misspelt field on a choice',
      (d) => (d.beats.dispatch.choices[0].lable = 'Wait'),
      {
        instancePath: '/beats/dispatch/choices/0',
        keyword: 'additionalProperties',
        message: 'unknown field "lable" (did you mean "label"?)',
      },
    ],
    [
      'an unknown top-level field',
      (d) => (d.difficulty = 'hard'),
      {
        instancePath: '',
        keyword: 'additionalProperties',
        message: 'unknown field "difficulty" (custom fields must start with "x-")',
      },
    ],
    [
      'a rating outside the vocabulary',
      (d) => (d.beats.dispatch.choices[0].rating = 'great'),
      {
        instancePath: '/beats/dispatch/choices/0/rating',
        keyword: 'enum',
        message: '"rating" must be one of preferred, acceptable, poor, unsafe',
      },
    ],
    [
      'another format version',
      (d) => (d.format = 'defuse/scenario@2'),
      {
        instancePath: '/format',
        keyword: 'const',
        message: '"format" must be "defuse/scenario@1"',
      },
    ],
    [
      'a scenario id with capitals',
      (d) => (d.id = 'Library'),
      { instancePath: '/id', keyword: 'pattern', message: /^"id" must be a lowercase id/ },
    ],
    [
      'a scenario id longer than 64 characters',
      (d) => (d.id = 'a'.repeat(65)),
      { instancePath: '/id', keyword: 'pattern', message: /lowercase id/ },
    ],
    [
      'a version that is not semver',
      (d) => (d.version = '1.0'),
      {
        instancePath: '/version',
        keyword: 'pattern',
        message: '"version" must be a semantic version such as 1.0.0',
      },
    ],
    [
      'a beat id with a space',
      (d) => (d.beats['front desk'] = { title: 'Front desk' }),
      {
        instancePath: '/beats/front desk',
        keyword: 'propertyNames',
        message: /^beat id "front desk" must be a lowercase id/,
      },
    ],
    [
      'a choice id starting with a digit',
      (d) => (d.beats.dispatch.choices[0].id = '1st'),
      { instancePath: '/beats/dispatch/choices/0/id', keyword: 'pattern', message: /lowercase id/ },
    ],
    [
      'a cue id with an underscore',
      (d) => (d.beats.doorway.cues[0].id = 'unseen_voices'),
      { instancePath: '/beats/doorway/cues/0/id', keyword: 'pattern', message: /lowercase id/ },
    ],
    [
      'a missing beat title',
      (d) => delete d.beats.talking.title,
      {
        instancePath: '/beats/talking',
        keyword: 'required',
        message: 'missing required field "title"',
      },
    ],
    [
      'no beats at all',
      (d) => (d.beats = {}),
      { instancePath: '/beats', keyword: 'minProperties', message: '"beats" must not be empty' },
    ],
    [
      'a choice with no destination',
      (d) => delete d.beats.dispatch.choices[0].to,
      {
        instancePath: '/beats/dispatch/choices/0',
        keyword: 'not',
        message: 'a choice needs exactly one of to, branches, chance, instructor',
      },
    ],
    [
      'a choice with two destinations',
      (d) => (d.beats.dispatch.choices[0].chance = [{ weight: 1, to: 'doorway' }]),
      {
        instancePath: '/beats/dispatch/choices/0',
        keyword: 'dependentSchemas',
        message:
          'a choice needs exactly one of to, branches, chance, instructor; it has both "to" and "chance"',
      },
    ],
    [
      'an onTimeout with no destination',
      (d) => delete d.beats.dispatch.onTimeout.to,
      {
        instancePath: '/beats/dispatch/onTimeout',
        keyword: 'not',
        message: '"onTimeout" needs exactly one of to, branches, chance, instructor',
      },
    ],
    [
      'empty branches',
      (d) => (d.beats.doorway.choices[0].branches = []),
      {
        instancePath: '/beats/doorway/choices/0/branches',
        keyword: 'minItems',
        message: '"branches" must not be empty',
      },
    ],
    [
      'an empty chance draw',
      (d) => (d.beats.doorway.choices[1].chance = []),
      {
        instancePath: '/beats/doorway/choices/1/chance',
        keyword: 'minItems',
        message: '"chance" must not be empty',
      },
    ],
    [
      'a weight given as text',
      (d) => (d.beats.doorway.choices[1].chance[0].weight = '3'),
      {
        instancePath: '/beats/doorway/choices/1/chance/0/weight',
        keyword: 'type',
        message: '"weight" must be a number',
      },
    ],
    [
      'an instructor option without a label',
      (d) => delete d.beats.talking.choices[0].instructor[1].label,
      {
        instancePath: '/beats/talking/choices/0/instructor/1',
        keyword: 'required',
        message: 'missing required field "label"',
      },
    ],
    [
      'an unknown condition form',
      (d) => (d.beats.doorway.choices[0].when = { variable: 'agitation', lt: 9 }),
      {
        instancePath: '/beats/doorway/choices/0/when',
        keyword: 'not',
        message: 'unknown condition form; expected one of var, all, any, not, visited, chose',
      },
    ],
    [
      'a condition mixing two forms',
      (d) => (d.beats.doorway.choices[0].when = { visited: 'dispatch', chose: 'slow-down' }),
      {
        instancePath: '/beats/doorway/choices/0/when',
        keyword: 'dependentSchemas',
        message:
          /exactly one of var, all, any, not, visited, chose; it has both "visited" and "chose"/,
      },
    ],
    [
      'a nested condition of unknown form',
      (d) => (d.beats.doorway.choices[0].branches[0].when.all[1].not = { seen: 'dispatch' }),
      {
        instancePath: '/beats/doorway/choices/0/branches/0/when/all/1/not',
        keyword: 'not',
        message: /^unknown condition form/,
      },
    ],
    [
      'a var condition with two operators',
      (d) => (d.beats.doorway.choices[0].when = { var: 'agitation', gt: 2, lt: 9 }),
      {
        instancePath: '/beats/doorway/choices/0/when',
        keyword: 'dependentSchemas',
        message: /takes exactly one operator .*; it has both "lt" and "gt"/,
      },
    ],
    [
      'a var condition with no operator',
      (d) => (d.beats.doorway.choices[0].when = { var: 'agitation' }),
      {
        instancePath: '/beats/doorway/choices/0/when',
        keyword: 'not',
        message: 'a "var" condition needs one operator: eq, ne, lt, lte, gt, gte or in',
      },
    ],
    [
      'a condition written as text',
      (d) => (d.beats.doorway.choices[0].when = 'agitation < 9'),
      {
        instancePath: '/beats/doorway/choices/0/when',
        keyword: 'type',
        message: '"when" must be an object',
      },
    ],
    [
      'an effect written as text',
      (d) => (d.beats.dispatch.choices[0].effects[1] = 'position = gap'),
      {
        instancePath: '/beats/dispatch/choices/0/effects/1',
        keyword: 'type',
        message: '"effects[1]" must be an object',
      },
    ],
    [
      'a choice written as text',
      (d) => (d.beats.talking.choices[1] = 'Let him go'),
      {
        instancePath: '/beats/talking/choices/1',
        keyword: 'type',
        message: '"choices[1]" must be an object',
      },
    ],
    [
      'a numeric operator given text',
      (d) => (d.beats.doorway.choices[0].when = { var: 'agitation', lt: 'high' }),
      {
        instancePath: '/beats/doorway/choices/0/when/lt',
        keyword: 'type',
        message: '"lt" must be a number',
      },
    ],
    [
      '"in" given a single value',
      (d) => (d.beats.talking.choices[0].when = { var: 'position', in: 'gap' }),
      {
        instancePath: '/beats/talking/choices/0/when/in',
        keyword: 'type',
        message: '"in" must be a list',
      },
    ],
    [
      'an unknown operator',
      (d) => (d.beats.talking.choices[1].when = { var: 'agitation', ne: 10, above: 3 }),
      {
        instancePath: '/beats/talking/choices/1/when',
        keyword: 'additionalProperties',
        message: 'unknown field "above"',
      },
    ],
    [
      'an effect of unknown form',
      (d) => d.beats.dispatch.choices[0].effects.push({ increase: 'rapport' }),
      {
        instancePath: '/beats/dispatch/choices/0/effects/2',
        keyword: 'not',
        message:
          'an effect is either { "set": NAME, "to": VALUE } or { "add": NAME, "by": NUMBER }',
      },
    ],
    [
      'an add effect without "by"',
      (d) => (d.beats.dispatch.choices[0].effects[0] = { add: 'agitation' }),
      {
        instancePath: '/beats/dispatch/choices/0/effects/0',
        keyword: 'required',
        message: 'missing required field "by"',
      },
    ],
    [
      'an add effect with a text amount',
      (d) => (d.beats.dispatch.choices[0].effects[0].by = '-1'),
      {
        instancePath: '/beats/dispatch/choices/0/effects/0/by',
        keyword: 'type',
        message: '"by" must be a number',
      },
    ],
    [
      'choices on an outcome beat',
      (d) => (d.beats['calm-exit'].choices = []),
      {
        instancePath: '/beats/calm-exit/choices',
        keyword: 'false schema',
        message: 'an outcome beat has no "choices"; it ends the drill',
      },
    ],
    [
      'a timer on an outcome beat',
      (d) => (d.beats['calm-exit'].timeLimitSec = 5),
      {
        instancePath: '/beats/calm-exit/timeLimitSec',
        keyword: 'false schema',
        message: 'an outcome beat has no "timeLimitSec"; it ends the drill',
      },
    ],
    [
      'an outcome beat without its outcome',
      (d) => delete d.beats.arrest.outcome,
      {
        instancePath: '/beats/arrest',
        keyword: 'required',
        message: 'missing required field "outcome"',
      },
    ],
    [
      'an outcome on a scene beat',
      (d) => delete d.beats.arrest.kind,
      {
        instancePath: '/beats/arrest/outcome',
        keyword: 'false schema',
        message: '"outcome" belongs on an outcome beat; add "kind": "outcome"',
      },
    ],
    [
      'an unknown beat kind',
      (d) => (d.beats.talking.kind = 'ending'),
      {
        instancePath: '/beats/talking/kind',
        keyword: 'enum',
        message: '"kind" must be one of scene, outcome',
      },
    ],
    [
      'an outcome result outside the vocabulary',
      (d) => (d.beats.arrest.outcome.result = 'detained'),
      {
        instancePath: '/beats/arrest/outcome/result',
        keyword: 'enum',
        message:
          '"result" must be one of resolved, referred, arrested, disengaged, force-used, injury',
      },
    ],
    [
      'an injury flag given as text',
      (d) => (d.beats.arrest.outcome.subjectInjury = 'yes'),
      {
        instancePath: '/beats/arrest/outcome/subjectInjury',
        keyword: 'type',
        message: '"subjectInjury" must be true or false',
      },
    ],
    [
      'a force level outside the vocabulary',
      (d) => (d.beats.arrest.outcome.force = 'taser'),
      {
        instancePath: '/beats/arrest/outcome/force',
        keyword: 'enum',
        message: /^"force" must be one of none/,
      },
    ],
    [
      'a technique outside the vocabulary',
      (d) => (d.beats.dispatch.choices[0].technique = 'shouting'),
      {
        instancePath: '/beats/dispatch/choices/0/technique',
        keyword: 'anyOf',
        message:
          /^"technique" must be one of active-listening, .*, disengage, or a custom value starting with "x-"$/,
      },
    ],
    [
      'a cue kind outside the vocabulary',
      (d) => (d.beats.doorway.cues[0].kind = 'weapon'),
      {
        instancePath: '/beats/doorway/cues/0/kind',
        keyword: 'anyOf',
        message:
          '"kind" must be one of crisis-sign, threat, environment, bystander, or a custom value starting with "x-"',
      },
    ],
    [
      'a media type outside the vocabulary',
      (d) => (d.beats.doorway.media[0].type = 'gif'),
      {
        instancePath: '/beats/doorway/media/0/type',
        keyword: 'enum',
        message: '"type" must be one of image, audio, video',
      },
    ],
    [
      'a cdm step outside the vocabulary',
      (d) => (d.beats.doorway.cdm = 'decide'),
      {
        instancePath: '/beats/doorway/cdm',
        keyword: 'enum',
        message: '"cdm" must be one of information, assessment, powers-policy, options, act-review',
      },
    ],
    [
      'a time limit of zero',
      (d) => (d.beats.dispatch.timeLimitSec = 0),
      {
        instancePath: '/beats/dispatch/timeLimitSec',
        keyword: 'exclusiveMinimum',
        message: '"timeLimitSec" must be greater than 0',
      },
    ],
    [
      'a time limit without onTimeout',
      (d) => delete d.beats.dispatch.onTimeout,
      {
        instancePath: '/beats/dispatch',
        keyword: 'dependentRequired',
        message: '"timeLimitSec" needs "onTimeout" to say where the drill goes when time runs out',
      },
    ],
    [
      'a variable of unknown type',
      (d) => (d.variables.mood = { type: 'string', initial: 'calm' }),
      {
        instancePath: '/variables/mood/type',
        keyword: 'enum',
        message: '"type" must be one of number, boolean, enum',
      },
    ],
    [
      'a number variable with a text initial value',
      (d) => (d.variables.agitation.initial = '7'),
      {
        instancePath: '/variables/agitation/initial',
        keyword: 'type',
        message: '"initial" must be a number',
      },
    ],
    [
      'a boolean variable with min and max',
      (d) => (d.variables.backup.max = 1),
      {
        instancePath: '/variables/backup',
        keyword: 'additionalProperties',
        message: 'unknown field "max"',
      },
    ],
    [
      'an enum variable without values',
      (d) => delete d.variables.position.values,
      {
        instancePath: '/variables/position',
        keyword: 'required',
        message: 'missing required field "values"',
      },
    ],
    [
      'an enum variable repeating a value',
      (d) => d.variables.position.values.push('gap'),
      {
        instancePath: '/variables/position/values',
        keyword: 'uniqueItems',
        message: /^"values" must not repeat a value/,
      },
    ],
    [
      'a line without a speaker',
      (d) => delete d.beats.doorway.lines[0].speaker,
      {
        instancePath: '/beats/doorway/lines/0',
        keyword: 'required',
        message: 'missing required field "speaker"',
      },
    ],
    [
      'objectives given as one string',
      (d) => (d.objectives = 'Stay calm'),
      { instancePath: '/objectives', keyword: 'type', message: '"objectives" must be a list' },
    ],
    [
      'a non-positive estimated duration',
      (d) => (d.estimatedMinutes = -3),
      {
        instancePath: '/estimatedMinutes',
        keyword: 'exclusiveMinimum',
        message: '"estimatedMinutes" must be greater than 0',
      },
    ],
  ];

  it.each(cases)('refuses %s', (_, change, expected) => {
    const errors = validateScenarioSchema(edited(completeScenario(), change));
    expect(errors).toContainEqual(
      expect.objectContaining({
        instancePath: expected.instancePath,
        keyword: expected.keyword,
        message:
          typeof expected.message === 'string'
            ? expected.message
            : expect.stringMatching(expected.message),
      }),
    );
    // One mistake, one error: no echo of ajv's per-branch failures.
    expect(errors).toHaveLength(1);
    for (const error of errors) expect(resolves(scenarioSchema, error.schemaPath)).toBe(true);
  });

  it('does not check that weights are positive (the engine reports that)', () => {
    const doc = edited(completeScenario(), (d) => {
      d.beats.doorway.choices[1].chance[0].weight = 0;
      d.beats.talking.choices[0].instructor[1].weight = -1;
    });
    expect(validateScenarioSchema(doc)).toEqual([]);
  });

  it('reports every mistake in a document, each where it is', () => {
    const doc = edited(completeScenario(), (d) => {
      d.beats.dispatch.choices[0].rating = 'good';
      d.beats.talking.choices[2].when = { var: 'rapport' };
      d.variables.rapport.initial = true;
    });
    expect(validateScenarioSchema(doc).map((e) => e.instancePath)).toEqual([
      '/variables/rapport/initial',
      '/beats/dispatch/choices/0/rating',
      '/beats/talking/choices/2/when',
    ]);
  });

  it('explains a document that is not an object', () => {
    expect(validateScenarioSchema([1, 2])).toEqual([
      expect.objectContaining({
        instancePath: '',
        keyword: 'type',
        message: 'the document must be an object',
      }),
    ]);
  });

  it('lists each missing top-level field of an empty object', () => {
    const missing = validateScenarioSchema({}).map((e) => e.params.missingProperty);
    expect(missing).toEqual(['format', 'id', 'version', 'title', 'start', 'beats']);
  });
});
