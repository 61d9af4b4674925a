import {
  isOutcomeBeat,
  LOG_FORMAT,
  type DecisionLog,
  type LogEvent,
  type PublicKeyJwk,
  type Scenario,
} from '@defuse/schemas';
import { compileScenario } from './compile';
import { eventHash, scenarioDigest } from './hash-chain';
import { randomSeed } from './random';
import { MAX_DRILL_EVENTS, replayStates } from './replay';
import {
  availableChoices,
  DecisionError,
  initialState,
  instructorOptionsOf,
  step,
  type StartFrom,
} from './step';
import type {
  Clock,
  Decision,
  DrillOptions,
  DrillSnapshot,
  DrillState,
  EventListener,
  StepResult,
  UnhashedEvent,
} from './types';
import { verifyLog } from './verify';

/** A decision was made while the previous one was still being recorded. */
export class DrillBusyError extends Error {
  override name = 'DrillBusyError';
  constructor() {
    super('the previous decision is still being recorded');
  }
}

/** A partial log cannot be resumed (broken chain, other scenario, already ended). */
export class ResumeError extends Error {
  override name = 'ResumeError';
}

/**
 * Signs an event's hash with the device's private key: base64url of the
 * 64-byte P1363 ECDSA P-256 SHA-256 signature of the hash's UTF-8 bytes
 * (what WebCrypto's `sign` gives). May be async, as WebCrypto is.
 */
export type EventSigner = (hash: string) => string | Promise<string>;

export interface StartDrillOptions extends DrillOptions {
  /** Receives each event, hash-chained, before the drill moves on (awaited). */
  onEvent?: EventListener;
  /**
   * The public key that signs this drill's events: it goes into the log's
   * header and, sealed by the chain, the start event's `session`.
   */
  deviceKey?: PublicKeyJwk;
  /**
   * Signs each event before any listener sees it, so the stored event and
   * `drill.log()` carry its `sig`. A host may instead sign in its listener;
   * either way every event must be signed, or verify reports the unsigned tail.
   */
  sign?: EventSigner;
  /** Start somewhere other than the scenario's start (previews, "what if"). */
  from?: StartFrom;
}

export interface ResumeDrillOptions {
  clock?: Clock;
  onEvent?: EventListener;
  /** Signs the resumed drill's events (see `StartDrillOptions.sign`), with the log's `deviceKey`. */
  sign?: EventSigner;
  instructor?: 'solo' | 'present';
  /**
   * Drill-clock time (ms since the start) when the drill was interrupted, as
   * the host last saw it. The timer of the current beat resumes with the time
   * left at that moment; without it, the last event's time is used, which
   * gives the trainee the benefit of any time not known to have passed.
   */
  interruptedAt?: number;
  /**
   * The choice (or '@timeout') the trainee had made when the drill was
   * interrupted while an instructor branch waited for its pick. The log has
   * no event for it yet (the choice is logged with the pick), so the host
   * keeps it beside the log; the resumed drill waits for the pick again
   * instead of asking the trainee to choose twice.
   */
  awaiting?: string;
}

const defaultClock: Clock = () => performance.now();

/**
 * A running drill. Every decision goes through the pure `step`, becomes one
 * hash-chained log event, is handed to every `onEvent` listener (and awaited),
 * and only then does the drill move on. While that is under way, further
 * decisions are refused with `DrillBusyError`, so a double tap cannot
 * record twice.
 */
export class Drill {
  private busy = false;
  private listeners = new Set<EventListener>();
  private current: DrillState;
  private readonly events: LogEvent[];
  /** Drill-clock time at which the current beat was entered. */
  private enteredAt: number;
  /** Paused time accumulated since entering the current beat. */
  private pausedInBeat: number;
  /** Drill-clock time at which a running pause began. */
  private pausedAt: number | undefined;
  private readonly origin: number;
  /** When the trainee made the choice an instructor fork is waiting on. */
  private forkAt = 0;
  /** The most events this drill records (see `MAX_DRILL_EVENTS`). */
  eventLimit = MAX_DRILL_EVENTS;
  /** @internal signs each event's hash (see `StartDrillOptions.sign`). */
  signer: EventSigner | undefined;

