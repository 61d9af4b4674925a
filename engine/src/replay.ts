import { isOutcomeBeat, type DecisionLog, type LogEvent, type Scenario } from '@defuse/schemas';
import type { DiagnosticCode } from './diagnostic-codes';
import { canonicalJson } from './hash-chain';
import { DecisionError, initialState, step } from './step';
import type {
  Decision,
  DrillState,
  StepResult,
  TimelineEntry,
  UnhashedEvent,
  VerifyProblem,
} from './types';

type Expected = Omit<UnhashedEvent, 'at'>;

/**
 * The most events one drill records. A drill that gets there (a loop of
 * timed beats with nothing to choose, say) ends with an `end` event that has
 * no outcome and `reason: 'event-limit'`, instead of filling the tablet. The
 * limit is part of what replay reproduces, so it never changes for logs
 * already written (`eventLimit` options lower it for tests of the limit); 30,000 events is about 5 MB of log, the most the command
 * line reads, and far beyond any drill a person plays.
 */
export const MAX_DRILL_EVENTS = 30_000;

interface ReplayError {
  problem: VerifyProblem;
  code: DiagnosticCode;
  message: string;
}

/** Canonical equality of two JSON values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** The decision a recorded `choice` or `timeout` event stands for. */
export function decisionOf(event: LogEvent): Decision | undefined {
  if (event.type === 'timeout') return { type: 'timeout' };
  if (event.type === 'choice' && event.choice !== undefined) {
    return { type: 'choose', choice: event.choice };
  }
  return undefined;
}

/**
 * Runs a log's events through the pure `step`, from the log's seed, and hands
 * each event to `visit` with what replay expects it to record (or why it
 * cannot be replayed). `visit` returns false to stop. Returns the state after
 * each visited event.
 */
export function replayEvents(
  scenario: Scenario,
  log: DecisionLog,
  visit: (event: LogEvent, index: number, expected?: Expected, error?: ReplayError) => boolean,
  eventLimit = MAX_DRILL_EVENTS,
): DrillState[] {
  const states: DrillState[] = [];
  let state: DrillState | undefined;
  let pendingEnd: Expected | undefined;
  const stop = (e: LogEvent, i: number, error: ReplayError) => {
    visit(e, i, undefined, error);
    return states;
  };
  for (let i = 0; i < log.events.length; i++) {
    const e = log.events[i]!;
    if (!state) {
      if (e.type !== 'start') {
        return stop(e, i, structural(`the first event must be "start", not "${e.type}"`));
      }
      let first: StepResult;
      try {
        const from = e.beat === scenario.start ? undefined : { beat: e.beat, vars: e.vars };
        first = initialState(scenario, log.seed, { from });
      } catch (error) {
        return stop(e, i, unknown(error));
      }
      state = first.state;
      pendingEnd = first.end;
      states.push(state);
      if (!visit(e, i, first.event)) return states;
      continue;
    }
    if (pendingEnd) {
      if (e.type !== 'end') {
        return stop(
          e,
          i,
          structural(`the drill reached "${pendingEnd.beat}", so "end" must follow`),
        );
      }
      states.push(state);
      const expected = pendingEnd;
      pendingEnd = undefined;
      if (!visit(e, i, expected)) return states;
      continue;
    }
    if (e.type === 'end' && e.reason === 'event-limit' && !state.done) {
      // Accepted only where the drill itself writes it: at the limit.
      if (i < eventLimit - 1) {
        return stop(e, i, structural(`the drill ended at the event limit before reaching it`));
      }
      if (e.beat !== state.beat) {
        return stop(e, i, {
          problem: 'replay-mismatch',
          code: 'DF506',
          message: `is recorded at "${e.beat}" but replay is at "${state.beat}"`,
        });
      }
      state = { ...state, done: true };
      states.push(state);
      if (!visit(e, i, { type: 'end', beat: e.beat, reason: 'event-limit' })) return states;
      continue;
    }
    if (state.done || e.type === 'end' || e.type === 'start') {
      return stop(e, i, structural(`an unexpected "${e.type}" event`));
    }
    if (e.beat !== state.beat) {
      return stop(e, i, {
        problem: 'replay-mismatch',
        code: 'DF506',
        message: `is recorded at "${e.beat}" but replay is at "${state.beat}"`,
      });
    }
    const decision = decisionOf(e);
    if (!decision) {
      states.push(state); // pause, unpause, resume: the clock, not the story
      if (!visit(e, i)) return states;
      continue;
    }
    let result: StepResult;
    try {
      result = step(scenario, { ...state, solo: e.by !== 'instructor' }, decision);
      if (!result.event && e.by === 'instructor' && e.option !== undefined) {
        result = step(scenario, result.state, { type: 'pick', option: e.option });
      }
    } catch (error) {
      return stop(e, i, unknown(error));
    }
    if (!result.event) {
      return stop(e, i, structural('an instructor branch without the instructor\'s "option"'));
    }
    state = result.state;
    pendingEnd = result.end;
    states.push(state);
    if (!visit(e, i, result.event)) return states;
  }
  return states;
}

