/**
 * Scripted drills through the shipped scenarios, the way `defuse run
 * --choose` plays them: per scenario the preferred path, a path where
 * preferred choices still end in force or injury, poor paths, and enough
 * others that every outcome is reached by at least one script. Each asserts
 * where the drill ended and the variables that tell the story.
 */
import { describe, expect, it } from 'vitest';
import { isOutcomeBeat, type Scenario, type Vars } from '@defuse/schemas';
import { availableChoices, initialState, step } from '@defuse/engine';
import { loadShipped, playScript, shippedFiles } from './helpers';

type Kind = 'preferred' | 'good-process-bad-outcome' | 'poor' | 'other';

interface Run {
  name: string;
  kind: Kind;
  /** Choice ids, `@timeout`, `@pick:N` (N from 1), as for `defuse run --choose`. */
  script: string[];
  /** Seed for the `chance` draws on the way. */
  seed?: number;
  outcome: string;
  vars?: Vars;
}

// The library showcase: the preferred approach up to the final ask.
const libraryAsk = [
  'query-dispatch',
  'request-cover',
  'hold-at-table',
  'move-children',
  'introduce',
  'label-fear',
  'recognise-crisis',
  'offer-caseworker',
  'explain-powers',
  'invite-walk',
];

const domesticTalk = [
  'ask-history',
  'plan-contact-cover',
  'stack-and-listen',
  'announce-knock',
  'ask-to-check',
  'ask-for-mia',
  'label-worry',
  'step-to-doorway',
];

const welfareDoor = [
  'call-caller',
  'keep-dana-ready',
  'knock-announce',
  'dana-through-door',
  'notice-sugar',
  'put-dana-on',
  'juice-and-ems',
];

const plazaHandover = [
  'request-crisis-team',
  'park-and-observe',
  'stop-and-introduce',
  'partner-takes-crowd',
  'ask-voices',
  'defer-theft',
  'offer-clinician',
  'hand-over',
];

const motelHook = [
  'plan-for-sbc',
  'stop-at-car',
  'calm-intro',
  'ask-suicide',
  'one-talks-one-covers',
  'label-pain',
  'use-the-kids',
];

