/**
 * A choice edge: a bezier curve with its label, bent apart from the other
 * edges between the same two nodes so parallel choices stay readable. The
 * label sits nearer the source, where the choice is taken. Zoomed out too
 * far to read, the label is left out.
 */
import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import type { ChoiceEdge } from './graph';
import { useLowDetail } from './detail';

/** Control-point spread between parallel edges, in canvas pixels. */
const PARALLEL_SPREAD = 48;

/** The cubic curve of an edge: start, two control points, end. */
export function edgeCurve(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  offset: number,
): [number, number, number, number, number, number, number, number] {
  const backwards = tx < sx;
  const dx = backwards ? Math.max(120, (sx - tx) * 0.35) : Math.max(50, (tx - sx) * 0.5);
  return [sx, sy, sx + dx, sy + offset, tx - dx, ty + offset, tx, ty];
}

/** A point of a cubic curve at `t` (0 to 1). */
export function pointAt(curve: ReturnType<typeof edgeCurve>, t: number): { x: number; y: number } {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = curve;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * x0 + b * x1 + c * x2 + d * x3, y: a * y0 + b * y1 + c * y2 + d * y3 };
}

function ChoiceEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  label,
  labelStyle,
  labelBgStyle,
  labelBgPadding,
  labelBgBorderRadius,
  style,
  markerEnd,
  interactionWidth,
}: EdgeProps<ChoiceEdge>) {
  const low = useLowDetail();
  const parallel = data?.parallel;
  const offset = parallel ? (parallel.index - (parallel.count - 1) / 2) * PARALLEL_SPREAD : 0;
  const curve = edgeCurve(sourceX, sourceY, targetX, targetY, offset);
  const [x0, y0, x1, y1, x2, y2, x3, y3] = curve;
  const path = `M${x0},${y0} C${x1},${y1} ${x2},${y2} ${x3},${y3}`;
  if (low) {
    return (
      <BaseEdge
        id={id}
        path={path}
        {...(style ? { style } : {})}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={interactionWidth ?? 16}
      />
    );
  }
  const at = pointAt(curve, data?.fromFork ? 0.55 : 0.4);
  return (
    <BaseEdge
      id={id}
      path={path}
      labelX={at.x}
      labelY={at.y}
      label={label}
      {...(labelStyle ? { labelStyle } : {})}
      labelShowBg
      {...(labelBgStyle ? { labelBgStyle } : {})}
      {...(labelBgPadding ? { labelBgPadding } : {})}
      {...(labelBgBorderRadius !== undefined ? { labelBgBorderRadius } : {})}
      {...(style ? { style } : {})}
      {...(markerEnd ? { markerEnd } : {})}
      interactionWidth={interactionWidth ?? 16}
    />
  );
}

/** Edge components by type, for React Flow's `edgeTypes`. */
export const edgeTypes = { choice: memo(ChoiceEdgeView) };
