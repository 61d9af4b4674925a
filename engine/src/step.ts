import { transition } from 'xstate';
import { isOutcomeBeat, type Choice, type Scenario, type Vars } from '@defuse/schemas';
import {
  beatOfStateKey,
  CHOOSE_PREFIX,
  compileScenario,
  forkKey,
  PICK_EVENT,
  timeoutEvent,
  type DrillContext,
} from './compile';
import { evaluateCondition } from './conditions';
import { initialVars } from './effects';
import { seedState } from './random';
import type { Decision, DrillState, StepResult, UnhashedEvent } from './types';

/** A decision the drill cannot take where it is (unknown choice, hidden choice, no timer...). */
export class DecisionError extends Error {
  override name = 'DecisionError';
}

/** Where a drill starts when it does not start at the scenario's start (previews, "what if"). */
export interface StartFrom {
  beat: string;
  vars?: Vars;
  visited?: string[];
  chose?: string[];
}

/**
 * The state at the start of a drill and its `start` event (plus the `end`
 * event when the start is already an outcome).
 */
export function initialState(
  scenario: Scenario,
  seed: number,
  options: { from?: StartFrom; solo?: boolean } = {},
): StepResult {
  const from = options.from;
  const beat = from?.beat ?? scenario.start;
  if (!Object.hasOwn(scenario.beats, beat)) {
    throw new DecisionError(`there is no beat "${beat}" to start from`);
  }
  const vars = { ...initialVars(scenario.variables), ...from?.vars };
  const state: DrillState = {
    beat,
    vars,
    rng: seedState(seed),
    visited: [...(from?.visited ?? []), beat],
    chose: [...(from?.chose ?? [])],
    solo: options.solo ?? true,
    done: false,
  };
  const event: Omit<UnhashedEvent, 'at'> = { type: 'start', beat, vars };
  return finish(scenario, state, event);
}

/** The choices offered at the current beat: those whose `when` holds now. */
export function availableChoices(scenario: Scenario, state: DrillState): Choice[] {
  const beat = scenario.beats[state.beat];
  if (!beat || isOutcomeBeat(beat) || state.done || state.fork !== undefined) return [];
  return (beat.choices ?? []).filter((c) => !c.when || evaluateCondition(c.when, state));
}

/**
 * The pure step: one decision applied to a drill state gives the next state
 * and the log event it produces (not yet numbered, timed or hashed). The live
 * drill and replay both go through here, so they cannot disagree. XState's
 * `transition()` on the compiled machine does the work.
 */
export function step(scenario: Scenario, state: DrillState, decision: Decision): StepResult {
  if (state.done) throw new DecisionError('the drill has already ended');
  const beat = scenario.beats[state.beat];
  if (!beat || isOutcomeBeat(beat)) throw new DecisionError(`"${state.beat}" is not a scene beat`);
  const { machine } = compileScenario(scenario);

  let event: { type: string; index?: number };
  if (decision.type === 'pick') {
    const options = instructorOptionsOf(scenario, state);
    if (!options) throw new DecisionError('no instructor branch is waiting for a pick');
    if (
      !Number.isInteger(decision.option) ||
      decision.option < 0 ||
      decision.option >= options.length
    ) {
      throw new DecisionError(
        `instructor option ${decision.option} does not exist (there are ${options.length})`,
      );
    }
    event = { type: PICK_EVENT, index: decision.option };
  } else if (state.fork !== undefined) {
    throw new DecisionError('waiting for the instructor to pick what happens next');
  } else if (decision.type === 'choose') {
    const choice = beat.choices?.find((c) => c.id === decision.choice);
    if (!choice) {
      throw new DecisionError(`beat "${state.beat}" has no choice "${decision.choice}"`);
    }
    if (choice.when && !evaluateCondition(choice.when, state)) {
      throw new DecisionError(`the choice "${decision.choice}" is not available now`);
    }
    event = { type: CHOOSE_PREFIX + choice.id };
  } else {
    const type = timeoutEvent(scenario, state.beat);
    if (!type) throw new DecisionError(`beat "${state.beat}" has no timer`);
    event = { type };
  }

  const key = state.fork !== undefined ? forkKey(state.beat, state.fork) : state.beat;
  const before = machine.resolveState({ value: { drill: key }, context: toContext(state) });
  const [after] = transition(machine, before, event as never);
  const nextKey = String((after.value as Record<string, string>).drill);
  const ctx = after.context as DrillContext;
  const leaving =
    decision.type === 'pick'
      ? state.fork!
      : decision.type === 'choose'
        ? decision.choice
        : '@timeout';

  if (nextKey.includes('__')) {
    // An instructor fork waits for its pick; nothing is logged until then.
    return {
      state: {
        ...fromContext(ctx, state),
        beat: beatOfStateKey(nextKey),
        fork: leaving,
        done: false,
      },
    };
  }
  const next: DrillState = { ...fromContext(ctx, state), beat: nextKey, done: false };
  const logged: Omit<UnhashedEvent, 'at'> = {
    type: leaving === '@timeout' ? 'timeout' : 'choice',
    beat: state.beat,
  };
  if (leaving !== '@timeout') logged.choice = leaving;
  logged.to = nextKey;
  if (ctx.by) logged.by = ctx.by;
  if (decision.type === 'pick') logged.option = decision.option;
  logged.vars = ctx.vars;
  return finish(scenario, next, logged);
}

/** The instructor options waiting for a pick, if any. */
export function instructorOptionsOf(
  scenario: Scenario,
  state: DrillState,
): { label: string; to: string; weight: number }[] | undefined {
  if (state.fork === undefined) return undefined;
  const beat = scenario.beats[state.beat];
  if (!beat || isOutcomeBeat(beat)) return undefined;
  const dest =
    state.fork === '@timeout' ? beat.onTimeout : beat.choices?.find((c) => c.id === state.fork);
  return dest?.instructor;
}

/** Adds the `end` event when the state has reached an outcome beat. */
function finish(
  scenario: Scenario,
  state: DrillState,
  event: Omit<UnhashedEvent, 'at'>,
): StepResult {
  const beat = scenario.beats[state.beat];
  if (beat && isOutcomeBeat(beat)) {
    return {
      state: { ...state, done: true },
      event,
      end: { type: 'end', beat: state.beat, outcome: beat.outcome },
    };
  }
  return { state, event };
}

function toContext(state: DrillState): DrillContext {
  return {
    vars: state.vars,
    rng: state.rng,
    visited: state.visited,
    chose: state.chose,
    pending: null,
    by: null,
    solo: state.solo,
  };
}

function fromContext(ctx: DrillContext, prev: DrillState): Omit<DrillState, 'beat' | 'done'> {
  return { vars: ctx.vars, rng: ctx.rng, visited: ctx.visited, chose: ctx.chose, solo: prev.solo };
}