const RUNS: Record<string, Run[]> = {
  'library-agitated-patron.scenario.json': [
    {
      name: 'plans, clears the children, listens, recognises the crisis and refers to the caseworker',
      kind: 'preferred',
      script: [...libraryAsk, '@pick:1', 'call-caseworker'],
      outcome: 'outcome-caseworker',
      vars: { agitation: 1, rapport: 8, backup: true, position: 'cover', areaCleared: true },
    },
    {
      name: 'does all that, and he still grabs the scissors and comes at the officers',
      kind: 'good-process-bad-outcome',
      script: [...libraryAsk, '@pick:3', 'step-behind-table', 'one-voice'],
      seed: 4,
      outcome: 'outcome-taser',
      vars: { rapport: 7, backup: true, position: 'cover', areaCleared: true },
    },
    {
      name: 'talks him into putting the scissors down and gets him evaluated',
      kind: 'other',
      script: [...libraryAsk, '@pick:3', 'step-behind-table', 'one-voice', 'secure-and-care'],
      seed: 1,
      outcome: 'outcome-evaluation',
      vars: { agitation: 0, rapport: 9 },
    },
    {
      name: 'arrests him once the scissors are down',
      kind: 'other',
      script: [...libraryAsk, '@pick:3', 'step-behind-table', 'one-voice', 'cuff-and-book'],
      seed: 1,
      outcome: 'outcome-weapon-arrest',
      vars: { rapport: 5 },
    },
    {
      name: 'offers the crisis team, which he accepts',
      kind: 'other',
      script: [
        ...libraryAsk.slice(0, 5),
        'paraphrase',
        'recognise-crisis',
        'ask-what-helps',
        'explain-powers',
        'invite-walk',
        '@pick:1',
        'offer-crisis-team',
      ],
      seed: 1,
      outcome: 'outcome-crisis-team',
      vars: { agitation: 2, rapport: 6 },
    },
    {
      name: 'waits him out when he sits down, then lets him go',
      kind: 'other',
      script: [
        'start-with-cover',
        'hold-at-table',
        'move-children',
        'introduce',
        'label-fear',
        'recognise-crisis',
        'ask-what-helps',
        'explain-powers',
        'invite-walk',
        '@pick:2',
        'sit-and-wait',
        'send-off',
      ],
      outcome: 'outcome-calm-leaves',
      vars: { agitation: 0, rapport: 7 },
    },
    {
      name: 'serves the trespass notice in public and arrests him when he sits down',
      kind: 'other',
      script: [
        ...libraryAsk.slice(0, 7),
        'ask-what-helps',
        'serve-trespass',
        'invite-walk',
        '@pick:2',
        'arrest-trespass',
      ],
      outcome: 'outcome-trespass-arrest',
      vars: { agitation: 3, rapport: 5 },
    },
    {
      name: 'cuffs a calm man "for safety" and has to take him down',
      kind: 'poor',
      script: [...libraryAsk.slice(0, 9), 'cuff-for-safety', 'take-down'],
      outcome: 'outcome-takedown',
      vars: { position: 'close', backup: true },
    },
    {
      name: 'rushes in alone, walks up and grabs his arm',
      kind: 'poor',
      script: ['rush-in', 'walk-up', 'grab-arm', 'take-down'],
      outcome: 'outcome-struggle-injury',
      vars: { agitation: 10, rapport: 0, backup: false, position: 'close', areaCleared: false },
    },
    {
      name: 'orders him about at arm’s length and freezes when he grabs the scissors',
      kind: 'poor',
      script: ['rush-in', 'walk-up', 'order-sit', '@timeout', '@timeout'],
      outcome: 'outcome-officer-cut',
      vars: { agitation: 10, position: 'close' },
    },
  ],
  'domestic-dispute-child.scenario.json': [
    {
      name: 'plans, knocks, separates, listens and arrests with dignity',
      kind: 'preferred',
      script: [...domesticTalk, 'plan-arrest', 'explain-with-dignity', '@pick:1'],
      seed: 1,
      outcome: 'outcome-arrest-calm',
      vars: {
        agitation: 4,
        rapport: 4,
        separated: true,
        childSafe: true,
        hisLocation: 'living-room',
      },
    },
    {
      name: 'does all that, and he braces against the arrest anyway',
      kind: 'good-process-bad-outcome',
      script: [
        ...domesticTalk,
        'plan-arrest',
        'explain-with-dignity',
        '@pick:2',
        'give-time',
        'control-and-talk',
      ],
      seed: 2,
      outcome: 'outcome-arrest-force',
      vars: { hisLocation: 'living-room' },
    },
    {
      name: 'does all that, and he bolts for a knife and comes at the officers',
      kind: 'good-process-bad-outcome',
      script: [...domesticTalk, 'plan-arrest', 'explain-with-dignity', '@pick:3', 'back-out-cover'],
      seed: 2,
      outcome: 'outcome-taser',
    },
    {
      name: 'talks him into putting the knife down',
      kind: 'other',
      script: [...domesticTalk, 'plan-arrest', 'explain-with-dignity', '@pick:3', 'back-out-cover'],
      seed: 1,
      outcome: 'outcome-knife-down',
    },
    {
      name: 'finds no offence and arranges a night apart with referrals',
      kind: 'other',
      script: [...domesticTalk, 'offer-night-away'],
      seed: 4,
      outcome: 'outcome-night-away',
      vars: { rapport: 4 },
    },
    {
      name: 'finds no offence and clears the call with advice',
      kind: 'other',
      script: [...domesticTalk, 'advise-and-clear'],
      seed: 4,
      outcome: 'outcome-advised',
    },
    {
      name: 'finds an assault and leaves him free because she asks',
      kind: 'poor',
      script: [
        ...domesticTalk.slice(0, 5),
        'separate-parties',
        'paraphrase-job',
        'step-to-doorway',
        'honour-her-wish',
      ],
      seed: 1,
      outcome: 'outcome-policy-breach',
      vars: { separated: true },
    },
    {
      name: 'takes "we\'re fine" at the door',
      kind: 'poor',
      script: ['just-go', 'knock-square', 'take-her-word'],
      outcome: 'outcome-left-at-door',
      vars: { agitation: 9, separated: false, childSafe: false },
    },
    {
      name: 'kicks the door in, sends him to the kitchen and goes for the knife',
      kind: 'poor',
      script: ['just-go', 'kick-in', 'let-him-cool', '@timeout', 'close-on-knife'],
      outcome: 'outcome-officer-hurt',
      vars: { agitation: 10, hisLocation: 'kitchen', childSafe: false },
    },
    {
      name: 'never separates them and takes her account given in front of him',
      kind: 'poor',
      script: [
        'quick-plan',
        'stack-and-listen',
        'announce-knock',
        'ask-to-check',
        'let-him-cool',
        'order-from-counter',
        'label-and-invite',
        'paraphrase-job',
        'accept-story',
      ],
      outcome: 'outcome-missed',
      vars: { separated: false },
    },
    {
      name: 'leaves him unwatched, so the struggle happens in the kitchen',
      kind: 'poor',
      script: [
        'quick-plan',
        'stack-and-listen',
        'announce-knock',
        'ask-to-check',
        'both-explain',
        'step-between',
        'paraphrase-job',
        'leave-him',
        'plan-arrest',
        'explain-with-dignity',
        '@pick:2',
        'take-arms',
        'control-and-talk',
      ],
      seed: 1,
      outcome: 'outcome-officer-hurt',
      vars: { hisLocation: 'kitchen' },
    },
  ],
  'welfare-check-confused-elder.scenario.json': [
    {
      name: 'uses the daughter, recognises low sugar and gets him checked in hospital',
      kind: 'preferred',
      script: [...welfareDoor, '@pick:1', 'ems-and-dana'],
      outcome: 'outcome-hospital',
      vars: { agitation: 0, trust: 6, callerOnLine: true, medical: 'ems-called' },
    },
    {
      name: 'does all that, and he follows the officer down the steps and falls',
      kind: 'good-process-bad-outcome',
      script: [...welfareDoor, '@pick:2', 'back-to-lawn'],
      seed: 4,
      outcome: 'outcome-fall',
      vars: { medical: 'ems-called' },
    },
    {
      name: 'goes in with the key when he collapses, and the staged ambulance is there',
      kind: 'other',
      script: [...welfareDoor, '@pick:3', 'key-safe-entry', 'talk-until-ems'],
      outcome: 'outcome-hospital',
      vars: { medical: 'ems-called' },
    },
    {
      name: 'leaves once the juice has worked',
      kind: 'other',
      script: [...welfareDoor, '@pick:1', 'leave-now'],
      outcome: 'outcome-clear-headed',
    },
    {
      name: 'takes "I\'m fine" from a slurring man',
      kind: 'poor',
      script: [
        'go-direct',
        'knock-announce',
        'identify-gently',
        'step-back-open-hands',
        'go-along',
        'leave-card',
      ],
      outcome: 'outcome-left',
      vars: { callerOnLine: false, medical: 'unknown' },
    },
    {
      name: 'waits at the door after a fall, with no ambulance called',
      kind: 'poor',
      script: [
        'go-direct',
        'knock-announce',
        'identify-gently',
        '@timeout',
        'knock-and-wait',
        'talk-until-ems',
      ],
      outcome: 'outcome-controlled',
      vars: { agitation: 7, medical: 'unknown' },
    },
    {
      name: 'pins a frail man on the floor to take the poker',
      kind: 'poor',
      script: [
        'go-direct',
        'knock-announce',
        'identify-gently',
        '@timeout',
        'knock-and-wait',
        'pin-take-poker',
      ],
      outcome: 'outcome-elder-hurt',
    },
    {
      name: 'frightens him at the window, reaches for the chain and fires a Taser',
      kind: 'poor',
      script: ['finish-report', 'look-windows', 'tap-window', 'reach-chain', 'taser-him'],
      outcome: 'outcome-taser-elder',
      vars: { agitation: 10, trust: 0 },
    },
    {
      name: 'shouts at him and stays within reach of the poker',
      kind: 'poor',
      script: ['finish-report', 'look-windows', 'tap-window', 'drop-it', '@timeout'],
      outcome: 'outcome-officer-struck',
      vars: { agitation: 10 },
    },
  ],
  'plaza-crisis-crowd.scenario.json': [
    {
      name: 'calls the crisis team early, manages the crowd and hands him over',
      kind: 'preferred',
      script: [...plazaHandover, '@pick:1'],
      outcome: 'outcome-voluntary',
      vars: { agitation: 3, rapport: 5, crowdHeat: 1, backup: true, clinician: 'on-scene' },
    },
    {
      name: 'does all that, and he runs for the traffic and has to be pulled back',
      kind: 'good-process-bad-outcome',
      script: [...plazaHandover, '@pick:3', 'chase-grab'],
      seed: 1,
      outcome: 'outcome-pulled-from-road',
    },
    {
      name: 'does all that, and fights the emergency evaluation',
      kind: 'good-process-bad-outcome',
      script: [...plazaHandover, '@pick:2', 'explain-hold'],
      seed: 4,
      outcome: 'outcome-hold-force',
    },
    {
      name: 'explains the emergency evaluation and he walks to the ambulance',
      kind: 'other',
      script: [...plazaHandover, '@pick:2', 'explain-hold'],
      seed: 1,
      outcome: 'outcome-hold-calm',
    },
    {
      name: 'chases him and does not reach him in time',
      kind: 'other',
      script: [...plazaHandover, '@pick:3', 'chase-grab'],
      seed: 4,
      outcome: 'outcome-struck-by-bus',
    },
    {
      name: 'without the crisis team, calls his sister',
      kind: 'other',
      script: [
        'go-see-first',
        'park-and-observe',
        'stop-and-introduce',
        'ask-for-room',
        'ask-voices',
        'defer-theft',
        'call-family',
      ],
      outcome: 'outcome-home-with-family',
      vars: { rapport: 4, clinician: 'none' },
    },
    {
      name: 'calms him and then moves him along',
      kind: 'poor',
      script: [...plazaHandover.slice(0, 6), 'move-along'],
      outcome: 'outcome-walked-away',
    },
    {
      name: 'arrests him for theft at the kerb and shouts at him in the bus lane',
      kind: 'poor',
      script: ['theft-call', 'arrest-approach', 'shout-stop'],
      seed: 3,
      outcome: 'outcome-struck-by-bus',
      vars: { agitation: 10, backup: false, clinician: 'none' },
    },
    {
      name: 'heats the crowd until it turns on him, then tackles him',
      kind: 'poor',
      script: ['go-see-first', 'pull-up-lights', 'command-bench', 'stop-filming', 'tackle-now'],
      outcome: 'outcome-takedown',
      vars: { crowdHeat: 8 },
    },
    {
      name: 'heats the crowd until it turns on him, then fires a Taser',
      kind: 'poor',
      script: ['go-see-first', 'pull-up-lights', 'command-bench', 'stop-filming', 'taser-lunge'],
      outcome: 'outcome-taser',
      vars: { crowdHeat: 8 },
    },
  ],
  'motel-influence-blade.scenario.json': [
    {
      name: 'plans for suicide by cop, keeps distance, asks about suicide and reaches his son',
      kind: 'preferred',
      script: [...motelHook, '@pick:1', 'guide-and-ems'],
      outcome: 'outcome-evaluation',
      vars: { agitation: 3, rapport: 7, distance: 15, backup: 'on-scene' },
    },
    {
      name: 'does all that, and he comes at the officers; the Taser stops him',
      kind: 'good-process-bad-outcome',
      script: [...motelHook, '@pick:2', 'partner-taser'],
      seed: 1,
      outcome: 'outcome-taser',
      vars: { distance: 15, backup: 'on-scene' },
    },
    {
      name: 'does all that, and the Taser fails',
      kind: 'good-process-bad-outcome',
      script: [...motelHook, '@pick:2', 'partner-taser'],
      seed: 13,
      outcome: 'outcome-shooting',
    },
    {
      name: 'goes alone, drives up close, points a gun and stands his ground',
      kind: 'poor',
      script: [
        'solo-go',
        'drive-up-close',
        'draw-and-order',
        'gun-commands',
        'hold-and-shout',
        'fire-weapon',
      ],
      outcome: 'outcome-shooting',
      vars: { agitation: 10, rapport: 0, distance: 0, backup: 'alone' },
    },
    {
      name: 'goes alone, drives up close and grabs for the blade',
      kind: 'poor',
      script: ['solo-go', 'drive-up-close', 'grab-blade'],
      outcome: 'outcome-officer-cut',
      vars: { distance: 4, backup: 'alone' },
    },
    {
      name: 'sends a man who asked to be shot home with his brother',
      kind: 'poor',
      script: [...motelHook, '@pick:1', 'release-to-brother'],
      outcome: 'outcome-brother',
    },
    {
      name: 'tackles him after he has put the blade down',
      kind: 'poor',
      script: [...motelHook, '@pick:1', 'rush-tackle'],
      outcome: 'outcome-takedown',
    },
  ],
};

