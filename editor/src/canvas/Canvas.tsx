/**
 * The scenario graph on a React Flow canvas. The document store is the
 * source of truth; React Flow holds the nodes only while they are dragged
 * or measured. A drag becomes one `moveBeats` command when it ends.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  getViewportForBounds,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnReconnect,
  type OnNodeDrag,
} from '@xyflow/react';
import { useEditor, useEditorStore } from '../store/context';
import { useUi } from '../store/ui-context';
import type { Point } from '../model/commands';
import { readPositions } from '../model/positions';
import type { Leaver } from '../model/references';
import type { Selection } from '../store/editor-store';
import { branchToNewBeat, connectBeats } from '../actions';
import {
  BEAT_HEIGHT,
  BEAT_WIDTH,
  createGraphBuilder,
  RATING_COLOURS,
  type CanvasNode,
  type ChoiceEdge,
  type ForkNode,
} from './graph';
import { nodeTypes } from './nodes';
import { edgeTypes } from './ChoiceEdgeView';
import { useLowDetail } from './detail';
import { OverlayControl } from '../overlay/OverlayControl';
import { EmptyCanvas } from './EmptyCanvas';

/** Below this zoom a whole-graph view is not readable; the start beat is framed instead. */
const READABLE_ZOOM = 0.5;

/** Above this many beats only what is on screen is rendered. */
const VISIBLE_ONLY_FROM = 150;

function isBeatNode(node: CanvasNode): boolean {
  return node.type === 'scene' || node.type === 'outcome';
}

function sameSelection(a: Selection, b: Selection): boolean {
  if (a.beats.length !== b.beats.length || a.beats.some((id, i) => b.beats[i] !== id)) return false;
  return JSON.stringify(a.edge ?? null) === JSON.stringify(b.edge ?? null);
}

function minimapColour(node: CanvasNode): string {
  if (node.type === 'outcome') return '#f08c00';
  if (node.type === 'fork') return '#adb5bd';
  if (node.type === 'missing') return '#e03131';
  return '#4263eb';
}

/**
 * Dots behind the graph, left out when zoomed far out: there they are a
 * grey haze a pixel apart, costly to paint on every frame of a pan.
 */
function CanvasBackground() {
  const low = useLowDetail();
  if (low) return null;
  return <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#ced4da" />;
}

