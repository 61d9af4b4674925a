import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import {
  isoDuration,
  scenarioDigest,
  toXapiStatements,
  uuidV5,
  XapiExportError,
  type XapiStatement,
} from '../src/index';
import { lobby } from './helpers';
import { scriptedLog } from './scripted-log';
import { xapiProblems } from './xapi-rules';

const BASE = 'https://defuse.training/xapi/';
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

let scenario: Scenario;
/** gap (4 s), label (3 s): he sits down. */
let calm: DecisionLog;
/** rush (2 s), "talk" times out after 10 s, cover (1.5 s). */
let timedOut: DecisionLog;
/** gap, order with the instructor picking "He lunges", cover. */
let instructed: DecisionLog;

beforeAll(async () => {
  scenario = lobby();
  calm = await scriptedLog(
    scenario,
    [
      [4000, 'gap'],
      [3000, 'label'],
    ],
    { trainee: 'ana' },
  );
  timedOut = await scriptedLog(
    scenario,
    [
      [2000, 'gap'],
      [10_000, '@timeout'],
      [1500, 'cover'],
    ],
    {
      trainee: 'ben',
    },
  );
  instructed = await scriptedLog(
    scenario,
    [
      [1000, 'gap'],
      [2000, 'order'],
      [0, '@pick:1'],
      [2500, 'cover'],
    ],
    { trainee: 'cy', instructor: 'present' },
  );
});

function verbs(statements: XapiStatement[]): string[] {
  return statements.map((s) => s.verb.id.split('/').pop()!);
}