function ratingOf(scenario: Scenario, beatId: string, choiceId: string): string | undefined {
  const beat = scenario.beats[beatId];
  if (!beat || isOutcomeBeat(beat)) return undefined;
  return beat.choices?.find((c) => c.id === choiceId)?.rating;
}

it('has scripted runs for every shipped scenario', () => {
  expect(Object.keys(RUNS).sort()).toEqual(shippedFiles());
});

describe.each(Object.entries(RUNS))('%s', (file, runs) => {
  const scenario = loadShipped(file);

  it.each(runs)('$kind: $name', async (run) => {
    const result = await playScript(scenario, run.script, run.seed);
    expect(result.done).toBe(true);
    expect(result.beat).toBe(run.outcome);
    if (run.vars) expect(result.vars).toMatchObject(run.vars);

    const ratings = result.choices.map((c) => ratingOf(scenario, c.beat, c.choice));
    if (run.kind === 'preferred' || run.kind === 'good-process-bad-outcome') {
      expect(ratings.every((r) => r === 'preferred')).toBe(true);
    }
    if (run.kind === 'good-process-bad-outcome') {
      expect(['force-used', 'injury']).toContain(result.outcome?.result);
      expect(result.drawnBy.length).toBeGreaterThan(0);
    }
    if (run.kind === 'preferred') {
      expect(result.outcome?.force).toMatch(/^(none|presence|verbal)$/);
      expect(result.outcome?.officerInjury).toBe(false);
      expect(result.outcome?.subjectInjury).toBe(false);
    }
    if (run.kind === 'poor') {
      expect(ratings.some((r) => r === 'poor' || r === 'unsafe')).toBe(true);
    }
  });

  it('has one preferred run, a run where good process still ends badly, and poor runs', () => {
    const kinds = runs.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'preferred')).toHaveLength(1);
    expect(kinds).toContain('good-process-bad-outcome');
    expect(kinds).toContain('poor');
  });

  it('reaches every outcome with at least one scripted run', () => {
    const outcomes = Object.entries(scenario.beats)
      .filter(([, b]) => isOutcomeBeat(b))
      .map(([id]) => id);
    expect(new Set(runs.map((r) => r.outcome))).toEqual(new Set(outcomes));
  });
});

