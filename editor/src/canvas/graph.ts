/**
 * The scenario as React Flow nodes and edges: one node per beat (node id =
 * beat id), a small fork node for each `branches`/`chance`/`instructor`
 * destination, and one labelled edge per way out. Pure functions of the
 * document, its diagnostics and the selection; node objects are reused
 * while their beat is unchanged so a 1,000-beat canvas re-renders only what
 * moved.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Beat, Destination, Rating, Scenario, SceneBeat } from '@defuse/schemas';
import type { Diagnostic } from '@defuse/engine';
import type { Point } from '../model/commands';
import { describeCondition } from '../model/describe';
import { placeOf } from '../model/places';
import { destinationTargets, type Leaver } from '../model/references';
import { readPositions } from '../model/positions';
import type { Selection } from '../store/editor-store';

/** Size the layout reserves for a beat node. */
export const BEAT_WIDTH = 240;
export const BEAT_HEIGHT = 104;
/** Side of a fork node. */
export const FORK_SIZE = 30;
/** Edge labels longer than this are cut short on the canvas. */
export const EDGE_LABEL_CHARS = 34;

/** Findings about one place, for its badge. */
export interface Findings {
  errors: number;
  warnings: number;
  /** First message, shown as the badge's title. */
  message: string;
}

export interface BeatNodeData extends Record<string, unknown> {
  beatId: string;
  beat: Beat;
  isStart: boolean;
  findings?: Findings;
  /** Class overlay: how many runs ended here (outcomes) or passed through. */
  count?: number;
}

export type ForkKind = 'branches' | 'chance' | 'instructor';

export interface ForkNodeData extends Record<string, unknown> {
  kind: ForkKind;
  leaver: Leaver;
  findings?: Findings;
}

export interface MissingNodeData extends Record<string, unknown> {
  target: string;
}

export type BeatNode = Node<BeatNodeData, 'scene' | 'outcome'>;
export type ForkNode = Node<ForkNodeData, 'fork'>;
export type MissingNode = Node<MissingNodeData, 'missing'>;
export type CanvasNode = BeatNode | ForkNode | MissingNode;

export interface ChoiceEdgeData extends Record<string, unknown> {
  leaver: Leaver;
  /** Entry index in a fork's list; absent on the edge into a fork or a plain `to`. */
  entry?: number;
  /** True for the fork-to-target half of a fork. */
  fromFork?: boolean;
  rating?: Rating;
  findings?: Findings;
  /** Class overlay: share of runs through the source that took this way (0 to 1). */
  share?: number;
  /** Position among the edges joining the same two nodes, so they can be drawn apart. */
  parallel?: { index: number; count: number };
}
export type ChoiceEdge = Edge<ChoiceEdgeData>;

/**
 * Where a fork sits: a little under half-way from its beat to the nearest
 * target, level with the middle of its targets (or just right of the beat
 * when the targets lie behind it).
 */
export function forkPosition(
  source: Point,
  targets: Point[],
  fork: { index: number; count: number },
): Point {
  const right = source.x + BEAT_WIDTH;
  const ahead = targets.filter((t) => t.x > right + 2 * FORK_SIZE);
  const nearest = ahead.length ? Math.min(...ahead.map((t) => t.x)) : right + 200;
  const meanY = targets.length
    ? targets.reduce((sum, t) => sum + t.y, 0) / targets.length
    : source.y;
  const x = right + Math.max(60, (nearest - right) * 0.45) - FORK_SIZE / 2;
  const spread = (fork.index - (fork.count - 1) / 2) * (FORK_SIZE + 22);
  const y = (source.y * 2 + meanY) / 3 + BEAT_HEIGHT / 2 - FORK_SIZE / 2 + spread;
  return { x: Math.round(x), y: Math.round(y) };
}

/** Stroke colour of a choice edge by its rating. */
export const RATING_COLOURS: Record<Rating | 'none' | 'timeout', string> = {
  preferred: '#2b7a36',
  acceptable: '#1864ab',
  poor: '#b35900',
  unsafe: '#c92a2a',
  none: '#868e96',
  timeout: '#7048e8',
};