describe('toXapiStatements', () => {
  it('gives initialized, one answered statement per decision, and completed', () => {
    const statements = toXapiStatements(scenario, [calm]);
    expect(verbs(statements)).toEqual(['initialized', 'answered', 'answered', 'completed']);
    expect(statements[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
    expect(statements[3]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
  });

  it('maps a decision to a choice interaction with the offered choices and the chosen id', () => {
    const [, gap, label] = toXapiStatements(scenario, [calm]);
    expect(gap!.object).toEqual({
      objectType: 'Activity',
      id: `${BASE}scenarios/lobby-test/beats/arrive`,
      definition: {
        type: INTERACTION,
        name: { 'en-US': 'Arrival' },
        description: { 'en-US': 'A man shouts at the front desk.' },
        interactionType: 'choice',
        choices: [
          { id: 'gap', description: { 'en-US': 'Keep your distance and call backup' } },
          { id: 'rush', description: { 'en-US': 'Walk straight up to him' } },
        ],
      },
    });
    expect(gap!.result).toEqual({
      response: 'gap',
      duration: 'PT4S',
      extensions: { [`${BASE}extensions/rating`]: 'preferred' },
    });
    expect(gap!.context.extensions).toMatchObject({
      [`${BASE}extensions/scenario-id`]: 'lobby-test',
      [`${BASE}extensions/scenario-version`]: '1.0.0',
      [`${BASE}extensions/scenario-digest`]: scenarioDigest(scenario),
      [`${BASE}extensions/beat`]: 'arrive',
      [`${BASE}extensions/cdm`]: 'information',
      [`${BASE}extensions/technique`]: 'distance',
      [`${BASE}extensions/chosen-by`]: 'trainee',
    });
    expect(gap!.context.contextActivities.parent?.[0]?.id).toBe(`${BASE}scenarios/lobby-test`);
    // After keeping distance, backup is on its way, so "Calm down now!" is offered too.
    expect(label!.object.definition?.choices?.map((c) => c.id)).toEqual(['label', 'order']);
    expect(label!.result?.duration).toBe('PT3S');
  });

  it('offers only the choices that were on screen at the time', async () => {
    // A calmer man: walking up does not make him grab the scissors, and no backup is called.
    const calmer: Scenario = structuredClone(scenario);
    calmer.variables!.agitation = { type: 'number', initial: 3, min: 0, max: 10 };
    const rushed = await scriptedLog(
      calmer,
      [
        [1000, 'rush'],
        [1000, 'label'],
      ],
      { seed: 2 },
    );
    const talk = toXapiStatements(calmer, [rushed]).find(
      (s) => s.context.extensions[`${BASE}extensions/beat`] === 'talk',
    );
    expect(talk?.object.definition?.choices?.map((c) => c.id)).toEqual(['label']);
  });

  it('records a timer running out as "timed out" with no response', () => {
    const statements = toXapiStatements(scenario, [timedOut]);
    expect(verbs(statements)).toEqual([
      'initialized',
      'answered',
      'timed-out',
      'answered',
      'completed',
    ]);
    const timeout = statements[2]!;
    expect(timeout.verb.id).toBe(`${BASE}verbs/timed-out`);
    expect(timeout.result).toEqual({ duration: 'PT10S' });
    expect(timeout.context.extensions[`${BASE}extensions/chosen-by`]).toBe('timer');
  });

  it('says who chose an instructor branch', () => {
    const order = toXapiStatements(scenario, [instructed])[2]!;
    expect(order.result?.response).toBe('order');
    expect(order.context.extensions).toMatchObject({
      [`${BASE}extensions/chosen-by`]: 'instructor',
      [`${BASE}extensions/to`]: 'grab',
    });
  });

  it('gives the outcome on the completed statement, with the drill duration', () => {
    const completed = toXapiStatements(scenario, [timedOut]).at(-1)!;
    expect(completed.object.id).toBe(`${BASE}scenarios/lobby-test`);
    expect(completed.result).toEqual({
      completion: true,
      duration: 'PT13.5S',
      extensions: {
        [`${BASE}extensions/outcome-beat`]: 'hurt',
        [`${BASE}extensions/outcome`]: {
          result: 'force-used',
          force: 'hands',
          officerInjury: false,
          subjectInjury: true,
        },
      },
    });
  });

  it('does not send completed for a drill that never reached an outcome', async () => {
    const unfinished = await scriptedLog(scenario, [[1000, 'gap']]);
    expect(verbs(toXapiStatements(scenario, [unfinished]))).toEqual(['initialized', 'answered']);
  });

  it('names the trainee by an account, times each statement from the log, and keeps the session as registration', () => {
    const statements = toXapiStatements(scenario, [calm]);
    for (const s of statements) {
      expect(s.actor).toEqual({
        objectType: 'Agent',
        account: { homePage: 'https://defuse.training', name: 'ana' },
      });
      expect(s.context.registration).toBe(calm.sessionId);
    }
    expect(statements.map((s) => s.timestamp)).toEqual([
      '2026-11-22T14:03:00.000Z',
      '2026-11-22T14:03:04.000Z',
      '2026-11-22T14:03:07.000Z',
      '2026-11-22T14:03:07.000Z',
    ]);
  });

  it('lets an agency map trainees to its own identities', () => {
    const [first] = toXapiStatements(scenario, [calm], {
      actor: (t) => ({ objectType: 'Agent', mbox: `mailto:${t.id}@academy.example` }),
    });
    expect(first!.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ana@academy.example' });
    expect(xapiProblems(first)).toEqual([]);
  });

  it('gives the same statement ids when the same log is exported again, distinct ones otherwise', () => {
    const first = toXapiStatements(scenario, [calm, timedOut]);
    const again = toXapiStatements(scenario, [calm, timedOut]);
    expect(again.map((s) => s.id)).toEqual(first.map((s) => s.id));
    expect(new Set(first.map((s) => s.id)).size).toBe(first.length);
    expect(first[1]!.id).toBe(uuidV5(`${calm.sessionId}#2`));
  });

  it('produces statements that follow the xAPI 1.0.3 rules', () => {
    const statements = toXapiStatements(scenario, [calm, timedOut, instructed]);
    expect(statements).toHaveLength(4 + 5 + 5);
    for (const s of statements) expect(xapiProblems(JSON.parse(JSON.stringify(s)))).toEqual([]);
  });

  it('refuses a log with an edited event, naming the log and the event', () => {
    const edited = structuredClone(calm);
    edited.events[2] = { ...edited.events[2]!, at: 1 };
    expect(() => toXapiStatements(scenario, [timedOut, edited])).toThrow(XapiExportError);
    expect(() => toXapiStatements(scenario, [edited])).toThrow(
      new RegExp(`${calm.sessionId}.*ana.*event 3`),
    );
  });

  it('refuses a log recorded against another version of the scenario', async () => {
    const revised: Scenario = { ...scenario, version: '2.0.0' };
    const old = await scriptedLog(revised, [[1000, 'gap']]);
    expect(() => toXapiStatements(scenario, [old])).toThrow(/version 2\.0\.0/);
  });
});

describe('isoDuration', () => {
  it('writes milliseconds as ISO 8601 durations to the hundredth of a second', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(5234)).toBe('PT5.23S');
    expect(isoDuration(64_500)).toBe('PT1M4.5S');
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S');
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 name-based SHA-1 algorithm', () => {
    // Known value: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('the xAPI rules used above', () => {
  const good: XapiStatement = {
    id: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    actor: { objectType: 'Agent', account: { homePage: 'https://academy.example', name: '4471' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: 'https://academy.example/q1' },
    context: {
      registration: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
      platform: 'Defuse',
      language: 'en-US',
      contextActivities: {},
      extensions: {},
    },
    timestamp: '2026-11-22T14:03:00.000Z',
  };

  it('accept a well-formed statement', () => {
    expect(xapiProblems(good)).toEqual([]);
  });

  it.each([
    ['an actor without an identifier', { actor: { objectType: 'Agent', name: 'Ana' } }, /actor/],
    [
      'an actor with two identifiers',
      {
        actor: {
          mbox: 'mailto:a@b.example',
          account: { homePage: 'https://a.example', name: 'a' },
        },
      },
      /exactly one/,
    ],
    ['an mbox that is not mailto:', { actor: { mbox: 'a@b.example' } }, /mailto/],
    ['a verb id that is not an IRI', { verb: { id: 'answered' } }, /verb\.id/],
    ['an object id that is not an IRI', { object: { id: 'beat arrive' } }, /object\.id/],
    ['a timestamp without a time zone', { timestamp: '2026-11-22T14:03:00' }, /timestamp/],
    ['a duration without its T', { result: { duration: 'P5S' } }, /duration/],
    ['a statement id that is not a UUID', { id: 'session-1#2' }, /id: must be a UUID/],
    ['an unknown property', { score: 3 }, /unknown property "score"/],
    [
      'choices without an interaction type',
      { object: { id: 'https://a.example/q', definition: { choices: [] } } },
      /interactionType/,
    ],
    [
      'a scale on a choice interaction',
      {
        object: {
          id: 'https://a.example/q',
          definition: { interactionType: 'choice', scale: [{ id: 'a' }] },
        },
      },
      /scale: not allowed/,
    ],
    ['an extension key that is not an IRI', { result: { extensions: { rating: 'poor' } } }, /IRI/],
  ])('reject %s', (_name, change, problem) => {
    const problems = xapiProblems({ ...good, ...change });
    expect(problems.join('\n')).toMatch(problem);
  });
});