export function Canvas() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const diagnostics = useEditor((s) => s.validation.diagnostics);
  const selection = useEditor((s) => s.selection);
  const focus = useEditor((s) => s.focus);
  const overlay = useUi((s) => s.overlay);
  const flow = useReactFlow<CanvasNode, ChoiceEdge>();

  const builder = useMemo(createGraphBuilder, []);
  const graph = useMemo(
    () => builder.build({ doc, diagnostics, selection, ...(overlay ? { overlay } : {}) }),
    [builder, doc, diagnostics, selection, overlay],
  );

  // React Flow's own copy of the nodes, reset whenever the document changes.
  const [nodes, setNodes] = useState(graph.nodes);
  const [shownGraph, setShownGraph] = useState(graph);
  if (shownGraph !== graph) {
    setShownGraph(graph);
    setNodes(graph.nodes);
  }
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const next = applyNodeChanges(changes, nodesRef.current);
      nodesRef.current = next;
      builder.remember(next);
      setNodes(next);
      if (!changes.some((c) => c.type === 'select')) return;
      const beats = next.filter((n) => n.selected && isBeatNode(n)).map((n) => n.id);
      const fork = next.find((n): n is ForkNode => !!n.selected && n.type === 'fork');
      const current = store.getState().selection;
      const wanted: Selection = fork ? { beats, edge: fork.data.leaver } : { beats };
      if (!sameSelection(current, wanted)) store.getState().select(wanted);
    },
    [builder, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ChoiceEdge>[]) => {
      const chosen = changes.find((c) => c.type === 'select' && c.selected);
      if (!chosen || chosen.type !== 'select') {
        const current = store.getState().selection;
        const forkSelected = nodesRef.current.some((n) => n.selected && n.type === 'fork');
        if (
          current.edge &&
          !forkSelected &&
          changes.some((c) => c.type === 'select' && !c.selected)
        ) {
          store.getState().select({ beats: current.beats });
        }
        return;
      }
      const edge = graph.edges.find((e) => e.id === chosen.id);
      const leaver: Leaver | undefined = edge?.data?.leaver;
      if (leaver) store.getState().select({ beats: [], edge: leaver });
    },
    [graph, store],
  );

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, _node, dragged) => {
      const stored = readPositions(store.getState().doc);
      const moved: Record<string, Point> = {};
      for (const n of dragged) {
        if (!isBeatNode(n)) continue;
        const p = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
        const was = stored[n.id];
        if (!was || was.x !== p.x || was.y !== p.y) moved[n.id] = p;
      }
      if (Object.keys(moved).length > 0)
        store.getState().dispatch({ type: 'moveBeats', positions: moved });
    },
    [store],
  );

  const isValidConnection: IsValidConnection<ChoiceEdge> = useCallback(
    (c) => {
      const beats = store.getState().doc.beats;
      return !!beats[c.target] && (!!beats[c.source] || c.source.startsWith('fork|'));
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const beats = store.getState().doc.beats;
      if (beats[c.source] && beats[c.target]) connectBeats(store, c.source, c.target);
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      if (state.fromNode.type !== 'scene') return;
      if (state.fromHandle?.type !== 'source') return;
      const target = event.target as Element | null;
      if (!target?.closest('.react-flow__pane')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const p = flow.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      branchToNewBeat(store, state.fromNode.id, {
        x: Math.round(p.x),
        y: Math.round(p.y - BEAT_HEIGHT / 2),
      });
    },
    [flow, store],
  );

  const onReconnect: OnReconnect<ChoiceEdge> = useCallback(
    (edge, c) => {
      const leaver = edge.data?.leaver;
      if (!leaver || !store.getState().doc.beats[c.target] || c.target === edge.target) return;
      store.getState().dispatch({
        type: 'reconnect',
        beatId: leaver.beat,
        leaver: 'choice' in leaver ? { choice: leaver.choice } : { timeout: true },
        ...(edge.data?.entry !== undefined ? { entry: edge.data.entry } : {}),
        to: c.target,
      });
    },
    [store],
  );

  // Frame a newly opened document: all of it when it fits at a readable
  // size, otherwise its start beat.
  const opened = useEditor((s) => s.opened);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const { doc: current } = store.getState();
      const positions = readPositions(current);
      const points = Object.keys(current.beats)
        .map((id) => positions[id])
        .filter((p): p is Point => !!p);
      const box = container.current;
      if (points.length === 0 || !box) return;
      const bounds = {
        x: Math.min(...points.map((p) => p.x)),
        y: Math.min(...points.map((p) => p.y)),
        width:
          Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x)) + BEAT_WIDTH,
        height:
          Math.max(...points.map((p) => p.y)) - Math.min(...points.map((p) => p.y)) + BEAT_HEIGHT,
      };
      const fit = getViewportForBounds(bounds, box.clientWidth, box.clientHeight, 0.05, 1, 0.12);
      const start = positions[current.start];
      if (fit.zoom >= READABLE_ZOOM || !start) {
        void flow.setViewport(fit);
        return;
      }
      const zoom = 0.8;
      void flow.setViewport({
        x: 60 - start.x * zoom,
        y: box.clientHeight / 2 - (start.y + BEAT_HEIGHT / 2) * zoom,
        zoom,
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [opened, flow, store]);

  // Bring a revealed place into view.
  useEffect(() => {
    if (!focus) return;
    const place = focus.place;
    const beat = 'beat' in place ? place.beat : undefined;
    if (!beat) return;
    const p = readPositions(store.getState().doc)[beat];
    if (p) {
      void flow.setCenter(p.x + BEAT_WIDTH / 2, p.y + BEAT_HEIGHT / 2, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
    }
  }, [focus, flow, store]);

  const beatCount = Object.keys(doc.beats).length;
  const big = beatCount >= VISIBLE_ONLY_FROM;
  const low = useLowDetail();

  return (
    <div
      className={`canvas${low ? ' is-low-detail' : ''}`}
      aria-label="Scenario graph"
      ref={container}
    >
      <ReactFlow<CanvasNode, ChoiceEdge>
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        isValidConnection={isValidConnection}
        connectionLineType={ConnectionLineType.Bezier}
        connectionLineStyle={{ stroke: RATING_COLOURS.none, strokeWidth: 2 }}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements={big}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        elevateEdgesOnSelect
      >
        <CanvasBackground />
        <MiniMap<CanvasNode>
          style={{ width: 168, height: 112 }}
          pannable
          zoomable
          nodeColor={minimapColour}
          nodeStrokeWidth={0}
          maskColor="rgba(240, 242, 245, 0.7)"
          ariaLabel="Overview of the whole graph"
        />
        <Controls showInteractive={false} aria-label="Zoom and fit" />
        <OverlayControl />
      </ReactFlow>
      {beatCount === 0 && <EmptyCanvas container={() => container.current} />}
    </div>
  );
}
