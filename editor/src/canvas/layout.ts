/**
 * Automatic layered layout (dagre), left to right from the start beat.
 * Fork nodes and edge labels take part in the layout so there is room for
 * them, but only beat positions are kept: forks are placed between their
 * source and targets when the canvas is drawn.
 */
import dagre from '@dagrejs/dagre';
import type { Scenario } from '@defuse/schemas';
import type { Point } from '../model/commands';
import { destinationTargets, forEachLeaver } from '../model/references';
import { BEAT_HEIGHT, BEAT_WIDTH, EDGE_LABEL_CHARS, FORK_SIZE, forkKindOf } from './graph';

const CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 22;

function labelBox(text: string | undefined): { width: number; height: number } {
  const chars = Math.min(EDGE_LABEL_CHARS, text?.length ?? 0);
  return chars === 0
    ? { width: 0, height: 0 }
    : { width: chars * CHAR_WIDTH + 14, height: LABEL_HEIGHT };
}

/**
 * Above this many beats dagre takes seconds to minutes (it measured ~3 s at
 * 150 generated beats and over 100 s at 1,000), so larger graphs get a
 * single-pass layered placement instead.
 */
export const DAGRE_MAX_BEATS = 150;

/** Top-left positions for every beat of the document. */
export function layoutScenario(doc: Scenario): Record<string, Point> {
  const count = Object.keys(doc.beats ?? {}).length;
  return count > DAGRE_MAX_BEATS ? layeredPlacement(doc) : dagreLayout(doc);
}

/** Up to this many beats, a document opened without positions is laid out by dagre at once. */
export const DAGRE_ON_OPEN_MAX_BEATS = 60;

/**
 * Positions for a document opened without any: dagre when that is quick,
 * the linear placement otherwise (Auto layout can refine it later).
 */
export function openingLayout(doc: Scenario): Record<string, Point> {
  const count = Object.keys(doc.beats ?? {}).length;
  return count > DAGRE_ON_OPEN_MAX_BEATS ? layeredPlacement(doc) : dagreLayout(doc);
}

/** Beats each beat leads to, in document order. */
function successors(doc: Scenario): Map<string, string[]> {
  const next = new Map<string, string[]>();
  forEachLeaver(doc, (from, destination) => {
    const list = next.get(from.beat) ?? [];
    for (const t of destinationTargets(destination)) {
      if (doc.beats[t.target] && t.target !== from.beat) list.push(t.target);
    }
    next.set(from.beat, list);
  });
  return next;
}

/**
 * Layers by breadth-first distance from the start (unreached beats start
 * layers of their own), ordered within a layer by where their parents sit:
 * linear time, for graphs too big for dagre.
 */
export function layeredPlacement(doc: Scenario): Record<string, Point> {
  const ids = Object.keys(doc.beats ?? {});
  const next = successors(doc);
  const rank = new Map<string, number>();
  const parents = new Map<string, string[]>();
  const roots = [doc.start, ...ids].filter((id) => doc.beats[id]);
  for (const root of roots) {
    if (rank.has(root)) continue;
    rank.set(root, 0);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      for (const child of next.get(id) ?? []) {
        if (!rank.has(child)) {
          rank.set(child, rank.get(id)! + 1);
          queue.push(child);
        }
        const list = parents.get(child) ?? [];
        list.push(id);
        parents.set(child, list);
      }
    }
  }
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id)!] ??= []).push(id);
  const slot = new Map<string, number>();
  const positions: Record<string, Point> = {};
  const rowHeight = BEAT_HEIGHT + 48;
  layers.forEach((layer, r) => {
    const weight = (id: string): number => {
      const placed = (parents.get(id) ?? []).filter((p) => slot.has(p) && rank.get(p)! < r);
      return placed.length
        ? placed.reduce((sum, p) => sum + slot.get(p)!, 0) / placed.length
        : Infinity;
    };
    const ordered = layer
      .map((id, i) => ({ id, w: weight(id), i }))
      .sort((a, b) => a.w - b.w || a.i - b.i);
    const top = -((ordered.length - 1) * rowHeight) / 2;
    ordered.forEach(({ id }, i) => {
      slot.set(id, i - (ordered.length - 1) / 2);
      positions[id] = { x: 40 + r * (BEAT_WIDTH + 280), y: Math.round(top + i * rowHeight) };
    });
  });
  return positions;
}

/** Dagre's layered layout with room for forks and edge labels. */
function dagreLayout(doc: Scenario): Record<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', ranksep: 70, nodesep: 36, edgesep: 16, marginx: 40, marginy: 40 });
  const ids = Object.keys(doc.beats ?? {});
  for (const id of ids) g.setNode(id, { width: BEAT_WIDTH, height: BEAT_HEIGHT });
  // Parallel edges share one layout edge, as wide as its widest label.
  const edge = (from: string, to: string, label: { width: number; height: number }) => {
    const old = g.edge(from, to) as { width: number; height: number } | undefined;
    g.setEdge(from, to, old && old.width > label.width ? old : label);
  };
  let n = 0;
  forEachLeaver(doc, (from, destination) => {
    const label = 'choice' in from ? (destination as { label?: string }).label : 'after 10 s';
    const targets = destinationTargets(destination).filter((t) => doc.beats[t.target]);
    const kind = forkKindOf(destination);
    if (!kind) {
      for (const t of targets)
        if (t.target !== from.beat) edge(from.beat, t.target, labelBox(label));
      return;
    }
    const fork = `\u0000fork${n++}`;
    g.setNode(fork, { width: FORK_SIZE, height: FORK_SIZE });
    edge(from.beat, fork, labelBox(label));
    for (const t of targets) edge(fork, t.target, labelBox('otherwise'));
  });
  dagre.layout(g);
  const positions: Record<string, Point> = {};
  for (const id of ids) {
    const node = g.node(id);
    positions[id] = {
      x: Math.round(node.x - BEAT_WIDTH / 2),
      y: Math.round(node.y - BEAT_HEIGHT / 2),
    };
  }
  return positions;
}
