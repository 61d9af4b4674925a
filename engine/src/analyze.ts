import type { Scenario, SceneBeat } from '@defuse/schemas';
import { diagnostic, pointer } from './diagnostics';
import { beatGraph, edgeChoice, reachedFrom, type BeatGraph } from './graph';
import { timedLoops } from './timed-loops';
import type { Analysis, Diagnostic, PathStep } from './types';

/** Simple paths are counted up to this many; beyond, the count is a lower bound. */
const PATH_CAP = 1_000_000;
/** Work budget for counting simple paths through cycles. */
const PATH_WORK_CAP = 50_000;

/**
 * What a valid scenario's graph says about it: beats nobody reaches, beats
 * that trap the trainee, choices that may all be hidden, counts, and the
 * shortest preferred route to each outcome. Works on beat numbers and flat
 * edge arrays ({@link BeatGraph}), so 10,000 beats take milliseconds.
 */
export function analyzeScenario(scenario: Scenario): Analysis {
  return analyzeGraph(scenario, beatGraph(scenario));
}

/**
 * {@link analyzeScenario} on a graph already built from the scenario (the
 * semantic checks build one as they go; see `validateScenario`'s `analyse`).
 */
export function analyzeGraph(scenario: Scenario, graph: BeatGraph): Analysis {
  const { ids, outcome } = graph;
  const start = graph.index[scenario.start];
  const diagnostics: Diagnostic[] = [];

  const outcomes: number[] = [];
  for (let i = 0; i < ids.length; i++) if (outcome[i]) outcomes.push(i);
  const reachable = reachedFrom(graph, start === undefined ? [] : [start]);
  const canFinish = reachedFrom(graph, outcomes, true);

  const unreachableBeats: string[] = [];
  const unreachedOutcomes: string[] = [];
  const trapBeats: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const beat = scenario.beats[id]!;
    if (!reachable[i]) {
      const at = pointer('beats', id);
      if (outcome[i]) {
        unreachedOutcomes.push(id);
        diagnostics.push(diagnostic('DF405', at, `no path from the start reaches outcome "${id}"`));
      } else {
        unreachableBeats.push(id);
        diagnostics.push(diagnostic('DF401', at, `no path from the start reaches beat "${id}"`));
      }
    }
    if (!canFinish[i]) {
      trapBeats.push(id);
      diagnostics.push(
        diagnostic(
          'DF402',
          pointer('beats', id),
          'no outcome can be reached from here: a trainee who gets here can never finish',
        ),
      );
    }
    if (
      !outcome[i] &&
      (beat as SceneBeat).timeLimitSec === undefined &&
      allConditional((beat as SceneBeat).choices)
    ) {
      diagnostics.push(
        diagnostic(
          'DF403',
          pointer('beats', id, 'choices'),
          'every choice here has a "when" and there is no timer: if none holds, the drill is stuck',
        ),
      );
    }
    const media = beat.media;
    for (let m = 0; media && m < media.length; m++) {
      const item = media[m]!;
      if (item.type === 'image' && !item.alt?.trim()) {
        diagnostics.push(
          diagnostic(
            'DF404',
            pointer('beats', id, 'media', m),
            `the image "${item.src}" has no alt text for people who cannot see it`,
          ),
        );
      }
    }
  }

  diagnostics.push(...timedLoops(scenario, graph));

  const { paths, capped, hasCycles } = countPaths(graph, start, reachable);
  return {
    diagnostics,
    counts: {
      beats: ids.length,
      sceneBeats: ids.length - outcomes.length,
      outcomes: outcomes.length,
      choices: graph.choices,
      paths,
      pathsCapped: capped,
      hasCycles,
    },
    unreachableBeats,
    trapBeats,
    unreachedOutcomes,
    preferredPaths: preferredPaths(scenario, graph, start, outcomes),
  };
}

function allConditional(choices: readonly { when?: unknown }[] | undefined): boolean {
  if (!choices?.length) return false;
  for (const c of choices) if (c.when === undefined) return false;
  return true;
}

/**
 * Counts distinct routes (sequences of choices) from the start to an
 * outcome that visit no beat twice. Acyclic graphs are counted exactly by
 * memoisation; graphs with cycles by a depth-first search bounded by
 * {@link PATH_WORK_CAP} steps.
 */
