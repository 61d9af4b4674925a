import { assign, setup } from 'xstate';
import {
  isOutcomeBeat,
  type Condition,
  type Destination,
  type Effect,
  type Scenario,
  type Vars,
} from '@defuse/schemas';
import { evaluateCondition } from './conditions';
import { applyEffects } from './effects';
import { drawWeighted } from './random';

/**
 * XState context of a compiled scenario: the variables, the seeded
 * generator, the session's history, and the bookkeeping of a fork.
 */
export interface DrillContext {
  vars: Vars;
  rng: number;
  visited: string[];
  chose: string[];
  /** Index drawn (chance, solo instructor) or picked, waiting for its fork to resolve. */
  pending: number | null;
  /** Who chose the way out of the last fork. */
  by: 'chance' | 'instructor' | null;
  /** Draw instructor branches by weight instead of waiting for a pick. */
  solo: boolean;
}

/** Event names the compiled machine understands. */
export const CHOOSE_PREFIX = 'choose.';
export const PICK_EVENT = 'pick';
/** Name of the XState state that resolves a fork (branches, chance, instructor). */
export function forkKey(beat: string, choice: string): string {
  return `${beat}__${choice}`;
}
/** The beat a state key belongs to (fork states belong to the beat they leave). */
export function beatOfStateKey(key: string): string {
  const i = key.indexOf('__');
  return i < 0 ? key : key.slice(0, i);
}
/** The delayed event XState raises when a beat's timer runs out. */
export function timeoutEvent(scenario: Scenario, beat: string): string | undefined {
  const b = scenario.beats[beat];
  if (!b || isOutcomeBeat(b) || b.timeLimitSec === undefined) return undefined;
  return `xstate.after.${timerMs(b.timeLimitSec)}.${scenario.id}.drill.${beat}`;
}

function timerMs(sec: number): number {
  return Math.round(sec * 1000);
}

/**
 * The guards and actions every compiled scenario uses, by name with params,
 * so the machine config itself stays plain JSON. Only clamping needs the
 * scenario's variable definitions.
 */
function registry(variables: Scenario['variables']) {
  return setup({
    types: {} as {
      context: DrillContext;
      events: { type: string; index?: number };
    },
    guards: {
      /** A `when` or branch condition holds. */
      when: ({ context }, params: { cond: Condition }) => evaluateCondition(params.cond, context),
      /** The fork's drawn index is this one. */
      taken: ({ context }, params: { index: number }) => context.pending === params.index,
      /** The instructor's pick names this option. */
      picked: ({ event }, params: { index: number }) => event.index === params.index,
    },
    actions: {
      /** Applies a choice's (or a timeout's) effects and records the choice. */
      decide: assign(({ context }, params: { choice?: string; effects?: Effect[] }) => ({
        vars: applyEffects(params.effects, context.vars, variables),
        chose: params.choice === undefined ? context.chose : [...context.chose, params.choice],
        by: null,
        pending: null,
      })),
      /** Draws a `chance` option by weight from the seeded generator. */
      draw: assign(({ context }, params: { weights: number[] }) => {
        const { index, rng } = drawWeighted(context.rng, params.weights);
        return { pending: index, rng, by: 'chance' as const };
      }),
      /** Draws an `instructor` option by weight when the drill runs solo. */
      drawIfSolo: assign(({ context }, params: { weights: number[] }) => {
        if (!context.solo) return {};
        const { index, rng } = drawWeighted(context.rng, params.weights);
        return { pending: index, rng, by: 'chance' as const };
      }),
      /** Records that the instructor picked the way out. */
      pick: assign({ by: 'instructor' as const }),
      /** Marks a beat as visited. */
      visit: assign(({ context }, params: { beat: string }) => ({
        visited: [...context.visited, params.beat],
      })),
    },
  });
}

/** A scenario compiled to an XState v5 machine, with its plain-JSON config. */
export interface CompiledScenario {
  machine: DrillMachine;
  /** The machine config as plain JSON (guards and actions by name with params). */
  config: MachineConfigJson;
}