  /** @internal use `startDrill` or `resumeDrill`. */
  constructor(
    readonly scenario: Scenario,
    private readonly header: Omit<DecisionLog, 'events'>,
    state: DrillState,
    events: LogEvent[],
    private readonly clock: Clock,
    timing: { now: number; enteredAt: number; pausedInBeat: number; pausedAt?: number },
  ) {
    this.current = state;
    this.events = events;
    this.origin = clock() - timing.now;
    this.enteredAt = timing.enteredAt;
    this.pausedInBeat = timing.pausedInBeat;
    this.pausedAt = timing.pausedAt;
  }

  /** Milliseconds since the drill started, on the drill clock. */
  elapsed(): number {
    return Math.max(0, Math.round(this.clock() - this.origin));
  }

  /** Subscribes to log events; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The trainee takes a choice of the current beat. */
  choose(choiceId: string): Promise<DrillSnapshot> {
    return this.decide({ type: 'choose', choice: choiceId });
  }

  /** The current beat's timer has run out. */
  expire(): Promise<DrillSnapshot> {
    return this.decide({ type: 'timeout' });
  }

  /** The instructor picks option `index` of a waiting instructor branch. */
  pick(index: number): Promise<DrillSnapshot> {
    return this.decide({ type: 'pick', option: index });
  }

  /** The instructor stops the clock to discuss. */
  async pause(): Promise<DrillSnapshot> {
    if (this.pausedAt !== undefined || this.current.done) return this.snapshot();
    const at = this.elapsed();
    await this.record([{ type: 'pause', beat: this.current.beat, at }], () => {
      this.pausedAt = at;
    });
    return this.snapshot();
  }

  /** The instructor starts the clock again. */
  async unpause(): Promise<DrillSnapshot> {
    if (this.pausedAt === undefined || this.current.done) return this.snapshot();
    const at = this.elapsed();
    const began = this.pausedAt;
    await this.record([{ type: 'unpause', beat: this.current.beat, at }], () => {
      this.pausedInBeat += at - began;
      this.pausedAt = undefined;
    });
    return this.snapshot();
  }

  /** What the screen shows now. */
  snapshot(): DrillSnapshot {
    const s = this.current;
    const now = this.elapsed();
    const beat = this.scenario.beats[s.beat];
    const snap: DrillSnapshot = {
      beat: s.beat,
      vars: s.vars,
      choices: availableChoices(this.scenario, s).map((c) => ({ id: c.id, label: c.label })),
      paused: this.pausedAt !== undefined,
      done: s.done,
      elapsedMs: now,
    };
    const options = instructorOptionsOf(this.scenario, s);
    if (options) snap.instructorOptions = options.map((o, index) => ({ index, label: o.label }));
    if (beat && isOutcomeBeat(beat)) snap.outcome = beat.outcome;
    else if (beat?.timeLimitSec !== undefined && !s.done && s.fork === undefined) {
      const pausedNow = this.pausedAt !== undefined ? now - this.pausedAt : 0;
      snap.deadline = this.enteredAt + beat.timeLimitSec * 1000 + this.pausedInBeat + pausedNow;
      snap.remainingMs = Math.max(0, snap.deadline - now);
    }
    return snap;
  }

  /** The drill state (pure JSON), as `step` takes it. */
  state(): DrillState {
    return this.current;
  }

  /** The decision log so far. */
  log(): DecisionLog {
    return { ...this.header, events: [...this.events] };
  }

