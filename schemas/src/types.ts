/**
 * TypeScript form of the scenario and decision-log contract (version 1).
 * `test/types-agree.test.ts` checks these against the JSON Schemas with real
 * documents, so the two cannot drift apart.
 */

/** The exact `format` string of a scenario document. */
export const SCENARIO_FORMAT = 'defuse/scenario@1';
/** The exact `format` string of a decision log. */
export const LOG_FORMAT = 'defuse/decision-log@1';

/** Step of the PERF ICAT Critical Decision-Making Model a beat belongs to. */
export type CdmStep = 'information' | 'assessment' | 'powers-policy' | 'options' | 'act-review';
export const CDM_STEPS: readonly CdmStep[] = [
  'information',
  'assessment',
  'powers-policy',
  'options',
  'act-review',
];

/** Standard techniques; custom ones start with `x-`. */
export const TECHNIQUES = [
  'active-listening',
  'emotional-labeling',
  'paraphrasing',
  'open-question',
  'minimal-encouragers',
  'i-message',
  'effective-pause',
  'rapport',
  'time',
  'distance',
  'cover',
  'repositioning',
  'backup',
  'information-gathering',
  'crisis-recognition',
  'resource-referral',
  'command',
  'warning',
  'physical-control',
  'less-lethal',
  'lethal-force',
  'disengage',
] as const;
export type Technique = (typeof TECHNIQUES)[number] | `x-${string}`;

export const RATINGS = ['preferred', 'acceptable', 'poor', 'unsafe'] as const;
export type Rating = (typeof RATINGS)[number];

export const CUE_KINDS = ['crisis-sign', 'threat', 'environment', 'bystander'] as const;
export type CueKind = (typeof CUE_KINDS)[number] | `x-${string}`;

export const OUTCOME_RESULTS = [
  'resolved',
  'referred',
  'arrested',
  'disengaged',
  'force-used',
  'injury',
] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export const FORCE_LEVELS = [
  'none',
  'presence',
  'verbal',
  'hands',
  'less-lethal',
  'lethal',
] as const;
export type ForceLevel = (typeof FORCE_LEVELS)[number];

/** A variable's value: number, boolean, or one of an enum's values. */
export type VarValue = number | boolean | string;
/** Variable state: name to value. */
export type Vars = Record<string, VarValue>;

export interface NumberVariable {
  type: 'number';
  initial: number;
  min?: number;
  max?: number;
  label?: string;
}
export interface BooleanVariable {
  type: 'boolean';
  initial: boolean;
  label?: string;
}
export interface EnumVariable {
  type: 'enum';
  values: string[];
  initial: string;
  label?: string;
}
export type Variable = NumberVariable | BooleanVariable | EnumVariable;

/** Comparison operators of a `var` condition. */
export const COMPARISON_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/**
 * `{ var, <op>: value }` with exactly one operator. `in` takes an array.
 */
export interface VarCondition {
  var: string;
  eq?: VarValue;
  ne?: VarValue;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  in?: VarValue[];
}
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export interface VisitedCondition {
  visited: string;
}
export interface ChoseCondition {
  chose: string;
}
/** A condition is a data tree, never code. */
export type Condition =
  VarCondition | AllCondition | AnyCondition | NotCondition | VisitedCondition | ChoseCondition;

/** `{ set: NAME, to: VALUE }` */
export interface SetEffect {
  set: string;
  to: VarValue;
}
/** `{ add: NAME, by: NUMBER }`, clamped to the variable's min/max. */
export interface AddEffect {
  add: string;
  by: number;
}
export type Effect = SetEffect | AddEffect;

export interface Branch {
  when?: Condition;
  to: string;
}
export interface ChanceOption {
  weight: number;
  to: string;
}
export interface InstructorOption {
  label: string;
  to: string;
  weight: number;
}

/** Exactly one of `to`, `branches`, `chance`, `instructor`. */
export interface Destination {
  to?: string;
  branches?: Branch[];
  chance?: ChanceOption[];
  instructor?: InstructorOption[];
}

export interface Line {
  speaker: string;
  text: string;
}
export interface Cue {
  id: string;
  kind: CueKind;
  text: string;
}
export interface Media {
  type: 'image' | 'audio' | 'video';
  src: string;
  alt?: string;
}

/** Extension fields: any key starting with `x-`. */
export type Extensions = { [key: `x-${string}`]: unknown };