function structural(message: string): ReplayError {
  return { problem: 'format', code: 'DF509', message };
}

function unknown(error: unknown): ReplayError {
  if (error instanceof DecisionError) {
    return { problem: 'unknown-choice', code: 'DF507', message: error.message };
  }
  throw error;
}

/** The drill state after each event of a log (the log is assumed verified). */
export function replayStates(scenario: Scenario, log: DecisionLog): DrillState[] {
  return replayEvents(scenario, log, () => true);
}

/** The drill state right after event `seq`, to play on from there ("what if"). */
export function stateAt(scenario: Scenario, log: DecisionLog, seq: number): DrillState {
  const states = replayStates(scenario, log);
  const state = states[Math.min(seq, states.length) - 1];
  if (!state) throw new DecisionError(`the log has no event ${seq}`);
  return state;
}

/**
 * Looks at each event beside what replay expects it to record (or why replay
 * cannot go on); returning false stops the replay there.
 */
export type ReplayCheck = (
  event: LogEvent,
  index: number,
  expected?: Expected,
  error?: ReplayError,
) => boolean;

/** A replayed log, as a debrief shows it. */
export interface Replay {
  timeline: TimelineEntry[];
  /** Beats visited, in order. */
  path: string[];
  outcome?: TimelineEntry['outcome'];
  /** Drill state after each event (same order as `timeline`). */
  states: DrillState[];
}

/**
 * Replays a log into a debrief timeline: per event the beat, and per decision
 * the choice, its rating, technique, CDM step and feedback, the decision time,
 * the cues on screen and those the choice acted on, variables before and
 * after, and who chose the way on. Use `verifyLog` first to know whether the
 * log can be trusted.
 */
export function replayLog(
  scenario: Scenario,
  log: DecisionLog,
  check?: ReplayCheck,
  eventLimit = MAX_DRILL_EVENTS,
): Replay {
  const timeline: TimelineEntry[] = [];
  const path: string[] = [];
  let enteredAt = 0;
  // A pause stops the clock: time the instructor spent discussing is not the trainee's.
  let pausedInBeat = 0;
  let pausedAt: number | undefined;
  let varsBefore = log.events[0]?.vars ?? {};
  const states = replayEvents(
    scenario,
    log,
    (e, i, expected, error) => {
      if (check && !check(e, i, expected, error)) return false;
      const beat = scenario.beats[e.beat];
      const entry: TimelineEntry = {
        seq: e.seq,
        type: e.type,
        at: e.at,
        beat: e.beat,
        beatTitle: beat?.title ?? e.beat,
        cuesShown: beat?.cues ?? [],
        cuesActedOn: [],
        varsBefore,
        varsAfter: e.vars ?? varsBefore,
      };
      if (beat?.cdm) entry.cdm = beat.cdm;
      if (e.type === 'start') {
        path.push(e.beat);
        enteredAt = e.at;
      }
      if (e.type === 'pause') pausedAt = e.at;
      if (e.type === 'unpause' && pausedAt !== undefined) {
        pausedInBeat += e.at - pausedAt;
        pausedAt = undefined;
      }
      if (e.type === 'choice' || e.type === 'timeout') {
        entry.latencyMs = e.at - enteredAt - pausedInBeat;
        entry.to = e.to;
        entry.chosenBy = e.by ?? (e.type === 'timeout' ? 'timer' : 'trainee');
        if (beat && !isOutcomeBeat(beat)) {
          if (e.type === 'choice') {
            const choice = beat.choices?.find((c) => c.id === e.choice);
            entry.choice = e.choice;
            entry.choiceLabel = choice?.label ?? e.choice;
            if (choice?.rating) entry.rating = choice.rating;
            if (choice?.technique) entry.technique = choice.technique;
            if (choice?.feedback) entry.feedback = choice.feedback;
            entry.cuesActedOn = choice?.actsOn ?? [];
          } else if (beat.onTimeout?.feedback) {
            entry.feedback = beat.onTimeout.feedback;
          }
        }
        if (e.to !== undefined) path.push(e.to);
        enteredAt = e.at;
        pausedInBeat = 0;
      }
      if (e.type === 'end') entry.outcome = e.outcome;
      varsBefore = entry.varsAfter;
      timeline.push(entry);
      return true;
    },
    eventLimit,
  );
  const replay: Replay = { timeline, path, states };
  const end = timeline.find((t) => t.type === 'end');
  if (end?.outcome) replay.outcome = end.outcome;
  return replay;
}
