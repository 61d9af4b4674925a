import { isOutcomeBeat, type Scenario } from '@defuse/schemas';
import { diagnostic, pointer } from './diagnostics';
import { adjacency, reachableFrom, scenarioEdges, type Edge } from './graph';
import type { Analysis, Diagnostic, PathStep } from './types';

/** Simple paths are counted up to this many; beyond, the count is a lower bound. */
const PATH_CAP = 1_000_000;
/** Work budget for counting simple paths through cycles. */
const PATH_WORK_CAP = 50_000;

/**
 * What a valid scenario's graph says about it: beats nobody reaches, beats
 * that trap the trainee, choices that may all be hidden, counts, and the
 * shortest preferred route to each outcome.
 */
export function analyzeScenario(scenario: Scenario): Analysis {
  const edges = scenarioEdges(scenario);
  const adj = adjacency(scenario, edges);
  const ids = Object.keys(scenario.beats);
  const diagnostics: Diagnostic[] = [];

  const reachable = Object.hasOwn(scenario.beats, scenario.start)
    ? reachableFrom([scenario.start], (id) => (adj.get(id) ?? []).map((e) => e.to))
    : new Set<string>();

  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) incoming.get(e.to)?.push(e.from);
  const outcomes = ids.filter((id) => isOutcomeBeat(scenario.beats[id]!));
  const canFinish = reachableFrom(outcomes, (x) => incoming.get(x) ?? []);

  const unreachableBeats: string[] = [];
  const unreachedOutcomes: string[] = [];
  const trapBeats: string[] = [];
  for (const id of ids) {
    const beat = scenario.beats[id]!;
    const at = pointer('beats', id);
    if (!reachable.has(id)) {
      if (isOutcomeBeat(beat)) {
        unreachedOutcomes.push(id);
        diagnostics.push(diagnostic('DF405', at, `no path from the start reaches outcome "${id}"`));
      } else {
        unreachableBeats.push(id);
        diagnostics.push(diagnostic('DF401', at, `no path from the start reaches beat "${id}"`));
      }
    }
    if (!canFinish.has(id)) {
      trapBeats.push(id);
      diagnostics.push(
        diagnostic(
          'DF402',
          at,
          'no outcome can be reached from here: a trainee who gets here can never finish',
        ),
      );
    }
    if (!isOutcomeBeat(beat)) {
      const choices = beat.choices ?? [];
      if (
        choices.length > 0 &&
        choices.every((c) => c.when !== undefined) &&
        beat.timeLimitSec === undefined
      ) {
        diagnostics.push(
          diagnostic(
            'DF403',
            `${at}/choices`,
            'every choice here has a "when" and there is no timer: if none holds, the drill is stuck',
          ),
        );
      }
    }
    (beat.media ?? []).forEach((m, i) => {
      if (m.type === 'image' && !m.alt?.trim()) {
        diagnostics.push(
          diagnostic(
            'DF404',
            `${at}/media/${i}`,
            `the image "${m.src}" has no alt text for people who cannot see it`,
          ),
        );
      }
    });
  }

  const { paths, capped, hasCycles } = countPaths(scenario.start, adj, reachable, scenario);
  return {
    diagnostics,
    counts: {
      beats: ids.length,
      sceneBeats: ids.length - outcomes.length,
      outcomes: outcomes.length,
      choices: ids.reduce((n, id) => {
        const b = scenario.beats[id]!;
        return n + (isOutcomeBeat(b) ? 0 : (b.choices?.length ?? 0));
      }, 0),
      paths,
      pathsCapped: capped,
      hasCycles,
    },
    unreachableBeats,
    trapBeats,
    unreachedOutcomes,
    preferredPaths: preferredPaths(scenario, adj, outcomes),
  };
}

/**
 * Counts distinct routes (sequences of choices) from the start to an
 * outcome that visit no beat twice. Acyclic graphs are counted exactly by
 * memoisation; graphs with cycles by a bounded depth-first search.
 */
function countPaths(
  start: string,
  adj: Map<string, Edge[]>,
  reachable: Set<string>,
  scenario: Scenario,
): { paths: number; capped: boolean; hasCycles: boolean } {
  if (!reachable.has(start)) return { paths: 0, capped: false, hasCycles: false };
  const isOutcome = (id: string) => {
    const b = scenario.beats[id];
    return b !== undefined && isOutcomeBeat(b);
  };
  // Iterative DFS colouring to detect a cycle and get a post-order.
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  let hasCycles = false;
  const stack: [string, number][] = [[start, 0]];
  state.set(start, 1);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const out = adj.get(top[0]) ?? [];
    if (top[1] < out.length) {
      const next = out[top[1]++]!.to;
      const s = state.get(next);
      if (s === 1) hasCycles = true;
      else if (s === undefined) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    } else {
      state.set(top[0], 2);
      order.push(top[0]);
      stack.pop();
    }
  }
  if (!hasCycles) {
    const count = new Map<string, number>();
    for (const id of order) {
      let n = isOutcome(id) ? 1 : 0;
      for (const e of adj.get(id) ?? []) n += count.get(e.to) ?? 0;
      count.set(id, Math.min(n, Number.MAX_SAFE_INTEGER));
    }
    const paths = count.get(start) ?? 0;
    return { paths: Math.min(paths, PATH_CAP), capped: paths > PATH_CAP, hasCycles };
  }
  let paths = 0;
  let work = 1;
  // Flags rather than Set.add/delete: thousands of deletes on a large Set make V8 rehash it over and over.
  const onPath = new Map<string, boolean>();
  const route: [string, number][] = [];
  const enter = (id: string) => {
    if (isOutcome(id)) paths++;
    else {
      onPath.set(id, true);
      route.push([id, 0]);
    }
  };
  enter(start);
  let complete = true;
  while (route.length) {
    if (work > PATH_WORK_CAP || paths >= PATH_CAP) {
      complete = false;
      break;
    }
    const top = route[route.length - 1]!;
    const out = adj.get(top[0]) ?? [];
    if (top[1] < out.length) {
      const to = out[top[1]++]!.to;
      if (onPath.get(to) !== true) {
        work++;
        enter(to);
      }
    } else {
      onPath.set(top[0], false);
      route.pop();
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
  adj: Map<string, Edge[]>,
  outcomes: string[],
): Record<string, PathStep[] | undefined> {
  const result: Record<string, PathStep[] | undefined> = {};
  const cameBy = new Map<string, Edge | null>();
  if (Object.hasOwn(scenario.beats, scenario.start)) {
    cameBy.set(scenario.start, null);
    const queue = [scenario.start];
    for (let i = 0; i < queue.length; i++) {
      for (const e of adj.get(queue[i]!) ?? []) {
        if (e.rating !== 'preferred' || cameBy.has(e.to)) continue;
        cameBy.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  for (const o of outcomes) {
    if (!cameBy.has(o)) {
      result[o] = undefined;
      continue;
    }
    const steps: PathStep[] = [];
    for (let e = cameBy.get(o); e; e = cameBy.get(e.from)) {
      steps.unshift({ beat: e.from, choice: e.choice, to: e.to });
    }
    result[o] = steps;
  }
  return result;
}