function countPaths(
  graph: BeatGraph,
  start: number | undefined,
  reachable: Uint8Array,
): { paths: number; capped: boolean; hasCycles: boolean } {
  if (start === undefined || !reachable[start]) {
    return { paths: 0, capped: false, hasCycles: false };
  }
  const { first, to, outcome } = graph;
  const n = graph.ids.length;
  // Iterative depth-first colouring (1 on the stack, 2 done) finds a cycle and a post-order.
  const colour = new Uint8Array(n);
  const order = new Int32Array(n);
  let done = 0;
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  let depth = 0;
  let hasCycles = false;
  stack[depth] = start;
  next[depth++] = first[start]!;
  colour[start] = 1;
  while (depth > 0) {
    const at = stack[depth - 1]!;
    const e = next[depth - 1]!;
    if (e < first[at + 1]!) {
      next[depth - 1] = e + 1;
      const target = to[e]!;
      if (colour[target] === 1) hasCycles = true;
      else if (colour[target] === 0) {
        colour[target] = 1;
        stack[depth] = target;
        next[depth++] = first[target]!;
      }
    } else {
      colour[at] = 2;
      order[done++] = at;
      depth--;
    }
  }
  if (!hasCycles) {
    const count = new Float64Array(n);
    for (let k = 0; k < done; k++) {
      const at = order[k]!;
      let sum = outcome[at]!;
      for (let e = first[at]!, end = first[at + 1]!; e < end; e++) sum += count[to[e]!]!;
      count[at] = Math.min(sum, Number.MAX_SAFE_INTEGER);
    }
    const paths = count[start]!;
    return { paths: Math.min(paths, PATH_CAP), capped: paths > PATH_CAP, hasCycles };
  }
  // Through cycles: walk every simple route, an outcome ending each, until the work runs out.
  let paths = 0;
  let work = 1;
  const onPath = new Uint8Array(n);
  depth = 0;
  const enter = (beat: number) => {
    if (outcome[beat]) paths++;
    else {
      onPath[beat] = 1;
      stack[depth] = beat;
      next[depth++] = first[beat]!;
    }
  };
  enter(start);
  let complete = true;
  while (depth > 0) {
    if (work > PATH_WORK_CAP || paths >= PATH_CAP) {
      complete = false;
      break;
    }
    const at = stack[depth - 1]!;
    const e = next[depth - 1]!;
    if (e < first[at + 1]!) {
      next[depth - 1] = e + 1;
      if (!onPath[to[e]!]) {
        work++;
        enter(to[e]!);
      }
    } else {
      onPath[at] = 0;
      depth--;
    }
  }
  return { paths, capped: !complete, hasCycles };
}

/**
 * Breadth-first shortest routes that take only `preferred` choices; forks
 * (branches, chance, instructor) may go any of their ways.
 */
function preferredPaths(
  scenario: Scenario,
  graph: BeatGraph,
  start: number | undefined,
  outcomes: number[],
): Record<string, PathStep[] | undefined> {
  const { ids, first, from, to, preferred } = graph;
  const result: Record<string, PathStep[] | undefined> = {};
  // The edge each beat was first reached by: -1 for the start, -2 not reached.
  const cameBy = new Int32Array(ids.length).fill(-2);
  if (start !== undefined) {
    cameBy[start] = -1;
    const queue = new Int32Array(ids.length);
    let tail = 0;
    queue[tail++] = start;
    for (let head = 0; head < tail; head++) {
      const at = queue[head]!;
      for (let e = first[at]!, end = first[at + 1]!; e < end; e++) {
        if (!preferred[e] || cameBy[to[e]!] !== -2) continue;
        cameBy[to[e]!] = e;
        queue[tail++] = to[e]!;
      }
    }
  }
  for (const o of outcomes) {
    if (cameBy[o] === -2) {
      result[ids[o]!] = undefined;
      continue;
    }
    const steps: PathStep[] = [];
    for (let e = cameBy[o]!; e >= 0; e = cameBy[from[e]!]!) {
      steps.push({
        beat: ids[from[e]!]!,
        choice: edgeChoice(scenario, graph, e),
        to: ids[to[e]!]!,
      });
    }
    result[ids[o]!] = steps.reverse();
  }
  return result;
}