/** Diagnostics gathered per beat and per way out. */
export interface FindingsIndex {
  beats: Map<string, Findings>;
  /** Key: `leaverKey(leaver)`. */
  leavers: Map<string, Findings>;
}

/** A stable key for a choice or a timer. */
export function leaverKey(leaver: Leaver): string {
  return 'choice' in leaver
    ? `${leaver.beat}\u0000${leaver.choice}`
    : `${leaver.beat}\u0000@timeout`;
}

function add(map: Map<string, Findings>, key: string, d: Diagnostic): void {
  const f = map.get(key) ?? { errors: 0, warnings: 0, message: '' };
  if (d.severity === 'error') f.errors += 1;
  else if (d.severity === 'warning') f.warnings += 1;
  else return;
  if (f.message === '' || (d.severity === 'error' && f.errors === 1)) f.message = d.message;
  map.set(key, f);
}

/** Sorts diagnostics by the beat, choice or timer they concern. */
export function indexFindings(diagnostics: readonly Diagnostic[], doc: Scenario): FindingsIndex {
  const index: FindingsIndex = { beats: new Map(), leavers: new Map() };
  for (const d of diagnostics) {
    const place = placeOf(d, doc);
    if (place.kind === 'choice') {
      add(index.leavers, leaverKey({ beat: place.beat, choice: place.choice }), d);
    } else if (place.kind === 'timeout') {
      add(index.leavers, leaverKey({ beat: place.beat, timeout: true }), d);
    }
    if (place.kind === 'beat' || place.kind === 'choice' || place.kind === 'timeout') {
      add(index.beats, place.beat, d);
    }
  }
  return index;
}

/** The way out a destination takes: plain `to`, or a fork kind. */
export function forkKindOf(destination: Destination): ForkKind | undefined {
  if (destination.branches) return 'branches';
  if (destination.chance) return 'chance';
  if (destination.instructor) return 'instructor';
  return undefined;
}

