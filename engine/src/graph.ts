import { isOutcomeBeat, type Destination, type Scenario } from '@defuse/schemas';

/** One way out of a beat: a choice (or the timer) and one of its possible destinations. */
export interface Edge {
  from: string;
  /** Choice id, or '@timeout'. */
  choice: string;
  to: string;
  /** How the destination is picked. */
  via: 'to' | 'branches' | 'chance' | 'instructor';
  /** Index within branches/chance/instructor. */
  index?: number;
  rating?: string;
}

/**
 * Calls `visit` for every beat a destination can lead to, with how. A valid
 * destination has one form; a document being edited may hold several, and
 * all are visited.
 */
export function forEachTarget(
  dest: Destination,
  visit: (to: string, via: Edge['via'], index?: number) => void,
): void {
  if (typeof dest.to === 'string') visit(dest.to, 'to');
  dest.branches?.forEach((b, index) => visit(b.to, 'branches', index));
  dest.chance?.forEach((o, index) => visit(o.to, 'chance', index));
  dest.instructor?.forEach((o, index) => visit(o.to, 'instructor', index));
}

/** Every beat a destination can lead to, with how (see {@link forEachTarget}). */
export function destinationTargets(
  dest: Destination,
): { to: string; via: Edge['via']; index?: number }[] {
  const out: { to: string; via: Edge['via']; index?: number }[] = [];
  forEachTarget(dest, (to, via, index) =>
    out.push(index === undefined ? { to, via } : { to, via, index }),
  );
  return out;
}

/** All edges of the scenario's beat graph, in document order. */
export function scenarioEdges(scenario: Scenario): Edge[] {
  const edges: Edge[] = [];
  for (const from in scenario.beats) {
    const beat = scenario.beats[from]!;
    if (isOutcomeBeat(beat)) continue;
    for (const choice of beat.choices ?? []) {
      forEachTarget(choice, (to, via, index) => {
        const edge: Edge = { from, choice: choice.id, to, via };
        if (index !== undefined) edge.index = index;
        if (choice.rating) edge.rating = choice.rating;
        edges.push(edge);
      });
    }
    if (beat.onTimeout && beat.timeLimitSec !== undefined) {
      forEachTarget(beat.onTimeout, (to, via, index) => {
        const edge: Edge = { from, choice: '@timeout', to, via };
        if (index !== undefined) edge.index = index;
        edges.push(edge);
      });
    }
  }
  return edges;
}

/** Adjacency lists (outgoing edges per beat) of the beat graph. */
export function adjacency(
  scenario: Scenario,
  edges = scenarioEdges(scenario),
): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const id of Object.keys(scenario.beats)) out.set(id, []);
  for (const e of edges) out.get(e.from)?.push(e);
  return out;
}

/** Beats reachable from any of `starts` by breadth-first search, in visiting order. */
export function reachableFrom(
  starts: Iterable<string>,
  next: (id: string) => Iterable<string>,
): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const n of next(queue[i]!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
