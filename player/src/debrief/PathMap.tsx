import { useMemo } from 'react';
import type { Scenario } from '@defuse/schemas';
import { layoutBeatMap, NODE_HEIGHT, NODE_WIDTH } from './path-layout';

interface Props {
  scenario: Scenario;
  /** Beats visited, in order (a beat can appear more than once). */
  path: string[];
}

function shorten(text: string, max = 19): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The trainee's path on the scenario's map of beats: visited beats filled and
 * numbered in order, the ways taken drawn bold, the roads not taken faint.
 */
export function PathMap({ scenario, path }: Props) {
  const map = useMemo(() => layoutBeatMap(scenario), [scenario]);
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const order = new Map<string, number[]>();
  path.forEach((id, i) => order.set(id, [...(order.get(id) ?? []), i + 1]));
  const taken = new Set(path.slice(1).map((to, i) => `${path[i]}\u0000${to}`));
  const titles = path.map((id) => scenario.beats[id]?.title ?? id);

  const edge = (from: string, to: string) => {
    const a = byId.get(from)!;
    const b = byId.get(to)!;
    const x1 = a.x + NODE_WIDTH / 2;
    const y1 = a.y + NODE_HEIGHT;
    const x2 = b.x + NODE_WIDTH / 2;
    const y2 = b.y;
    if (b.layer > a.layer) {
      const mid = (y1 + y2) / 2;
      return `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`;
    }
    // A way back up (or sideways): loop out to the right of both beats.
    const side = Math.max(a.x, b.x) + NODE_WIDTH + 14;
    return `M${a.x + NODE_WIDTH},${a.y + NODE_HEIGHT / 2} C${side},${a.y + NODE_HEIGHT / 2} ${side},${b.y + NODE_HEIGHT / 2} ${b.x + NODE_WIDTH},${b.y + NODE_HEIGHT / 2}`;
  };

  const edges = [...map.edges].sort(
    (a, b) =>
      Number(taken.has(`${a.from}\u0000${a.to}`)) - Number(taken.has(`${b.from}\u0000${b.to}`)),
  );

  return (
    <figure className="path-map">
      <svg
        viewBox={`0 0 ${map.width + 30} ${map.height}`}
        style={{ maxWidth: `${map.width + 30}px` }}
        role="img"
        aria-label={`The path taken: ${titles.join(', then ')}`}
        data-testid="path-map"
      >
        <defs>
          <marker
            id="path-arrow"
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="9"
            markerHeight="9"
            markerUnits="userSpaceOnUse"
            orient="auto"
          >
            <path d="M0,0 L8,4 L0,8 z" className="path-arrow" />
          </marker>
        </defs>
        {edges.map((e) => {
          const on = taken.has(`${e.from}\u0000${e.to}`);
          return (
            <path
              key={`${e.from}-${e.to}`}
              d={edge(e.from, e.to)}
              className={on ? 'path-edge taken' : 'path-edge'}
              markerEnd={on ? 'url(#path-arrow)' : undefined}
            />
          );
        })}
        {map.nodes.map((n) => {
          const visits = order.get(n.id);
          const cls = [
            'path-node',
            n.outcome ? 'outcome' : 'scene',
            visits ? 'visited' : 'not-visited',
          ].join(' ');
          return (
            <g
              key={n.id}
              className={cls}
              data-beat-id={n.id}
              data-visited={visits ? 'true' : 'false'}
            >
              <rect
                x={n.x}
                y={n.y}
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={n.outcome ? NODE_HEIGHT / 2 : 6}
              />
              <text x={n.x + NODE_WIDTH / 2} y={n.y + NODE_HEIGHT / 2 + 4} textAnchor="middle">
                {shorten(n.title)}
              </text>
              {visits && (
                <g className="path-order">
                  <circle cx={n.x + 2} cy={n.y + 2} r={9} />
                  <text x={n.x + 2} y={n.y + 6} textAnchor="middle">
                    {visits.length > 1 ? `${visits[0]}+` : visits[0]}
                  </text>
                </g>
              )}
              <title>{`${n.title}${visits ? ` (step ${visits.join(', ')})` : ' (not visited)'}`}</title>
            </g>
          );
        })}
      </svg>
      <figcaption className="debrief-muted">
        Filled beats were visited, numbered in order; bold lines are the ways taken. Rounded beats
        are outcomes.
      </figcaption>
    </figure>
  );
}
