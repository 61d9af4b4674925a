import { isOutcomeBeat, type Choice, type OutcomeResult, type Scenario } from '@defuse/schemas';
import { drawWeighted, seedState } from '../random';
import { availableChoices, initialState, step } from '../step';
import type { DrillState } from '../types';

/** How a simulated trainee decides. */
export type Policy = 'random' | 'preferred';
export const POLICIES: readonly Policy[] = ['random', 'preferred'];

/** A run that stops after this many decisions is counted as never ending (a cycle). */
const MAX_DECISIONS = 1_000;

/** What many simulated drills came to. */
export interface SimulationResult {
  runs: number;
  policy: Policy;
  /** Seed of the first run; run i uses `seed + i`. */
  seed: number;
  /** Runs per outcome beat, in scenario order (outcomes never reached are listed with 0). */
  outcomes: { beat: string; title: string; result: OutcomeResult; runs: number }[];
  /** Runs per outcome result. */
  results: Partial<Record<OutcomeResult, number>>;
  /** Runs stuck at a beat with no available choice and no timer, per beat. */
  stuck: Record<string, number>;
  /** Runs cut off after too many decisions (a cycle the policy does not leave). */
  endless: number;
  /** Timers that ran out, over all runs (only where no choice was open). */
  timeouts: number;
  /** Mean number of decisions (choices and timeouts) per run. */
  meanDecisions: number;
}

/**
 * Picks a choice the way the policy does: `random` uniformly among the
 * available choices; `preferred` uniformly among the available `preferred`
 * ones, else the `acceptable` ones, else any.
 */
function pickChoice(
  policy: Policy,
  choices: Choice[],
  rng: number,
): { choice: Choice; rng: number } {
  let pool = choices;
  if (policy === 'preferred') {
    const preferred = choices.filter((c) => c.rating === 'preferred');
    const acceptable = choices.filter((c) => c.rating === 'acceptable');
    pool = preferred.length ? preferred : acceptable.length ? acceptable : choices;
  }
  const draw = drawWeighted(
    rng,
    pool.map(() => 1),
  );
  return { choice: pool[draw.index]!, rng: draw.rng };
}

/**
 * Runs `runs` drills with the pure `step` (no timers, no log hashing):
 * run i has seed `seed + i` for the scenario's own draws and a separate
 * generator for the policy's picks. Instructor branches are drawn by weight,
 * as in a drill run alone. Timers are only waited out where no choice is
 * available.
 */
export function simulate(
  scenario: Scenario,
  options: { runs: number; policy: Policy; seed: number },
): SimulationResult {
  const byBeat = new Map<string, number>();
  const results: Partial<Record<OutcomeResult, number>> = {};
  const stuck: Record<string, number> = {};
  let endless = 0;
  let decisions = 0;
  let timeouts = 0;

  for (let i = 0; i < options.runs; i++) {
    const seed = (options.seed + i) >>> 0;
    let state: DrillState = initialState(scenario, seed).state;
    // The policy's generator is kept apart so it does not shift the scenario's own draws.
    let policyRng = seedState(~seed >>> 0);
    let n = 0;
    while (!state.done && n < MAX_DECISIONS) {
      const choices = availableChoices(scenario, state);
      const beat = scenario.beats[state.beat];
      if (choices.length > 0) {
        const picked = pickChoice(options.policy, choices, policyRng);
        policyRng = picked.rng;
        state = step(scenario, state, { type: 'choose', choice: picked.choice.id }).state;
      } else if (beat && !isOutcomeBeat(beat) && beat.timeLimitSec !== undefined) {
        state = step(scenario, state, { type: 'timeout' }).state;
        timeouts++;
      } else {
        stuck[state.beat] = (stuck[state.beat] ?? 0) + 1;
        break;
      }
      n++;
    }
    decisions += n;
    if (state.done) {
      const beat = scenario.beats[state.beat];
      byBeat.set(state.beat, (byBeat.get(state.beat) ?? 0) + 1);
      if (beat && isOutcomeBeat(beat)) {
        results[beat.outcome.result] = (results[beat.outcome.result] ?? 0) + 1;
      }
    } else if (n >= MAX_DECISIONS) {
      endless++;
    }
  }

  const outcomes: SimulationResult['outcomes'] = [];
  for (const [id, beat] of Object.entries(scenario.beats)) {
    if (isOutcomeBeat(beat)) {
      outcomes.push({
        beat: id,
        title: beat.title,
        result: beat.outcome.result,
        runs: byBeat.get(id) ?? 0,
      });
    }
  }
  return {
    runs: options.runs,
    policy: options.policy,
    seed: options.seed,
    outcomes,
    results,
    stuck,
    endless,
    timeouts,
    meanDecisions: options.runs ? decisions / options.runs : 0,
  };
}
