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

/**
 * The beat graph with beats numbered in document order and edges held in
 * flat typed arrays (compressed rows): the edges leaving beat `i` are
 * `first[i]` up to `first[i + 1]`, in document order. Destinations naming
 * no beat are left out. Built for whole-graph passes over large scenarios,
 * where per-edge objects and string-keyed maps would dominate the cost.
 */
export interface BeatGraph {
  ids: string[];
  /**
   * Beat number by id: a prototype-less object, not a Map, because V8 looks
   * up keys read from JSON faster in an object.
   */
  index: Record<string, number>;
  /** 1 for an outcome beat. */
  outcome: Uint8Array;
  /** Scene beats' choices, counted once each. */
  choices: number;
  first: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** The index of each edge's choice in its beat's `choices`, or -1 for the timer. */
  choice: Int32Array;
  /** 1 when the edge's choice is rated `preferred`. */
  preferred: Uint8Array;
}

/** Builds the {@link BeatGraph} of a scenario in one pass over its beats. */
export function beatGraph(scenario: Scenario): BeatGraph {
  const builder = new GraphBuilder(scenario.beats);
  const ids = builder.ids;
  for (let i = 0; i < ids.length; i++) {
    const beat = scenario.beats[ids[i]!]!;
    builder.beginBeat(i, isOutcomeBeat(beat));
    if (isOutcomeBeat(beat)) continue;
    const list = beat.choices;
    if (list) {
      builder.choices += list.length;
      for (let c = 0; c < list.length; c++) builder.addDestination(i, list[c]!, c);
    }
    const onTimeout = beat.onTimeout;
    if (onTimeout && beat.timeLimitSec !== undefined) builder.addDestination(i, onTimeout, -1);
  }
  return builder.build();
}

/** The choice (or `@timeout`) an edge of the graph stands for. */
export function edgeChoice(scenario: Scenario, graph: BeatGraph, edge: number): string {
  const c = graph.choice[edge]!;
  const beat = scenario.beats[graph.ids[graph.from[edge]!]!]!;
  return c < 0 || isOutcomeBeat(beat) ? '@timeout' : beat.choices![c]!.id;
}

/**
 * Builds a {@link BeatGraph} beat by beat, in document order: call
 * `beginBeat` for each beat, then add its edges. Also serves a walk that
 * reads the beats for other reasons (the semantic checks), so the document
 * is read once for both.
 */
export class GraphBuilder {
  readonly ids: string[];
  readonly index: Record<string, number>;
  readonly outcome: Uint8Array;
  /** Scene beats' choices, counted once each. */
  choices = 0;
  private readonly first: Int32Array;
  private count = 0;
  private from: Int32Array;
  private to: Int32Array;
  private choice: Int32Array;
  private preferred: Uint8Array;

  constructor(beats: Record<string, unknown>) {
    const ids = Object.keys(beats);
    const n = ids.length;
    const index = Object.create(null) as Record<string, number>;
    for (let i = 0; i < n; i++) index[ids[i]!] = i;
    this.ids = ids;
    this.index = index;
    this.outcome = new Uint8Array(n);
    this.first = new Int32Array(n + 1);
    const capacity = 4 * n;
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.choice = new Int32Array(capacity);
    this.preferred = new Uint8Array(capacity);
  }

  /** Starts the edges of beat `i`; beats must come in order. */
  beginBeat(i: number, outcome: boolean): void {
    this.first[i] = this.count;
    if (outcome) this.outcome[i] = 1;
  }

  /**
   * Adds an edge per target of `dest` that names a beat, in the order of
   * {@link forEachTarget}. `choice` is the choice's index, or -1 for the timer.
   */
  addDestination(from: number, dest: Destination & { rating?: string }, choice: number): void {
    const pref = choice >= 0 && dest.rating === 'preferred';
    const index = this.index;
    const to = dest.to;
    if (typeof to === 'string') this.target(from, index[to], choice, pref);
    const branches = dest.branches;
    const chance = dest.chance;
    const instructor = dest.instructor;
    for (let k = 0; branches && k < branches.length; k++) {
      this.target(from, index[branches[k]!.to], choice, pref);
    }
    for (let k = 0; chance && k < chance.length; k++) {
      this.target(from, index[chance[k]!.to], choice, pref);
    }
    for (let k = 0; instructor && k < instructor.length; k++) {
      this.target(from, index[instructor[k]!.to], choice, pref);
    }
  }

  /** Adds the edge from beat `from` to beat `to` (nothing when `to` names no beat). */
  target(from: number, to: number | undefined, choice: number, pref: boolean): void {
    if (to === undefined) return;
    if (this.count === this.to.length) this.grow();
    const e = this.count++;
    this.from[e] = from;
    this.to[e] = to;
    this.choice[e] = choice;
    this.preferred[e] = pref ? 1 : 0;
  }

  build(): BeatGraph {
    const size = this.count;
    this.first[this.ids.length] = size;
    return {
      ids: this.ids,
      index: this.index,
      outcome: this.outcome,
      choices: this.choices,
      first: this.first,
      from: this.from.subarray(0, size),
      to: this.to.subarray(0, size),
      choice: this.choice.subarray(0, size),
      preferred: this.preferred.subarray(0, size),
    };
  }

  private grow(): void {
    const size = Math.max(16, this.to.length * 2);
    const from = new Int32Array(size);
    const to = new Int32Array(size);
    const choice = new Int32Array(size);
    const preferred = new Uint8Array(size);
    from.set(this.from);
    to.set(this.to);
    choice.set(this.choice);
    preferred.set(this.preferred);
    this.from = from;
    this.to = to;
    this.choice = choice;
    this.preferred = preferred;
  }
}

/**
 * Beats reachable from `starts` by breadth-first search along the graph's
 * edges, or against them when `backwards`: 1 for each beat reached.
 */
export function reachedFrom(graph: BeatGraph, starts: readonly number[], backwards = false) {
  const n = graph.ids.length;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const s of starts) {
    if (seen[s]) continue;
    seen[s] = 1;
    queue[tail++] = s;
  }
  const [first, ends] = backwards ? reverse(graph) : [graph.first, graph.to];
  for (let head = 0; head < tail; head++) {
    const at = queue[head]!;
    for (let e = first[at]!, end = first[at + 1]!; e < end; e++) {
      const next = ends[e]!;
      if (seen[next]) continue;
      seen[next] = 1;
      queue[tail++] = next;
    }
  }
  return seen;
}

/** The graph's edges turned around, as rows of sources by target. */
function reverse(graph: BeatGraph): [Int32Array, Int32Array] {
  const n = graph.ids.length;
  const m = graph.to.length;
  const first = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) first[graph.to[e]! + 1]!++;
  for (let i = 0; i < n; i++) first[i + 1]! += first[i]!;
  const fill = first.slice(0, n);
  const sources = new Int32Array(m);
  for (let e = 0; e < m; e++) sources[fill[graph.to[e]!]!++] = graph.from[e]!;
  return [first, sources];
}
