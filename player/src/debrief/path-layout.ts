import { scenarioEdges } from '@defuse/engine';
import { isOutcomeBeat, type Scenario } from '@defuse/schemas';

export interface MapNode {
  id: string;
  title: string;
  outcome: boolean;
  layer: number;
  x: number;
  y: number;
}

export interface MapEdge {
  from: string;
  to: string;
}

export interface BeatMap {
  nodes: MapNode[];
  edges: MapEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 132;
export const NODE_HEIGHT = 34;
const GAP_X = 16;
const GAP_Y = 30;
const MARGIN = 8;

/** Every (from, to) pair of beats some choice or timer can lead along, once each. */
export function beatEdges(scenario: Scenario): MapEdge[] {
  const seen = new Set<string>();
  const edges: MapEdge[] = [];
  for (const { from, to } of scenarioEdges(scenario)) {
    const key = `${from}\u0000${to}`;
    if (seen.has(key) || !scenario.beats[to]) continue;
    seen.add(key);
    edges.push({ from, to });
  }
  return edges;
}

/**
 * A compact layered layout of the beat graph, top to bottom: each beat on the
 * row of its shortest distance from the start, outcomes on the last row,
 * and each row ordered by where its beats are entered from to keep lines short.
 * `layer` of a node is its visual row: a layer wider than `maxPerRow` wraps.
 */
export function layoutBeatMap(scenario: Scenario, maxPerRow = 6): BeatMap {
  const edges = beatEdges(scenario);
  const next = new Map<string, string[]>();
  const prev = new Map<string, string[]>();
  for (const id of Object.keys(scenario.beats)) {
    next.set(id, []);
    prev.set(id, []);
  }
  for (const e of edges) {
    next.get(e.from)!.push(e.to);
    prev.get(e.to)!.push(e.from);
  }
  const depth = new Map<string, number>([[scenario.start, 0]]);
  const queue = [scenario.start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const n of next.get(id) ?? []) {
      if (!depth.has(n)) {
        depth.set(n, depth.get(id)! + 1);
        queue.push(n);
      }
    }
  }
  // Outcomes share the row below the deepest scene beat; unreachable beats go below them.
  let deepestScene = 0;
  for (const [id, d] of depth) {
    if (!isOutcomeBeat(scenario.beats[id]!)) deepestScene = Math.max(deepestScene, d);
  }
  const outcomeRow = deepestScene + 1;
  const ids = Object.keys(scenario.beats);
  const layerOf = (id: string): number => {
    if (!depth.has(id)) return outcomeRow + 1;
    return isOutcomeBeat(scenario.beats[id]!) ? outcomeRow : depth.get(id)!;
  };
  const layers: string[][] = [];
  for (const id of ids) {
    const layer = layerOf(id);
    (layers[layer] ??= []).push(id);
  }
  const position = new Map<string, number>();
  const rows: string[][] = [];
  for (const [layer, members] of layers.entries()) {
    if (!members) continue;
    if (layer > 0) {
      // Order by where each beat is entered from, to keep lines short.
      const centre = (id: string) => {
        const from = (prev.get(id) ?? []).filter((p) => position.has(p));
        if (from.length === 0) return Number.POSITIVE_INFINITY;
        return from.reduce((sum, p) => sum + position.get(p)!, 0) / from.length;
      };
      const keyed = members.map((id, i) => ({ id, key: centre(id), i }));
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      members.splice(0, members.length, ...keyed.map((k) => k.id));
    }
    // A wide layer (ten outcomes, say) wraps onto several rows so the map stays readable.
    for (let i = 0; i < members.length; i += maxPerRow) {
      const row = members.slice(i, i + maxPerRow);
      row.forEach((id, k) => position.set(id, k - (row.length - 1) / 2));
      rows.push(row);
    }
  }
  const widest = Math.max(1, ...rows.map((row) => row.length));
  const width = widest * NODE_WIDTH + (widest - 1) * GAP_X + MARGIN * 2;
  const nodes: MapNode[] = [];
  rows.forEach((row, r) => {
    row.forEach((id) => {
      const beat = scenario.beats[id]!;
      nodes.push({
        id,
        title: beat.title,
        outcome: isOutcomeBeat(beat),
        layer: r,
        x: width / 2 + position.get(id)! * (NODE_WIDTH + GAP_X) - NODE_WIDTH / 2,
        y: MARGIN + r * (NODE_HEIGHT + GAP_Y),
      });
    });
  });
  const height = MARGIN * 2 + rows.length * (NODE_HEIGHT + GAP_Y) - GAP_Y;
  return { nodes, edges, width, height };
}