  private async decide(decision: Decision): Promise<DrillSnapshot> {
    if (this.busy) throw new DrillBusyError();
    if (this.pausedAt !== undefined) throw new DecisionError('the drill is paused');
    const result = step(this.scenario, this.current, decision);
    // The decision time is the trainee's, not the instructor's deliberation after it.
    const at = decision.type === 'pick' ? this.forkAt : this.elapsed();
    if (!result.event) this.forkAt = at;
    const pending = [result.event, result.end]
      .filter((e): e is Omit<UnhashedEvent, 'at'> => e !== undefined)
      .map((e) => ({ ...e, at }));
    await this.record(pending, () => {
      if (result.event) {
        this.enteredAt = at;
        this.pausedInBeat = 0;
      }
      this.current = result.state;
    });
    return this.snapshot();
  }

  /**
   * Numbers, hashes and hands each event to the listeners; applies the change
   * only when every listener has accepted them. A listener that fails (storage
   * full, say) leaves the drill where it was, and the error goes to the caller.
   */
  private async record(pending: UnhashedEvent[], apply: () => void): Promise<void> {
    if (this.busy) throw new DrillBusyError();
    const stop = this.current.done
      ? undefined
      : eventLimitEnd(this.events.length, pending, this.eventLimit);
    if (stop) pending = [...pending, stop];
    this.busy = true;
    try {
      const added: LogEvent[] = [];
      let prev = this.events.at(-1)?.hash ?? this.header.scenario.digest;
      for (const e of pending) {
        const unhashed = { seq: this.events.length + added.length + 1, ...e };
        const event: LogEvent = { ...unhashed, hash: eventHash(prev, unhashed) };
        if (this.signer) event.sig = await this.signer(event.hash);
        prev = event.hash;
        const log = { ...this.header, events: [...this.events, ...added, event] };
        for (const listener of [...this.listeners]) await listener(event, log);
        added.push(event);
      }
      this.events.push(...added);
      apply();
      if (stop) this.current = { ...this.current, done: true };
    } finally {
      this.busy = false;
    }
  }

  /**
   * @internal puts a resumed drill back where an instructor branch waited
   * for its pick; a hint that does not lead to one is ignored.
   */
  restoreFork(leaving: string, at: number): void {
    if (this.current.solo || this.current.done) return;
    const decision: Decision =
      leaving === '@timeout' ? { type: 'timeout' } : { type: 'choose', choice: leaving };
    try {
      const result = step(this.scenario, this.current, decision);
      if (result.event || result.state.fork === undefined) return;
      this.current = result.state;
      this.forkAt = at;
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error;
    }
  }

  /** @internal emits the events of a fresh or resumed drill. */
  async begin(pending: UnhashedEvent[]): Promise<this> {
    await this.record(pending, () => undefined);
    return this;
  }
}

/**
 * The `end` event that stops a drill at {@link MAX_DRILL_EVENTS}, when the
 * events about to be recorded bring the log to one short of it (so the end
 * itself fits), and they do not end the drill already.
 */
function eventLimitEnd(
  recorded: number,
  pending: UnhashedEvent[],
  limit: number,
): UnhashedEvent | undefined {
  const last = pending.at(-1);
  if (!last || last.type === 'end' || recorded + pending.length < limit - 1) {
    return undefined;
  }
  return { type: 'end', beat: last.to ?? last.beat, at: last.at, reason: 'event-limit' };
}

/**
 * Only the four members the log format allows: a JWK exported by WebCrypto
 * also carries `ext` and `key_ops`, which say nothing about the key.
 */
