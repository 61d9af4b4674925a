/**
 * Automatic layered layout (dagre), left to right from the start beat. Only
 * beats get stored positions; fork nodes sit between their source and
 * targets, so the layout leaves room for them between ranks.
 */
import dagre from '@dagrejs/dagre';
import type { Scenario } from '@defuse/schemas';
import type { Point } from '../model/commands';
import { destinationTargets, forEachLeaver } from '../model/references';
import { BEAT_HEIGHT, BEAT_WIDTH } from './graph';

/** Top-left positions for every beat of the document. */
export function layoutScenario(doc: Scenario): Record<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', ranksep: 200, nodesep: 48, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = Object.keys(doc.beats ?? {});
  for (const id of ids) g.setNode(id, { width: BEAT_WIDTH, height: BEAT_HEIGHT });
  forEachLeaver(doc, (from, destination) => {
    for (const t of destinationTargets(destination)) {
      if (t.target !== from.beat && doc.beats[t.target]) g.setEdge(from.beat, t.target);
    }
  });
  dagre.layout(g);
  const positions: Record<string, Point> = {};
  for (const id of ids) {
    const n = g.node(id);
    positions[id] = { x: Math.round(n.x - BEAT_WIDTH / 2), y: Math.round(n.y - BEAT_HEIGHT / 2) };
  }
  return positions;
}