export interface Choice extends Destination, Extensions {
  id: string;
  label: string;
  technique?: Technique;
  rating?: Rating;
  feedback?: string;
  when?: Condition;
  effects?: Effect[];
  actsOn?: string[];
}

export interface Timeout extends Destination {
  effects?: Effect[];
  feedback?: string;
}

export interface Outcome {
  result: OutcomeResult;
  force: ForceLevel;
  officerInjury: boolean;
  subjectInjury: boolean;
}

interface BeatCommon extends Extensions {
  title: string;
  narrative?: string;
  lines?: Line[];
  cues?: Cue[];
  media?: Media[];
  cdm?: CdmStep;
}

export interface SceneBeat extends BeatCommon {
  kind?: 'scene';
  timeLimitSec?: number;
  onTimeout?: Timeout;
  choices?: Choice[];
}

export interface OutcomeBeat extends BeatCommon {
  kind: 'outcome';
  outcome: Outcome;
}

export type Beat = SceneBeat | OutcomeBeat;

export interface Scenario extends Extensions {
  format: typeof SCENARIO_FORMAT;
  id: string;
  version: string;
  title: string;
  summary?: string;
  objectives?: string[];
  tags?: string[];
  authors?: string[];
  estimatedMinutes?: number;
  variables?: Record<string, Variable>;
  start: string;
  beats: Record<string, Beat>;
}

/** True for outcome beats. */
export function isOutcomeBeat(beat: Beat): beat is OutcomeBeat {
  return beat.kind === 'outcome';
}

// ---------------------------------------------------------------------------
// Decision log

export type LogEventType = 'start' | 'choice' | 'timeout' | 'resume' | 'pause' | 'unpause' | 'end';

/** Why the engine ended a drill that had not reached an outcome. */
export type EndReason = 'event-limit';

/** Who picked the way out of a `chance` or `instructor` destination. */
export type ChosenBy = 'instructor' | 'chance';

export interface LogEvent {
  seq: number;
  /** Milliseconds since the start, monotonic. */
  at: number;
  type: LogEventType;
  beat: string;
  choice?: string;
  to?: string;
  /** For instructor branches: who chose. */
  by?: ChosenBy;
  /** Index of the instructor option taken. */
  option?: number;
  /** Variable state after the event. */
  vars?: Vars;
  outcome?: Outcome;
  /**
   * On an `end` event without an outcome: why the engine ended the drill.
   * `event-limit`: the drill recorded as many events as a drill may.
   */
  reason?: EndReason;
  /**
   * On the start event: a copy of the log's header, so the hash chain covers
   * who ran the drill, in which mode, with which seed and when.
   */
  session?: SessionHeader;
  hash: string;
  /**
   * The recording device's ECDSA P-256 signature of `hash` (64-byte IEEE
   * P1363 r||s, base64url without padding), checked against the log's
   * `deviceKey`. Outside the hash, like `hubSig`.
   */
  sig?: string;
  /** The receiving hub's signature of `hash`, in the same form, checked against `hub.key`. */
  hubSig?: string;
}

/**
 * An ECDSA P-256 public key as a JSON Web Key, with only these four members
 * (`x` and `y`: 32 bytes each, base64url without padding).
 */
export interface PublicKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** The hub that countersigned a log's events (outside the chain). */
export interface HubRef {
  key: PublicKeyJwk;
  /** What the hub calls itself; verify trusts a hub by its key, never by this. */
  name?: string;
}

/** The header fields of a decision log that its start event carries into the chain. */
export interface SessionHeader {
  sessionId: string;
  trainee: { id: string; name?: string };
  mode: 'training' | 'assessment';
  seed: number;
  startedAt: string;
  /** The signer's public key, when the log is signed (sealed here by the chain). */
  deviceKey?: PublicKeyJwk;
}

export interface Annotation {
  seq: number;
  author?: string;
  text: string;
  at?: string;
}

export interface SelfAssessment {
  wentWell?: string;
  change?: string;
}

export interface DecisionLog extends Extensions {
  format: typeof LOG_FORMAT;
  sessionId: string;
  scenario: { id: string; version: string; digest: string };
  trainee: { id: string; name?: string };
  mode: 'training' | 'assessment';
  seed: number;
  startedAt: string;
  /** The public key that signs each event's hash (`sig`), when the log is signed. */
  deviceKey?: PublicKeyJwk;
  events: LogEvent[];
  annotations?: Annotation[];
  selfAssessment?: SelfAssessment;
  /** The hub that countersigned the events (`hubSig`), when one did. */
  hub?: HubRef;
}