function publicMembers(key: PublicKeyJwk): PublicKeyJwk {
  return { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
}

function newSessionId(): string {
  return crypto.randomUUID();
}

/**
 * Takes the first offered choice on paper (`step` is pure; nothing is kept),
 * so that XState's per-machine setup of the first transition is done while
 * the drill starts rather than when the trainee first taps.
 */
function warmUp(scenario: Scenario, state: DrillState): void {
  if (state.done) return;
  const offered = availableChoices(scenario, state)[0];
  try {
    step(scenario, state, offered ? { type: 'choose', choice: offered.id } : { type: 'timeout' });
  } catch {
    // Nothing to take yet (a fork waits for its pick): nothing to warm. Any
    // other problem is the real decision's to report, not the start's.
  }
}

/**
 * Starts a drill and records its `start` event (handed to `options.onEvent`
 * before this resolves).
 */
export async function startDrill(
  scenario: Scenario,
  options: StartDrillOptions = {},
): Promise<Drill> {
  // Compile now, so the trainee's first tap does not pay for it.
  compileScenario(scenario);
  const seed = (options.seed ?? randomSeed()) >>> 0;
  const solo = (options.instructor ?? 'solo') === 'solo';
  const first: StepResult = initialState(scenario, seed, { from: options.from, solo });
  warmUp(scenario, first.state);
  const header: Omit<DecisionLog, 'events'> = {
    format: LOG_FORMAT,
    sessionId: options.sessionId ?? newSessionId(),
    scenario: { id: scenario.id, version: scenario.version, digest: scenarioDigest(scenario) },
    trainee: options.trainee ?? { id: 'anonymous' },
    mode: options.mode ?? 'training',
    seed,
    startedAt: options.startedAt ?? new Date().toISOString(),
  };
  if (options.deviceKey) header.deviceKey = publicMembers(options.deviceKey);
  const clock = options.clock ?? defaultClock;
  const drill = new Drill(scenario, header, first.state, [], clock, {
    now: 0,
    enteredAt: 0,
    pausedInBeat: 0,
  });
  if (options.onEvent) drill.onEvent(options.onEvent);
  if (options.eventLimit !== undefined) drill.eventLimit = options.eventLimit;
  drill.signer = options.sign;
  const { sessionId, trainee, mode, startedAt, deviceKey } = header;
  const session = { sessionId, trainee, mode, seed, startedAt, ...(deviceKey && { deviceKey }) };
  const pending = [{ ...first.event!, session }, first.end]
    .filter((e): e is Omit<UnhashedEvent, 'at'> => e !== undefined)
    .map((e) => ({ ...e, at: 0 }));
  return drill.begin(pending);
}

/**
 * Rebuilds a drill from a partial log (after a reload, a crash or a dead
 * battery) and records a `resume` event. The log must verify against the
 * scenario. A running timer goes on with the time it had left when the drill
 * was interrupted (see `interruptedAt`), never with a fresh timer.
 */
export async function resumeDrill(
  scenario: Scenario,
  log: DecisionLog,
  options: ResumeDrillOptions = {},
): Promise<Drill> {
  const check = verifyLog(scenario, log);
  if (!check.ok) throw new ResumeError(`this drill cannot be resumed: ${check.message}`);
  const last = log.events.at(-1);
  if (!last || last.type === 'end') throw new ResumeError('this drill has already ended');
  const solo = (options.instructor ?? 'solo') === 'solo';
  const states = replayStates(scenario, log);
  const state = { ...states[states.length - 1]!, solo };

  // Time in the current beat: from the event that entered it, minus pauses.
  let enteredAt = 0;
  let pausedInBeat = 0;
  let pausedAt: number | undefined;
  for (const e of log.events) {
    if (e.type === 'start' || e.type === 'choice' || e.type === 'timeout') {
      enteredAt = e.at;
      pausedInBeat = 0;
    } else if (e.type === 'pause') pausedAt = e.at;
    else if (e.type === 'unpause' && pausedAt !== undefined) {
      pausedInBeat += e.at - pausedAt;
      pausedAt = undefined;
    }
  }
  const now = Math.max(last.at, Math.round(options.interruptedAt ?? last.at));
  const { events: _events, ...header } = log;
  const drill = new Drill(scenario, header, state, [...log.events], options.clock ?? defaultClock, {
    now,
    enteredAt,
    pausedInBeat,
    pausedAt,
  });
  if (options.onEvent) drill.onEvent(options.onEvent);
  drill.signer = options.sign;
  await drill.begin([{ type: 'resume', beat: state.beat, at: now }]);
  if (options.awaiting !== undefined) drill.restoreFork(options.awaiting, now);
  return drill;
}
