/**
 * Test data a scenario author would write: a short library call with a
 * timer, a condition, an effect and two outcomes.
 */
import type { Beat, Choice, OutcomeBeat, Scenario, SceneBeat } from '@defuse/schemas';

/** A scene beat; fields can be overridden. */
export function fakeBeat(overrides: Partial<SceneBeat> = {}): SceneBeat {
  return {
    title: 'At the circulation desk',
    narrative: 'A man in his forties is shouting at the librarian.',
    cdm: 'information',
    choices: [],
    ...overrides,
  };
}

/** An outcome beat; fields can be overridden. */
export function fakeOutcome(overrides: Partial<OutcomeBeat> = {}): OutcomeBeat {
  return {
    kind: 'outcome',
    title: 'He leaves with the outreach worker',
    outcome: { result: 'resolved', force: 'none', officerInjury: false, subjectInjury: false },
    ...overrides,
  };
}

/** A choice leading to `to`; fields can be overridden. */
export function fakeChoice(overrides: Partial<Choice> = {}): Choice {
  const forked = overrides.branches ?? overrides.chance ?? overrides.instructor;
  return {
    id: 'slow-down',
    label: 'Stop at the doorway and ask staff what happened',
    technique: 'time',
    rating: 'preferred',
    ...(forked ? {} : { to: 'calm-exit' }),
    ...overrides,
  };
}

/** A small valid scenario; top-level fields and beats can be overridden. */
export function fakeScenario(
  overrides: Partial<Omit<Scenario, 'beats'>> & { beats?: Record<string, Beat> } = {},
): Scenario {
  return {
    format: 'defuse/scenario@1',
    id: 'library-patron',
    version: '1.0.0',
    title: 'Agitated patron at the public library',
    variables: {
      agitation: { type: 'number', initial: 7, min: 0, max: 10, label: 'Agitation' },
      backup: { type: 'boolean', initial: false },
      position: { type: 'enum', values: ['close', 'gap', 'cover'], initial: 'close' },
    },
    start: 'arrival',
    beats: {
      arrival: fakeBeat({
        title: 'Arrival',
        timeLimitSec: 12,
        onTimeout: { to: 'shouting', feedback: 'Hesitation lets it grow.' },
        choices: [
          fakeChoice({
            id: 'slow-down',
            to: 'desk',
            effects: [{ add: 'agitation', by: -1 }],
          }),
          fakeChoice({
            id: 'rush-in',
            label: 'Walk straight up to him',
            technique: 'command',
            rating: 'poor',
            to: 'shouting',
            effects: [{ set: 'position', to: 'close' }],
          }),
        ],
      }),
      desk: fakeBeat({
        title: 'At the desk',
        cdm: 'assessment',
        choices: [
          fakeChoice({
            id: 'listen',
            label: 'Ask him what happened',
            technique: 'open-question',
            when: { var: 'agitation', lt: 9 },
            to: 'calm-exit',
          }),
          fakeChoice({
            id: 'call-backup',
            label: 'Call for a second unit',
            technique: 'backup',
            rating: 'acceptable',
            effects: [{ set: 'backup', to: true }],
            chance: [
              { weight: 3, to: 'calm-exit' },
              { weight: 1, to: 'arrest' },
            ],
          }),
        ],
      }),
      shouting: fakeBeat({
        title: 'He shouts louder',
        cdm: 'act-review',
        choices: [
          fakeChoice({
            id: 'step-back',
            label: 'Step back and lower your voice',
            technique: 'distance',
            branches: [{ when: { var: 'agitation', gte: 8 }, to: 'arrest' }, { to: 'calm-exit' }],
          }),
        ],
      }),
      'calm-exit': fakeOutcome(),
      arrest: fakeOutcome({
        title: 'He is arrested',
        outcome: { result: 'arrested', force: 'hands', officerInjury: false, subjectInjury: false },
      }),
    },
    ...overrides,
  } as Scenario;
}
