/**
 * Public types of `@defuse/engine`. The scenario and log document types come
 * from `@defuse/schemas`; this file holds what the engine adds around them.
 */
import type {
  Cue,
  DecisionLog,
  LogEvent,
  Outcome,
  Rating,
  Scenario,
  Technique,
  CdmStep,
  Vars,
  ChosenBy,
  PublicKeyJwk,
} from '@defuse/schemas';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about a document: a stable code (see `diagnostic-codes.ts`),
 * where it is (JSON pointer, and the beat when it concerns one) and why.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** JSON pointer into the document ('' is the whole document). */
  path: string;
  beat?: string;
  /** 1-based line and column in the source text, when parsed from text. */
  line?: number;
  column?: number;
}

export interface ParseResult {
  /** Present only when there are no errors (warnings may remain). */
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  /** The graph analysis of a valid scenario, when asked for with `analyse`. */
  analysis?: Analysis;
}

/** Options of `parseScenario` and `validateScenario`. */
export interface ValidateOptions {
  /**
   * Also analyse a valid scenario (see `analyzeScenario`). Faster than
   * analysing afterwards: the checks read the document once for both.
   */
  analyse?: boolean;
}

/** What `analyzeScenario` finds beyond validity. */
export interface Analysis {
  diagnostics: Diagnostic[];
  counts: {
    beats: number;
    sceneBeats: number;
    outcomes: number;
    choices: number;
    /** Distinct simple paths from start to an outcome (no beat twice); capped. */
    paths: number;
    /** True when `paths` hit the cap and is a lower bound. */
    pathsCapped: boolean;
    /** True when some beat can be revisited. */
    hasCycles: boolean;
  };
  unreachableBeats: string[];
  /** Beats from which no outcome can be reached. */
  trapBeats: string[];
  unreachedOutcomes: string[];
  /**
   * Per outcome beat, the shortest route from start using only `preferred`
   * choices (and timeouts, branches, draws as needed); absent when none.
   */
  preferredPaths: Record<string, PathStep[] | undefined>;
}

export interface PathStep {
  beat: string;
  /** The choice taken, or '@timeout' for the timer. */
  choice: string;
  to: string;
}

/** A decision the trainee, the timer or the instructor makes. */
export type Decision =
  { type: 'choose'; choice: string } | { type: 'timeout' } | { type: 'pick'; option: number };

/**
 * Everything needed to go on with a drill: pure JSON, so it can be stored,
 * compared, and fed back to `step`.
 */
export interface DrillState {
  /** The current beat (while an instructor fork waits, the beat being left). */
  beat: string;
  /** Set while an `instructor` destination waits for a pick: the choice id, or '@timeout'. */
  fork?: string;
  vars: Vars;
  /** Seeded generator state (for `chance` and solo `instructor` draws). */
  rng: number;
  visited: string[];
  chose: string[];
  /** Instructor branches are drawn by weight instead of waiting for a pick. */
  solo: boolean;
  done: boolean;
}

/** A log event before it is hashed and numbered. */
export type UnhashedEvent = Omit<LogEvent, 'hash' | 'seq'>;

export interface StepResult {
  state: DrillState;
  /** The event this decision produced; absent while waiting for an instructor pick. */
  event?: Omit<UnhashedEvent, 'at'>;
  /** The outcome `end` event when the decision reached an outcome beat. */
  end?: Omit<UnhashedEvent, 'at'>;
}

/** A choice as the trainee sees it on screen. */
export interface OfferedChoice {
  id: string;
  label: string;
}

/** What a screen needs to show the current moment of a drill. */
export interface DrillSnapshot {
  beat: string;
  vars: Vars;
  /** Choices whose `when` holds now, in scenario order. */
  choices: OfferedChoice[];
  /** Instructor options when an instructor branch waits for a pick. */
  instructorOptions?: { index: number; label: string }[];
  /** Milliseconds on the drill clock when the running timer expires. */
  deadline?: number;
  /** Milliseconds left on the running timer (frozen while paused). */
  remainingMs?: number;
  paused: boolean;
  done: boolean;
  outcome?: Outcome;
  /** Milliseconds since the drill started, on the drill clock. */
  elapsedMs: number;
}

