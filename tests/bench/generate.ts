/**
 * Generated scenarios for `pnpm bench`: any number of beats, built like the
 * hand-written ones (choices with conditions and effects, branches, chance
 * and instructor forks, timers, cues, a few loops back, outcomes of every
 * kind), valid and without traps. Seeded, so every run measures the same
 * document. Text is kept short so that 10,000 beats stay under the 5 MB
 * file limit.
 */
import type {
  Beat,
  Choice,
  Condition,
  Destination,
  Effect,
  Outcome,
  Scenario,
  SceneBeat,
} from '@defuse/schemas';

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NARRATIVE = [
  'He paces between the shelves, shouting.',
  'Staff watch from behind the desk.',
  'He stops and stares at you.',
  'A child starts to cry nearby.',
  'He mutters and rubs his temples.',
  'The security guard waves you over.',
];
const CHOICES: [id: string, label: string, technique: Choice['technique']][] = [
  ['listen', 'Listen without interrupting', 'active-listening'],
  ['name-it', '"You sound angry."', 'emotional-labeling'],
  ['step-back', 'Step back to give space', 'distance'],
  ['backup', 'Call for backup', 'backup'],
  ['ask-name', 'Ask his name', 'open-question'],
  ['pause', 'Say nothing for a moment', 'effective-pause'],
  ['order', '"Sit down now!"', 'command'],
  ['warn', 'Warn him of arrest', 'warning'],
  ['cover', 'Move behind the counter', 'cover'],
  ['refer', 'Offer the outreach worker', 'resource-referral'],
  ['grab', 'Take hold of his arm', 'physical-control'],
  ['leave', 'Withdraw and observe', 'disengage'],
];
const RATINGS: Choice['rating'][] = ['preferred', 'acceptable', 'poor', 'unsafe'];
const CDM: SceneBeat['cdm'][] = [
  'information',
  'assessment',
  'powers-policy',
  'options',
  'act-review',
];
const CUES = [
  { id: 'fists', kind: 'threat', text: 'Clenched fists' },
  { id: 'voices', kind: 'crisis-sign', text: 'Answers unseen voices' },
  { id: 'exit', kind: 'environment', text: 'The exit is behind him' },
  { id: 'crowd', kind: 'bystander', text: 'People filming' },
] as const;
const OUTCOMES: Outcome[] = [
  { result: 'resolved', force: 'none', officerInjury: false, subjectInjury: false },
  { result: 'referred', force: 'verbal', officerInjury: false, subjectInjury: false },
  { result: 'arrested', force: 'hands', officerInjury: false, subjectInjury: false },
  { result: 'disengaged', force: 'presence', officerInjury: false, subjectInjury: false },
  { result: 'force-used', force: 'less-lethal', officerInjury: false, subjectInjury: true },
  { result: 'injury', force: 'hands', officerInjury: true, subjectInjury: true },
];

const pad = (n: number) => String(n).padStart(5, '0');

/**
 * A valid scenario of `beats` beats (about 8% of them outcomes). With
 * `loops`, about 3% of choices go back a few beats ("ask him again"), as
 * hand-written scenarios do; without, the graph is acyclic.
 */