export interface MachineConfigJson {
  id: string;
  initial: 'drill';
  context: DrillContext;
  /**
   * Every beat (and fork) is a child of one parent state, `drill`: XState
   * resolves a snapshot of a flat machine with thousands of top-level states
   * a hundred times more slowly.
   */
  states: { drill: { initial: string; states: Record<string, unknown> } };
}

function buildMachine(scenario: Scenario, config: MachineConfigJson) {
  return registry(scenario.variables).createMachine(config as never);
}
/** The XState machine of a compiled scenario. */
export type DrillMachine = ReturnType<typeof buildMachine>;

const cache = new WeakMap<Scenario, CompiledScenario>();

/**
 * Compiles a valid scenario to XState: beats become states, choices
 * `choose.<id>` events, conditions `when` guards, effects `decide` actions,
 * timers `after` transitions, outcomes final states, and forks (branches,
 * chance, instructor) small states of their own that resolve at once or wait
 * for the instructor's `pick`.
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const config = machineConfig(scenario);
  const machine = buildMachine(scenario, config);
  const compiled = { machine, config };
  cache.set(scenario, compiled);
  return compiled;
}

function machineConfig(scenario: Scenario): MachineConfigJson {
  const states: Record<string, unknown> = {};
  for (const [id, beat] of Object.entries(scenario.beats)) {
    const entry = [{ type: 'visit', params: { beat: id } }];
    if (isOutcomeBeat(beat)) {
      states[id] = { type: 'final', entry };
      continue;
    }
    const on: Record<string, unknown[]> = {};
    for (const choice of beat.choices ?? []) {
      const { target, actions } = leave(id, choice.id, choice, choice.effects, states);
      const t: Record<string, unknown> = { target, actions };
      if (choice.when) t.guard = { type: 'when', params: { cond: choice.when } };
      (on[CHOOSE_PREFIX + choice.id] ??= []).push(t);
    }
    const state: Record<string, unknown> = { entry, on };
    if (beat.timeLimitSec !== undefined && beat.onTimeout) {
      const { target, actions } = leave(
        id,
        '@timeout',
        beat.onTimeout,
        beat.onTimeout.effects,
        states,
      );
      state.after = { [timerMs(beat.timeLimitSec)]: { target, actions } };
    }
    states[id] = state;
  }
  return {
    id: scenario.id,
    initial: 'drill',
    context: { vars: {}, rng: 0, visited: [], chose: [], pending: null, by: null, solo: true },
    states: { drill: { initial: scenario.start, states } },
  };
}

/** The transition out of a beat for one choice (or the timer), adding a fork state when needed. */
function leave(
  beat: string,
  choice: string,
  dest: Destination,
  effects: Effect[] | undefined,
  states: Record<string, unknown>,
): { target: string; actions: unknown[] } {
  const decide = {
    type: 'decide',
    params: choice === '@timeout' ? { effects: effects ?? [] } : { choice, effects: effects ?? [] },
  };
  if (dest.to !== undefined) return { target: dest.to, actions: [decide] };
  const fork = forkKey(beat, choice);
  if (dest.branches) {
    states[fork] = {
      always: dest.branches.map((b) =>
        b.when
          ? { target: b.to, guard: { type: 'when', params: { cond: b.when } } }
          : { target: b.to },
      ),
    };
    return { target: fork, actions: [decide] };
  }
  if (dest.chance) {
    const weights = dest.chance.map((o) => o.weight);
    states[fork] = {
      always: dest.chance.map((o, index) => ({
        target: o.to,
        guard: { type: 'taken', params: { index } },
      })),
    };
    return { target: fork, actions: [decide, { type: 'draw', params: { weights } }] };
  }
  const options = dest.instructor ?? [];
  const weights = options.map((o) => o.weight);
  states[fork] = {
    always: options.map((o, index) => ({
      target: o.to,
      guard: { type: 'taken', params: { index } },
    })),
    on: {
      [PICK_EVENT]: options.map((o, index) => ({
        target: o.to,
        guard: { type: 'picked', params: { index } },
        actions: [{ type: 'pick' }],
      })),
    },
  };
  return { target: fork, actions: [decide, { type: 'drawIfSolo', params: { weights } }] };
}
