import type { Vars } from '@defuse/schemas';
import { clockTime } from './format';

export interface ChartVariable {
  name: string;
  label: string;
  min: number;
  max: number;
}

export interface ChartPoint {
  at: number;
  vars: Vars;
}

export interface ChartDecision {
  seq: number;
  at: number;
  /** Short text for the marker's tooltip: the beat and the choice. */
  label: string;
  /** Step number shown above the marker. */
  step: number;
}

interface Props {
  variables: ChartVariable[];
  /** Variable values after each event, in time order (the first is the start). */
  points: ChartPoint[];
  decisions: ChartDecision[];
}

const WIDTH = 640;
const STRIP = 100;
const TOP = 22;
const LEFT = 34;
const RIGHT = 12;
const BOTTOM = 22;
const COLOURS = ['#b3261e', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f'];

/**
 * Each number variable as a step line over the drill's time (values change
 * only at events), one strip per variable, with every decision marked and
 * numbered so the line reads against the timeline.
 */
export function VariablesChart({ variables, points, decisions }: Props) {
  if (variables.length === 0 || points.length === 0) {
    return <p className="debrief-muted">This scenario has no number variables to chart.</p>;
  }
  const end = Math.max(1, ...points.map((p) => p.at), ...decisions.map((d) => d.at));
  const height = TOP + variables.length * STRIP + BOTTOM;
  const x = (at: number) => LEFT + (at / end) * (WIDTH - LEFT - RIGHT);
  const summary = variables
    .map((v) => {
      const first = points[0]!.vars[v.name];
      const last = points[points.length - 1]!.vars[v.name];
      return `${v.label} from ${String(first)} to ${String(last)}`;
    })
    .join('; ');

  return (
    <figure className="debrief-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Variables over ${decisions.length} decisions: ${summary}`}
        data-testid="variables-chart"
      >
        {decisions.map((d) => (
          <g key={d.seq} className="debrief-chart-decision" data-seq={d.seq}>
            <line x1={x(d.at)} x2={x(d.at)} y1={TOP - 4} y2={height - BOTTOM} />
            <text x={x(d.at)} y={TOP - 8} textAnchor="middle">
              {d.step}
            </text>
            <title>{`${d.step}. ${d.label} (${clockTime(d.at)})`}</title>
          </g>
        ))}
        {variables.map((v, i) => {
          const top = TOP + i * STRIP + 14;
          const bottom = TOP + (i + 1) * STRIP - 14;
          const span = v.max - v.min || 1;
          const y = (value: number) => bottom - ((value - v.min) / span) * (bottom - top);
          const colour = COLOURS[i % COLOURS.length]!;
          let d = '';
          let lastY: number | undefined;
          const dots: { cx: number; cy: number; value: number }[] = [];
          for (const p of points) {
            const value = p.vars[v.name];
            if (typeof value !== 'number') continue;
            const px = x(p.at);
            const py = y(value);
            d += lastY === undefined ? `M${px},${py}` : `H${px}V${py}`;
            lastY = py;
            dots.push({ cx: px, cy: py, value });
          }
          if (lastY !== undefined) d += `H${x(end)}`;
          return (
            <g key={v.name} data-variable={v.name}>
              <line
                className="debrief-chart-axis"
                x1={LEFT}
                x2={WIDTH - RIGHT}
                y1={bottom}
                y2={bottom}
              />
              <line className="debrief-chart-grid" x1={LEFT} x2={WIDTH - RIGHT} y1={top} y2={top} />
              <text className="debrief-chart-tick" x={LEFT - 6} y={top + 4} textAnchor="end">
                {v.max}
              </text>
              <text className="debrief-chart-tick" x={LEFT - 6} y={bottom + 4} textAnchor="end">
                {v.min}
              </text>
              <text className="debrief-chart-label" x={LEFT + 6} y={top + 12} fill={colour}>
                {v.label}
              </text>
              <path d={d} fill="none" stroke={colour} strokeWidth={2.5} />
              {dots.map((dot, k) => (
                <circle key={k} cx={dot.cx} cy={dot.cy} r={3.5} fill={colour}>
                  <title>{`${v.label}: ${dot.value}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <text className="debrief-chart-tick" x={LEFT} y={height - 6}>
          0:00
        </text>
        <text className="debrief-chart-tick" x={WIDTH - RIGHT} y={height - 6} textAnchor="end">
          {clockTime(end)}
        </text>
      </svg>
      <figcaption className="debrief-muted">
        Numbered marks are the decisions, as on the timeline. {summary}.
      </figcaption>
    </figure>
  );
}