/** Monotonic milliseconds; the player passes `performance.now`. */
export type Clock = () => number;

export interface DrillOptions {
  seed?: number;
  trainee?: { id: string; name?: string };
  mode?: 'training' | 'assessment';
  clock?: Clock;
  /**
   * 'solo': instructor branches are drawn by weight.
   * 'instructor': they wait for `pick(index)`.
   */
  instructor?: 'solo' | 'present';
  sessionId?: string;
  /** ISO time of the start; defaults to now. */
  startedAt?: string;
  /**
   * The most events the drill records before it ends itself (see
   * `MAX_DRILL_EVENTS`, the default). Lower only in tests of the limit: a
   * log is verified against the default.
   */
  eventLimit?: number;
}

/** Hook called with each hash-chained event before the drill moves on. */
export type EventListener = (event: LogEvent, log: DecisionLog) => void | Promise<void>;

/** One decision of a replayed log, as a debrief shows it. */
export interface TimelineEntry {
  seq: number;
  type: LogEvent['type'];
  at: number;
  beat: string;
  beatTitle: string;
  cdm?: CdmStep;
  choice?: string;
  choiceLabel?: string;
  rating?: Rating;
  technique?: Technique;
  feedback?: string;
  to?: string;
  /**
   * Decision time: `at` minus the `at` of the event that entered the beat,
   * less any time the drill was paused in between (a pause stops the clock).
   */
  latencyMs?: number;
  cuesShown: Cue[];
  cuesActedOn: string[];
  varsBefore: Vars;
  varsAfter: Vars;
  /** 'trainee' for plain choices and timeouts' destinations are 'timer'. */
  chosenBy?: 'trainee' | 'timer' | ChosenBy;
  outcome?: Outcome;
}

export type VerifyProblem =
  | 'format'
  | 'digest-mismatch'
  | 'scenario-mismatch'
  | 'hash-mismatch'
  | 'seq-gap'
  | 'time-reversed'
  | 'replay-mismatch'
  | 'unknown-choice'
  | 'header-mismatch'
  | 'signature-mismatch'
  | 'unsigned-tail';

export interface VerifyResult {
  ok: boolean;
  /** First bad event's `seq`, when one is to blame. */
  seq?: number;
  problem?: VerifyProblem;
  message: string;
  diagnostics: Diagnostic[];
  /**
   * Who vouches for the log. Meaningful when `ok`; a log that failed before
   * its signatures were checked says `unsigned` with "not checked".
   */
  signature: SignatureVerdict;
}

/** A key a verifier trusts: a device the hub registered, or the hub itself. */
export interface TrustedKey {
  publicKey: PublicKeyJwk;
  kind: 'device' | 'hub';
  /** How to name the key to people (a tablet's label, the hub's name). */
  name?: string;
}

/**
 * What the signatures of an intact log say (see `verifyLog`):
 * - `trusted`: the newest signature is by a device key, or the newest
 *   countersignature by a hub key, in the verifier's trust list;
 * - `unknown-key`: signed, consistently, by a key nobody vouched for:
 *   intact, but anyone could have written it;
 * - `unsigned`: no event carries a signature (logs from before signing).
 */
export interface SignatureVerdict {
  state: 'trusted' | 'unknown-key' | 'unsigned';
  /** Whose signature decided it: the recording device's or the hub's. */
  by?: 'device' | 'hub';
  /** The deciding key's fingerprint (`keyId`). */
  keyId?: string;
  /** The trust list's name for the key. */
  name?: string;
  /** One line for people, as `defuse verify` prints it. */
  message: string;
}
