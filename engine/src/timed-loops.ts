import type { Scenario, SceneBeat } from '@defuse/schemas';
import { diagnostic, pointer } from './diagnostics';
import type { BeatGraph } from './graph';
import type { Diagnostic } from './types';

/**
 * Finds timed beats that hand the drill to each other with nothing for the
 * trainee to choose (DF406). A scene beat with a timer and no choices moves
 * on by itself; a cycle of such beats runs forever, writing an event per lap
 * (a tablet filled its storage at 400 events a second). Only cycles made
 * entirely of such beats are reported: one with a choice on the way waits
 * for the trainee at least once per lap.
 *
 * Works by peeling: a self-running beat with no self-running successor, or
 * no self-running predecessor, cannot be on such a cycle; what is left after
 * peeling both ways lies on one (or between two, which is as bad).
 */
export function timedLoops(scenario: Scenario, graph: BeatGraph): Diagnostic[] {
  const { ids, first, to, choice, outcome } = graph;
  const n = ids.length;
  const auto = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (outcome[i]) continue;
    const beat = scenario.beats[ids[i]!] as SceneBeat;
    if (beat.timeLimitSec !== undefined && !beat.choices?.length) auto[i] = 1;
  }
  const outDegree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    if (!auto[i]) continue;
    for (let e = first[i]!, end = first[i + 1]!; e < end; e++) {
      const target = to[e]!;
      if (choice[e] !== -1 || !auto[target]) continue;
      outDegree[i]!++;
      inDegree[target]!++;
      preds[target]!.push(i);
    }
  }
  const alive = auto.slice();
  const queue: number[] = [];
  for (let i = 0; i < n; i++)
    if (alive[i] && (outDegree[i] === 0 || inDegree[i] === 0)) queue.push(i);
  while (queue.length) {
    const at = queue.pop()!;
    if (!alive[at]) continue;
    alive[at] = 0;
    for (const p of preds[at]!) {
      if (alive[p] && --outDegree[p]! === 0) queue.push(p);
    }
    for (let e = first[at]!, end = first[at + 1]!; e < end; e++) {
      const target = to[e]!;
      if (choice[e] === -1 && alive[target] && --inDegree[target]! === 0) queue.push(target);
    }
  }
  const looping: string[] = [];
  for (let i = 0; i < n; i++) if (alive[i]) looping.push(ids[i]!);
  return looping.map((id) =>
    diagnostic(
      'DF406',
      pointer('beats', id, 'onTimeout'),
      `"${id}" has nothing to choose and its timer leads round ` +
        `${looping.length === 1 ? 'back to it' : `a loop of timed beats (${looping.map((b) => `"${b}"`).join(', ')})`}: ` +
        'the drill would run on by itself, lap after lap; give one of them a choice',
    ),
  );
}
