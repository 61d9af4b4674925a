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

/** Top-left positions for every beat of the document. */
export function layoutScenario(doc: Scenario): Record<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: 70, nodesep: 36, edgesep: 16, marginx: 40, marginy: 40 });
  const ids = Object.keys(doc.beats ?? {});
  for (const id of ids) g.setNode(id, { width: BEAT_WIDTH, height: BEAT_HEIGHT });
  let n = 0;
  forEachLeaver(doc, (from, destination) => {
    const label = 'choice' in from ? (destination as { label?: string }).label : 'after 10 s';
    const targets = destinationTargets(destination).filter((t) => doc.beats[t.target]);
    const kind = forkKindOf(destination);
    if (!kind) {
      for (const t of targets) g.setEdge(from.beat, t.target, labelBox(label), `e${n++}`);
      return;
    }
    const fork = `\u0000fork${n++}`;
    g.setNode(fork, { width: FORK_SIZE, height: FORK_SIZE });
    g.setEdge(from.beat, fork, labelBox(label), `e${n++}`);
    for (const t of targets) g.setEdge(fork, t.target, labelBox('otherwise'), `e${n++}`);
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