function truncate(text: string, max = EDGE_LABEL_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isSelected(selection: Selection, leaver: Leaver): boolean {
  const e = selection.edge;
  if (!e || e.beat !== leaver.beat) return false;
  return 'choice' in e ? 'choice' in leaver && leaver.choice === e.choice : !('choice' in leaver);
}

function entryLabel(destination: Destination, kind: ForkKind, entry: number): string {
  if (kind === 'branches') {
    const branch = destination.branches![entry]!;
    return branch.when ? truncate(describeCondition(branch.when), 32) : 'otherwise';
  }
  if (kind === 'chance') {
    const total = destination.chance!.reduce((sum, o) => sum + (o.weight > 0 ? o.weight : 0), 0);
    const w = destination.chance![entry]!.weight;
    return total > 0 ? `${Math.round((100 * Math.max(w, 0)) / total)}%` : `weight ${w}`;
  }
  const option = destination.instructor![entry]!;
  return truncate(option.label, 28);
}

export interface GraphInput {
  doc: Scenario;
  diagnostics: readonly Diagnostic[];
  selection: Selection;
  overlay?: Overlay;
}

/** Class results laid over the canvas. */
export interface Overlay {
  /** Key: `leaverKey(leaver)`; share of runs at the source beat that took it. */
  edgeShares: Map<string, number>;
  /** Runs that reached each beat (outcome counts on outcome nodes). */
  beatCounts: Map<string, number>;
}

export interface Graph {
  nodes: CanvasNode[];
  edges: ChoiceEdge[];
}

/** Builds graphs, reusing the node and edge objects that did not change. */
export interface GraphBuilder {
  build(input: GraphInput): Graph;
  /**
   * Takes back the node objects the canvas now holds (after React Flow
   * measured or moved them), so the next build reuses them.
   */
  remember(nodes: readonly CanvasNode[]): void;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (k === 'beat' || typeof x !== 'object' || typeof y !== 'object') return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

function sameNode(a: CanvasNode, b: CanvasNode): boolean {
  return (
    a.type === b.type &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    (a.selected ?? false) === (b.selected ?? false) &&
    sameData(a.data, b.data)
  );
}

function edgeSignature(e: ChoiceEdge): string {
  return JSON.stringify([
    e.type,
    e.source,
    e.target,
    e.label,
    e.selected,
    e.style,
    e.labelStyle,
    e.className,
    e.data,
    e.reconnectable,
  ]);
}

/** A graph builder with its own memory of the objects it made. */
export function createGraphBuilder(): GraphBuilder {
  const nodeCache = new Map<string, CanvasNode>();
  // Per scene beat: the beat object and inputs its edges were drawn from.
  const edgeCache = new Map<string, { beat: SceneBeat; key: string; out: BeatEdges }>();
  // The last arrays handed out: returned again when nothing in them changed,
  // so React Flow skips rebuilding its lookups (costly at thousands of edges).
  let lastNodes: CanvasNode[] = [];
  let lastEdges: ChoiceEdge[] = [];
  const same = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

  const reuseNode = (node: CanvasNode): CanvasNode => {
    const old = nodeCache.get(node.id);
    if (old && sameNode(old, node)) return old;
    // Keep the last measured size so React Flow does not hide the node to measure it again.
    const next = old?.measured ? ({ ...node, measured: old.measured } as CanvasNode) : node;
    nodeCache.set(node.id, next);
    return next;
  };

  return {
    build(input) {
      const ctx = contextOf(input);
      const { doc } = input;
      const selectedBeats = new Set(input.selection.beats);
      const nodes: CanvasNode[] = [];
      const edges: ChoiceEdge[] = [];
      const perBeat: [string, BeatEdges][] = [];
      for (const [id, beat] of Object.entries(doc.beats ?? {})) {
        nodes.push(reuseNode(beatNode(id, beat, doc, ctx, selectedBeats)));
        if (beat.kind === 'outcome') continue;
        const key = edgeInputsKey(id, beat, ctx);
        const cached = edgeCache.get(id);
        if (cached && cached.beat === beat && cached.key === key) {
          perBeat.push([id, cached.out]);
          continue;
        }
        const out = beatEdges(id, beat, ctx);
        // Edges and forks that came out the same keep their old objects.
        if (cached) {
          const oldEdges = new Map(cached.out.edges.map((e) => [e.id, e]));
          out.edges = out.edges.map((e) => {
            const old = oldEdges.get(e.id);
            return old && edgeSignature(old) === edgeSignature(e) ? old : e;
          });
        }
        edgeCache.set(id, { beat, key, out });
        perBeat.push([id, out]);
      }
      for (const [, out] of perBeat) {
        for (const fork of out.forks) nodes.push(reuseNode(fork));
        edges.push(...out.edges);
      }
      for (const node of missingNodes(perBeat, ctx.positions)) nodes.push(reuseNode(node));
      if (nodeCache.size > nodes.length) {
        const live = new Set(nodes.map((n) => n.id));
        for (const id of nodeCache.keys()) if (!live.has(id)) nodeCache.delete(id);
      }
      if (edgeCache.size > perBeat.length) {
        const live = new Set(perBeat.map(([id]) => id));
        for (const id of edgeCache.keys()) if (!live.has(id)) edgeCache.delete(id);
      }
      if (!same(nodes, lastNodes)) lastNodes = nodes;
      if (!same(edges, lastEdges)) lastEdges = edges;
      return { nodes: lastNodes, edges: lastEdges };
    },
    remember(nodes) {
      for (const node of nodes) nodeCache.set(node.id, node);
      lastNodes = nodes as CanvasNode[];
    },
  };
}

/** What the edges of one beat depend on besides the beat itself. */
interface EdgeContext {
  doc: Scenario;
  findings: FindingsIndex;
  selection: Selection;
  overlay?: Overlay;
  positions: Map<string, Point>;
}

/** The edges and fork nodes leaving one scene beat, and the missing beats they name. */
interface BeatEdges {
  edges: ChoiceEdge[];
  forks: ForkNode[];
  missing: string[];
}

function leaversOf(id: string, beat: SceneBeat): LeaverView[] {
  const leavers: LeaverView[] = (beat.choices ?? []).map((choice, i) => ({
    leaver: { beat: id, choice: choice.id },
    destination: choice,
    label: truncate(choice.label ?? choice.id),
    ...(choice.rating ? { rating: choice.rating } : {}),
    index: String(i),
  }));
  if (beat.onTimeout) {
    leavers.push({
      leaver: { beat: id, timeout: true },
      destination: beat.onTimeout,
      label: `after ${beat.timeLimitSec ?? '?'} s`,
      index: 'timeout',
    });
  }
  return leavers;
}

interface LeaverView {
  leaver: Leaver;
  destination: Destination;
  label: string;
  rating?: Rating;
  index: string;
}

/**
 * A short text that changes whenever anything the beat's edges are drawn
 * from changes, apart from the beat object itself.
 */
function edgeInputsKey(id: string, beat: SceneBeat, ctx: EdgeContext): string {
  const at = ctx.positions.get(id)!;
  const parts: string[] = [`${at.x},${at.y}`];
  for (const { leaver, destination } of leaversOf(id, beat)) {
    const key = leaverKey(leaver);
    const f = ctx.findings.leavers.get(key);
    parts.push(f ? `${f.errors}/${f.warnings}/${f.message}` : '-');
    parts.push(isSelected(ctx.selection, leaver) ? 's' : '');
    const share = ctx.overlay?.edgeShares.get(key);
    parts.push(share === undefined ? '' : String(share));
    const fork = forkKindOf(destination) !== undefined;
    for (const t of destinationTargets(destination)) {
      const p = ctx.positions.get(t.target);
      parts.push(!p ? `?${t.target}` : fork ? `${p.x},${p.y}` : '+');
    }
  }
  return parts.join('|');
}

/** The edges and forks of one scene beat, new objects throughout. */
function beatEdges(id: string, beat: SceneBeat, ctx: EdgeContext): BeatEdges {
  const { findings, selection, overlay, positions } = ctx;
  const edges: ChoiceEdge[] = [];
  const forks: ForkNode[] = [];
  const missing: string[] = [];
  const source = positions.get(id)!;
  const targetOf = (to: string): string => {
    if (positions.has(to)) return to;
    if (!missing.includes(to)) missing.push(to);
    return `missing|${to}`;
  };
  const leavers = leaversOf(id, beat);
  const forkCount = leavers.filter((l) => forkKindOf(l.destination)).length;
  let forkIndex = 0;
  for (const { leaver, destination, label, rating, index } of leavers) {
    const isTimeout = !('choice' in leaver);
    const colour = isTimeout ? RATING_COLOURS.timeout : RATING_COLOURS[rating ?? 'none'];
    const f = findings.leavers.get(leaverKey(leaver));
    const selected = isSelected(selection, leaver);
    const share = overlay?.edgeShares.get(leaverKey(leaver));
    const kind = forkKindOf(destination);
    const style = {
      stroke: f?.errors ? '#e03131' : colour,
      strokeWidth: share !== undefined ? 1.5 + 6 * share : selected ? 3 : 2,
      ...(isTimeout ? { strokeDasharray: '6 4' } : {}),
    };
    const shownLabel =
      (f?.errors ? '⚠ ' : '') +
      label +
      (share !== undefined ? ` · ${Math.round(share * 100)}%` : '');
    const common = {
      type: 'choice',
      selected,
      style,
      label: shownLabel,
      labelStyle: { fill: f?.errors ? '#c92a2a' : '#212529', fontSize: 12, fontWeight: 500 },
      labelBgStyle: { fill: '#ffffff', fillOpacity: 0.92 },
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
      markerEnd: { type: 'arrowclosed' as const, color: style.stroke, width: 16, height: 16 },
      className: `choice-edge${isTimeout ? ' timeout-edge' : ''}${f?.errors ? ' has-error' : ''}`,
    };
    const data: ChoiceEdgeData = {
      leaver,
      ...(rating ? { rating } : {}),
      ...(f ? { findings: f } : {}),
      ...(share !== undefined ? { share } : {}),
    };
    if (!kind) {
      if (typeof destination.to !== 'string') continue;
      edges.push({
        id: `edge|${id}|${index}`,
        source: id,
        target: targetOf(destination.to),
        reconnectable: 'target',
        ...common,
        data,
      });
      continue;
    }
    const forkId = `fork|${id}|${index}`;
    const list = (destination[kind] ?? []) as { to: string }[];
    const targets = list.map((e) => positions.get(e.to)).filter((p): p is Point => !!p);
    forks.push({
      id: forkId,
      type: 'fork',
      position: forkPosition(source, targets, { index: forkIndex++, count: forkCount }),
      selected,
      draggable: false,
      data: { kind, leaver, ...(f ? { findings: f } : {}) },
    });
    edges.push({
      id: `edge|${id}|${index}`,
      source: id,
      target: forkId,
      reconnectable: false,
      ...common,
      data,
    });
    list.forEach((entry, e) => {
      edges.push({
        id: `edge|${id}|${index}|${e}`,
        source: forkId,
        target: targetOf(entry.to),
        reconnectable: 'target',
        ...common,
        label: entryLabel(destination, kind, e),
        labelStyle: { ...common.labelStyle, fontWeight: 400, fill: '#495057' },
        style: { ...style, strokeWidth: Math.max(1.5, style.strokeWidth - 0.5) },
        data: { ...data, entry: e, fromFork: true },
      });
    });
  }

  // Edges joining the same two nodes are drawn apart (all of them leave this beat or its forks).
  const groups = new Map<string, ChoiceEdge[]>();
  for (const e of edges) {
    const key = `${e.source}\u0000${e.target}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.forEach((e, index) => {
      e.data = { ...e.data!, parallel: { index, count: group.length } };
    });
  }
  return { edges, forks, missing };
}

function beatPositions(doc: Scenario): Map<string, Point> {
  const stored = readPositions(doc);
  const positions = new Map<string, Point>();
  Object.keys(doc.beats ?? {}).forEach((id, i) => {
    positions.set(id, stored[id] ?? { x: (i % 8) * 320, y: Math.floor(i / 8) * 180 });
  });
  return positions;
}

function beatNode(
  id: string,
  beat: Beat,
  doc: Scenario,
  ctx: EdgeContext,
  selectedBeats: Set<string>,
): BeatNode {
  const f = ctx.findings.beats.get(id);
  const count = ctx.overlay?.beatCounts.get(id);
  return {
    id,
    type: beat.kind === 'outcome' ? 'outcome' : 'scene',
    position: ctx.positions.get(id)!,
    selected: selectedBeats.has(id),
    width: BEAT_WIDTH,
    data: {
      beatId: id,
      beat,
      isStart: doc.start === id,
      ...(f ? { findings: f } : {}),
      ...(count !== undefined ? { count } : {}),
    },
  };
}

/** Placeholder nodes for destinations that name no beat, near their first source. */
function missingNodes(
  perBeat: [string, BeatEdges][],
  positions: Map<string, Point>,
): MissingNode[] {
  const placed = new Map<string, Point>();
  for (const [id, { missing }] of perBeat) {
    const source = positions.get(id)!;
    for (const target of missing) {
      if (!placed.has(target)) {
        placed.set(target, { x: source.x + BEAT_WIDTH + 220, y: source.y + 40 * placed.size });
      }
    }
  }
  return [...placed].map(([target, position]) => ({
    id: `missing|${target}`,
    type: 'missing',
    position,
    draggable: false,
    selectable: false,
    data: { target },
  }));
}

/** Everything a build needs, from its input. */
function contextOf({ doc, diagnostics, selection, overlay }: GraphInput): EdgeContext {
  return {
    doc,
    findings: indexFindings(diagnostics, doc),
    selection,
    ...(overlay ? { overlay } : {}),
    positions: beatPositions(doc),
  };
}

/** The graph, with new objects throughout. */
export function buildFresh(input: GraphInput): Graph {
  const ctx = contextOf(input);
  const { doc } = input;
  const selectedBeats = new Set(input.selection.beats);
  const nodes: CanvasNode[] = [];
  const edges: ChoiceEdge[] = [];
  const perBeat: [string, BeatEdges][] = [];
  for (const [id, beat] of Object.entries(doc.beats ?? {})) {
    nodes.push(beatNode(id, beat, doc, ctx, selectedBeats));
    if (beat.kind === 'outcome') continue;
    const out = beatEdges(id, beat, ctx);
    perBeat.push([id, out]);
  }
  for (const [, out] of perBeat) {
    nodes.push(...out.forks);
    edges.push(...out.edges);
  }
  nodes.push(...missingNodes(perBeat, ctx.positions));
  return { nodes, edges };
}
