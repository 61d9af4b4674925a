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
 * Every beat a destination can lead to, with how. A valid destination has one
 * form; a document being edited may hold several, and all are listed.
 */
export function destinationTargets(
  dest: Destination,
): { to: string; via: Edge['via']; index?: number }[] {
  const out: { to: string; via: Edge['via']; index?: number }[] = [];
  if (typeof dest.to === 'string') out.push({ to: dest.to, via: 'to' });
  dest.branches?.forEach((b, index) => out.push({ to: b.to, via: 'branches', index }));
  dest.chance?.forEach((o, index) => out.push({ to: o.to, via: 'chance', index }));
  dest.instructor?.forEach((o, index) => out.push({ to: o.to, via: 'instructor', index }));
  return out;
}

/** All edges of the scenario's beat graph, in document order. */
export function scenarioEdges(scenario: Scenario): Edge[] {
  const edges: Edge[] = [];
  for (const [from, beat] of Object.entries(scenario.beats)) {
    if (isOutcomeBeat(beat)) continue;
    for (const choice of beat.choices ?? []) {
      for (const t of destinationTargets(choice)) {
        const edge: Edge = { from, choice: choice.id, ...t };
        if (choice.rating) edge.rating = choice.rating;
        edges.push(edge);
      }
    }
    if (beat.onTimeout && beat.timeLimitSec !== undefined) {
      for (const t of destinationTargets(beat.onTimeout)) {
        edges.push({ from, choice: '@timeout', ...t });
      }
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
