import type { DecisionLog, Scenario } from '@defuse/schemas';
import { startDrill } from '../src/index';
import { manualClock } from './helpers';

/**
 * One step of a scripted drill: wait `after` ms on the drill clock, then take
 * a choice id, let the timer run out (`@timeout`) or make the instructor's
 * pick (`@pick:N`).
 */
export type ScriptStep = [after: number, decision: string];

/** Plays a drill by script with a manual clock and returns its log. */
export async function scriptedLog(
  scenario: Scenario,
  steps: ScriptStep[],
  options: { seed?: number; trainee?: string; instructor?: 'solo' | 'present' } = {},
): Promise<DecisionLog> {
  const clock = manualClock();
  const drill = await startDrill(scenario, {
    seed: options.seed ?? 2,
    clock: clock.read,
    trainee: { id: options.trainee ?? 'trainee-1' },
    instructor: options.instructor ?? 'solo',
    startedAt: '2026-11-22T14:03:00.000Z',
  });
  for (const [after, decision] of steps) {
    clock.now += after;
    if (decision === '@timeout') await drill.expire();
    else if (decision.startsWith('@pick:')) await drill.pick(Number(decision.slice(6)));
    else await drill.choose(decision);
  }
  return drill.log();
}
