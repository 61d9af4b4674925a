import { availableChoices, type DrillState, type Replay, type TimelineEntry } from '@defuse/engine';
import { isOutcomeBeat, type Choice, type Scenario, type SceneBeat } from '@defuse/schemas';

/** One moment of the step-through replay: a beat as the trainee saw it, and what they did. */
export interface ReplayStep {
  /** 1-based place in the drill (decisions, then the outcome). */
  number: number;
  /** The decision (choice or timeout), or the `end` event for the outcome beat. */
  entry: TimelineEntry;
  beat: string;
  /** State when the beat was on screen, before the decision. */
  before: DrillState;
  /** Choices that were on screen (their `when` held). */
  offered: Choice[];
  /** The beat's time limit, when it had one. */
  limitMs?: number;
  /** Time left on the clock when the decision was made (decision time excludes pauses). */
  timeLeftMs?: number;
  /** Time the instructor had the clock stopped while this beat was on screen. */
  pausedMs: number;
}

/**
 * The decisions of a replayed log as steps, with what was on screen at each:
 * the choices whose conditions held, and the time left on a running timer.
 */
export function replaySteps(scenario: Scenario, replay: Replay): ReplayStep[] {
  const steps: ReplayStep[] = [];
  let pausedAt: number | undefined;
  let pausedMs = 0;
  replay.timeline.forEach((entry, i) => {
    const before = replay.states[i - 1];
    if (entry.type === 'pause') pausedAt = entry.at;
    if (entry.type === 'unpause' && pausedAt !== undefined) {
      pausedMs += entry.at - pausedAt;
      pausedAt = undefined;
    }
    if ((entry.type === 'choice' || entry.type === 'timeout') && before) {
      const beat = scenario.beats[entry.beat] as SceneBeat | undefined;
      const step: ReplayStep = {
        number: steps.length + 1,
        entry,
        beat: entry.beat,
        before,
        offered: availableChoices(scenario, before),
        pausedMs,
      };
      if (beat?.timeLimitSec !== undefined) {
        step.limitMs = beat.timeLimitSec * 1000;
        const used = entry.latencyMs ?? 0;
        step.timeLeftMs = entry.type === 'timeout' ? 0 : Math.max(0, step.limitMs - used);
      }
      steps.push(step);
      pausedMs = 0;
    }
    if (entry.type === 'end') {
      const state = replay.states[i] ?? before;
      const beat = scenario.beats[entry.beat];
      if (state && beat && isOutcomeBeat(beat)) {
        steps.push({
          number: steps.length + 1,
          entry,
          beat: entry.beat,
          before: state,
          offered: [],
          pausedMs: 0,
        });
      }
    }
  });
  return steps;
}

/** Number variables of a scenario, for the chart. */
export function numberVariables(scenario: Scenario) {
  return Object.entries(scenario.variables ?? {}).flatMap(([name, v]) =>
    v.type === 'number'
      ? [
          {
            name,
            label: v.label ?? name,
            min: v.min ?? Math.min(0, v.initial),
            max: v.max ?? Math.max(10, v.initial),
          },
        ]
      : [],
  );
}

/** Words for who chose the way on at a decision: the trainee or the timer, then chance or the instructor. */
export function chosenByLabel(entry: TimelineEntry): string {
  const first = entry.type === 'timeout' ? 'Timer ran out' : 'Trainee';
  if (entry.chosenBy === 'instructor') return `${first}; instructor picked the reaction`;
  if (entry.chosenBy === 'chance') return `${first}; chance decided the reaction`;
  return first;
}
