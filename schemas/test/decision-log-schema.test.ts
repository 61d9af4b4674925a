import { describe, expect, it } from 'vitest';
import { validateDecisionLogSchema } from '../src/index';
import { completeLog, edited, type Loose } from './helpers';

type Case = [
  description: string,
  change: (log: Loose) => void,
  expected: { instancePath: string; keyword: string; message: string | RegExp },
];

describe('decision log schema', () => {
  it('accepts a complete log with every event type, annotations and a self-assessment', () => {
    const log = completeLog();
    expect(new Set(log.events.map((e) => e.type))).toEqual(
      new Set(['start', 'timeout', 'pause', 'unpause', 'choice', 'resume', 'end']),
    );
    expect(validateDecisionLogSchema(log)).toEqual([]);
  });

  it('accepts a log just started: one event, no annotations', () => {
    const log = edited(completeLog(), (l) => {
      l.events = l.events.slice(0, 1);
      delete l.annotations;
      delete l.selfAssessment;
      delete l.trainee.name;
    });
    expect(validateDecisionLogSchema(log)).toEqual([]);
  });

  it('accepts an assessment run with an instructor option drawn by chance', () => {
    const log = edited(completeLog(), (l) => {
      l.mode = 'assessment';
      l.events[6].by = 'chance';
      l.events[6].option = 1;
    });
    expect(validateDecisionLogSchema(log)).toEqual([]);
  });

  const cases: Case[] = [
    [
      'a scenario document',
      (l) => (l.format = 'defuse/scenario@1'),
      {
        instancePath: '/format',
        keyword: 'const',
        message: '"format" must be "defuse/decision-log@1"',
      },
    ],
    [
      'a session id that is not a UUID',
      (l) => (l.sessionId = 'session-1'),
      { instancePath: '/sessionId', keyword: 'pattern', message: /^"sessionId" must be a UUID/ },
    ],
    [
      'a digest without its algorithm',
      (l) => (l.scenario.digest = l.scenario.digest.slice('sha256:'.length)),
      {
        instancePath: '/scenario/digest',
        keyword: 'pattern',
        message: '"digest" must be "sha256:" followed by 64 lowercase hexadecimal digits',
      },
    ],
    [
      'a scenario version that is not semver',
      (l) => (l.scenario.version = 'v1'),
      { instancePath: '/scenario/version', keyword: 'pattern', message: /semantic version/ },
    ],
    [
      'a trainee without an id',
      (l) => delete l.trainee.id,
      { instancePath: '/trainee', keyword: 'required', message: 'missing required field "id"' },
    ],
    [
      'an unknown mode',
      (l) => (l.mode = 'practice'),
      {
        instancePath: '/mode',
        keyword: 'enum',
        message: '"mode" must be one of training, assessment',
      },
    ],
    [
      'a seed above 32 bits',
      (l) => (l.seed = 4294967296),
      { instancePath: '/seed', keyword: 'maximum', message: '"seed" must be at most 4294967295' },
    ],
    [
      'a negative seed',
      (l) => (l.seed = -1),
      { instancePath: '/seed', keyword: 'minimum', message: '"seed" must be at least 0' },
    ],
    [
      'a fractional seed',
      (l) => (l.seed = 1.5),
      { instancePath: '/seed', keyword: 'type', message: '"seed" must be a whole number' },
    ],
    [
      'a start time without a time',
      (l) => (l.startedAt = '2026-11-22'),
      { instancePath: '/startedAt', keyword: 'pattern', message: /must be a date and time/ },
    ],
    [
      'an event numbered 0',
      (l) => (l.events[0].seq = 0),
      { instancePath: '/events/0/seq', keyword: 'minimum', message: '"seq" must be at least 1' },
    ],
    [
      'an event at a negative time',
      (l) => (l.events[1].at = -5),
      { instancePath: '/events/1/at', keyword: 'minimum', message: '"at" must be at least 0' },
    ],
    [
      'an unknown event type',
      (l) => (l.events[2].type = 'skip'),
      {
        instancePath: '/events/2/type',
        keyword: 'enum',
        message: '"type" must be one of start, choice, timeout, resume, pause, unpause, end',
      },
    ],
    [
      'an event without a hash',
      (l) => delete l.events[3].hash,
      { instancePath: '/events/3', keyword: 'required', message: 'missing required field "hash"' },
    ],
    [
      'an upper-case hash',
      (l) => (l.events[3].hash = l.events[3].hash.toUpperCase()),
      { instancePath: '/events/3/hash', keyword: 'pattern', message: /64 lowercase hexadecimal/ },
    ],
    [
      'a choice event that does not say which choice',
      (l) => delete l.events[4].choice,
      {
        instancePath: '/events/4',
        keyword: 'required',
        message: 'missing required field "choice"',
      },
    ],
    [
      'a timeout event that does not say where it went',
      (l) => delete l.events[1].to,
      { instancePath: '/events/1', keyword: 'required', message: 'missing required field "to"' },
    ],
    [
      'an end event without its outcome',
      (l) => delete l.events[7].outcome,
      {
        instancePath: '/events/7',
        keyword: 'required',
        message: 'missing required field "outcome"',
      },
    ],
    [
      'a choice made by someone other than the instructor or chance',
      (l) => (l.events[6].by = 'trainee'),
      {
        instancePath: '/events/6/by',
        keyword: 'enum',
        message: '"by" must be one of instructor, chance',
      },
    ],
    [
      'a negative instructor option',
      (l) => (l.events[6].option = -1),
      {
        instancePath: '/events/6/option',
        keyword: 'minimum',
        message: '"option" must be at least 0',
      },
    ],
    [
      'a variable value that is an object',
      (l) => (l.events[0].vars.position = { x: 1 }),
      {
        instancePath: '/events/0/vars/position',
        keyword: 'type',
        message: 'variable "position" must be a number, a string, true or false',
      },
    ],
    [
      'an end event with an unknown outcome result',
      (l) => (l.events[7].outcome.result = 'won'),
      {
        instancePath: '/events/7/outcome/result',
        keyword: 'enum',
        message: /^"result" must be one of/,
      },
    ],
    [
      'an extension field on an event (inside the hash chain)',
      (l) => (l.events[0]['x-device'] = 'tablet-3'),
      {
        instancePath: '/events/0',
        keyword: 'additionalProperties',
        message: 'unknown field "x-device"',
      },
    ],
    [
      'an annotation without text',
      (l) => delete l.annotations[0].text,
      {
        instancePath: '/annotations/0',
        keyword: 'required',
        message: 'missing required field "text"',
      },
    ],
    [
      'an annotation time that is not a date',
      (l) => (l.annotations[0].at = 'yesterday'),
      { instancePath: '/annotations/0/at', keyword: 'pattern', message: /must be a date and time/ },
    ],
    [
      'an unknown self-assessment field',
      (l) => (l.selfAssessment.wentwell = 'Stayed calm'),
      {
        instancePath: '/selfAssessment',
        keyword: 'additionalProperties',
        message: 'unknown field "wentwell" (did you mean "wentWell"?)',
      },
    ],
  ];

  it.each(cases)('refuses %s', (_, change, expected) => {
    const errors = validateDecisionLogSchema(edited(completeLog(), change));
    expect(errors).toEqual([
      expect.objectContaining({
        instancePath: expected.instancePath,
        keyword: expected.keyword,
        message:
          typeof expected.message === 'string'
            ? expected.message
            : expect.stringMatching(expected.message),
      }),
    ]);
  });
});