describe('earlier decisions change later branches', () => {
  it('library: the same crisis recognition calms him after good listening, not after an argument', async () => {
    const library = loadShipped('library-agitated-patron.scenario.json');
    const listened = await playScript(library, [...libraryAsk.slice(0, 7)]);
    const argued = await playScript(library, [
      'start-with-cover',
      'hold-at-table',
      'leave-children',
      'ask-what-happened',
      'argue-cameras',
      'recognise-crisis',
    ]);
    expect(listened.beat).toBe('stairway');
    expect(argued.beat).toBe('escalation');
    expect(argued.vars.agitation).toBeGreaterThan(5);
  });

  it('domestic: her account comes out only once the two of them are separated', async () => {
    const domestic = loadShipped('domestic-dispute-child.scenario.json');
    const apart = await playScript(domestic, domesticTalk.slice(0, 7));
    const together = await playScript(domestic, [
      'quick-plan',
      'stack-and-listen',
      'announce-knock',
      'ask-to-check',
      'let-him-cool',
      'order-from-counter',
      'label-and-invite',
      'label-worry',
    ]);
    expect(apart.beat).toBe('partner-returns');
    expect(together.beat).toBe('together-story');
  });

  it('welfare: a staged ambulance turns a collapse into treatment instead of a hold', async () => {
    const welfare = loadShipped('welfare-check-confused-elder.scenario.json');
    const staged = await playScript(welfare, [
      ...welfareDoor,
      '@pick:3',
      'knock-and-wait',
      'talk-until-ems',
    ]);
    expect(staged.beat).toBe('outcome-hospital');
    const late = await playScript(welfare, [
      'go-direct',
      'knock-announce',
      'identify-gently',
      '@timeout',
      'knock-and-wait',
      'talk-until-ems',
    ]);
    expect(late.beat).toBe('outcome-controlled');
  });

  it('plaza: a heated crowd turns on him', async () => {
    const plaza = loadShipped('plaza-crisis-crowd.scenario.json');
    const calm = await playScript(plaza, plazaHandover.slice(0, 4));
    const heated = await playScript(plaza, [
      'go-see-first',
      'pull-up-lights',
      'command-bench',
      'stop-filming',
    ]);
    expect(calm.beat).toBe('voices');
    expect(heated.beat).toBe('crowd-surge');
  });

  it('motel: the officer’s own Taser is an option at the last line only with distance kept', () => {
    const motel = loadShipped('motel-influence-blade.scenario.json');
    const offered = (vars: Vars) => {
      const start = initialState(motel, 1, { from: { beat: 'last-line', vars } }).state;
      return availableChoices(motel, start).map((c) => c.id);
    };
    expect(offered({ distance: 8, backup: 'alone' })).toContain('own-taser');
    expect(offered({ distance: 2, backup: 'alone' })).not.toContain('own-taser');
    expect(offered({ distance: 2, backup: 'alone' })).not.toContain('partner-taser');
    expect(offered({ distance: 2, backup: 'on-scene' })).toContain('partner-taser');
    // Standing ground while he advances costs the distance.
    const before = initialState(motel, 1, {
      from: { beat: 'advance', vars: { distance: 8 } },
    }).state;
    const after = step(motel, before, { type: 'choose', choice: 'hold-and-shout' }).state;
    expect(after.beat).toBe('last-line');
    expect(after.vars.distance).toBe(3);
  });
});