export function generateScenario(
  beats: number,
  options: { seed?: number; loops?: boolean } = {},
): Scenario {
  const seed = options.seed ?? 1;
  const loops = options.loops ?? true;
  const random = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;

  const outcomeCount = Math.max(2, Math.round(beats * 0.08));
  const sceneCount = beats - outcomeCount;
  const scene = (i: number) => `b${pad(i)}`;
  const outcomeIds = Array.from({ length: outcomeCount }, (_, i) => `o${pad(i)}`);
  let nextOutcome = 0;
  // Outcomes are taken in turn, so every one of them is reached.
  const anOutcome = () => outcomeIds[nextOutcome++ % outcomeCount]!;
  /** A beat further on: a nearby scene beat, or an outcome past the last one. */
  const ahead = (i: number) => {
    const j = i + int(1, 6);
    return j < sceneCount ? scene(j) : anOutcome();
  };

  const condition = (i: number): Condition => {
    switch (int(0, 5)) {
      case 0:
        return { var: 'backup', eq: true };
      case 1:
        return { var: 'agitation', lt: int(4, 8) };
      case 2:
        return { var: 'position', in: ['gap', 'cover'] };
      case 3:
        return i > 0 ? { visited: scene(int(0, i - 1)) } : { var: 'rapport', gte: 2 };
      case 4:
        return { not: { chose: pick(CHOICES)[0] } };
      default:
        return {
          all: [
            { var: 'rapport', gte: int(1, 4) },
            { var: 'backup', eq: false },
          ],
        };
    }
  };
  const effects = (): Effect[] => {
    const out: Effect[] = [{ add: 'agitation', by: pick([-3, -2, -1, 1, 2, 3]) }];
    if (chance(0.4)) out.push({ add: 'rapport', by: int(1, 2) });
    if (chance(0.2)) out.push({ set: 'position', to: pick(['close', 'gap', 'cover']) });
    if (chance(0.1)) out.push({ set: 'backup', to: true });
    return out;
  };
  const destination = (i: number, first: boolean): Destination => {
    if (first) return { to: i + 1 < sceneCount ? scene(i + 1) : anOutcome() };
    const roll = random();
    if (roll < 0.08) return { to: anOutcome() };
    if (roll < 0.11 && loops && i > 3) return { to: scene(i - int(1, 3)) }; // "ask him again"
    if (roll < 0.26) {
      return {
        branches: [{ when: { var: 'agitation', gte: int(7, 9) }, to: ahead(i) }, { to: ahead(i) }],
      };
    }
    if (roll < 0.36) {
      return {
        chance: [
          { weight: int(1, 4), to: ahead(i) },
          { weight: int(1, 3), to: anOutcome() },
        ],
      };
    }
    if (roll < 0.41) {
      return {
        instructor: [
          { label: 'He complies', to: ahead(i), weight: 3 },
          { label: 'He lunges', to: anOutcome(), weight: 1 },
        ],
      };
    }
    return { to: ahead(i) };
  };

  const out: Record<string, Beat> = {};
  for (let i = 0; i < sceneCount; i++) {
    const beat: SceneBeat = { title: `Moment ${i + 1}`, cdm: CDM[i % CDM.length] };
    if (chance(0.5)) beat.narrative = pick(NARRATIVE);
    const cue = chance(0.4) ? pick(CUES) : undefined;
    if (cue) beat.cues = [{ ...cue }];
    const options = [...CHOICES].sort(() => random() - 0.5).slice(0, int(2, 3));
    beat.choices = options.map(([id, label, technique], k) => {
      const c = { id, label, technique, rating: pick(RATINGS) } as Choice;
      if (k > 0 && chance(0.3)) c.when = condition(i);
      if (chance(0.6)) c.effects = effects();
      if (cue && chance(0.3)) c.actsOn = [cue.id];
      return Object.assign(c, destination(i, k === 0));
    });
    if (chance(0.15)) {
      beat.timeLimitSec = int(8, 20);
      beat.onTimeout = { to: ahead(i), effects: [{ add: 'agitation', by: 1 }] };
    }
    out[scene(i)] = beat;
  }
  outcomeIds.forEach((id, k) => {
    out[id] = {
      kind: 'outcome',
      title: `Ending ${k + 1}`,
      outcome: OUTCOMES[k % OUTCOMES.length]!,
    };
  });

  return {
    format: 'defuse/scenario@1',
    id: `generated-${beats}${loops ? '' : '-acyclic'}`,
    version: '1.0.0',
    title: `Generated scenario of ${beats} beats`,
    variables: {
      agitation: { type: 'number', initial: 6, min: 0, max: 10 },
      rapport: { type: 'number', initial: 0, min: 0, max: 10 },
      backup: { type: 'boolean', initial: false },
      position: { type: 'enum', values: ['close', 'gap', 'cover'], initial: 'close' },
    },
    start: scene(0),
    beats: out,
  };
}
