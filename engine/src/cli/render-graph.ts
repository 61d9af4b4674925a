import {
  isOutcomeBeat,
  type Destination,
  type OutcomeResult,
  type Rating,
  type Scenario,
} from '@defuse/schemas';
import { conditionText, oneLine, truncate } from './text';

/** A box in the drawn graph: the start marker, a beat, an outcome, or a fork. */
interface GraphNode {
  key: string;
  kind: 'start' | 'scene' | 'outcome' | 'fork';
  /** Lines of the node's label. */
  label: string[];
  result?: OutcomeResult;
}

/** An arrow in the drawn graph. */
interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** Timer arrows are dashed. */
  timer: boolean;
  rating?: Rating;
}

interface GraphModel {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** How edges are labelled: the choice's words (cut to fit) or its id. */
export interface GraphOptions {
  ids?: boolean;
}

const LABEL_MAX = 40;
const START = '@start';

/**
 * The beat graph as boxes and arrows: one node per beat, outcome beats
 * marked, and a fork node (diamond) wherever a choice or timer leads to
 * `branches`, `chance` or `instructor` destinations.
 */
function graphModel(scenario: Scenario, options: GraphOptions): GraphModel {
  const nodes: GraphNode[] = [{ key: START, kind: 'start', label: ['start'] }];
  const edges: GraphEdge[] = [{ from: START, to: scenario.start, label: '', timer: false }];
  let forks = 0;

  const leave = (
    from: string,
    label: string,
    dest: Destination,
    timer: boolean,
    rating?: Rating,
  ) => {
    const withRating = (e: GraphEdge) => (rating ? { ...e, rating } : e);
    if (dest.to !== undefined) {
      edges.push(withRating({ from, to: dest.to, label, timer }));
      return;
    }
    const fork = `@fork${forks++}`;
    edges.push(withRating({ from, to: fork, label, timer }));
    if (dest.branches) {
      nodes.push({ key: fork, kind: 'fork', label: ['branches'] });
      for (const b of dest.branches) {
        const when = b.when ? `if ${conditionText(b.when)}` : 'otherwise';
        edges.push({ from: fork, to: b.to, label: truncate(oneLine(when), LABEL_MAX), timer });
      }
    } else if (dest.chance) {
      nodes.push({ key: fork, kind: 'fork', label: ['chance'] });
      const total = dest.chance.reduce((sum, o) => sum + o.weight, 0);
      for (const o of dest.chance) {
        edges.push({ from: fork, to: o.to, label: percent(o.weight, total), timer });
      }
    } else if (dest.instructor) {
      nodes.push({ key: fork, kind: 'fork', label: ['INSTRUCTOR'] });
      for (const o of dest.instructor) {
        edges.push({ from: fork, to: o.to, label: truncate(oneLine(o.label), LABEL_MAX), timer });
      }
    }
  };

  for (const [id, beat] of Object.entries(scenario.beats)) {
    const title = truncate(oneLine(beat.title), LABEL_MAX);
    if (isOutcomeBeat(beat)) {
      nodes.push({
        key: id,
        kind: 'outcome',
        label: [title, `${id} · ${beat.outcome.result}`],
        result: beat.outcome.result,
      });
      continue;
    }
    nodes.push({ key: id, kind: 'scene', label: [title, id] });
    for (const choice of beat.choices ?? []) {
      const label = options.ids ? choice.id : truncate(oneLine(choice.label), LABEL_MAX);
      leave(id, label, choice, false, choice.rating);
    }
    if (beat.timeLimitSec !== undefined && beat.onTimeout) {
      leave(id, `timeout ${beat.timeLimitSec} s`, beat.onTimeout, true);
    }
  }
  return { title: oneLine(scenario.title), nodes, edges };
}

function percent(weight: number, total: number): string {
  const p = total > 0 ? (weight / total) * 100 : 0;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

const RATING_COLOURS: Record<Rating, string> = {
  preferred: '#2e7d32',
  acceptable: '#1565c0',
  poor: '#ef6c00',
  unsafe: '#c62828',
};

const HARMFUL: ReadonlySet<OutcomeResult> = new Set(['force-used', 'injury']);

// ---------------------------------------------------------------------------
// Mermaid

/** Mermaid node ids: beat slugs never hold "_", so mapping "-" to "_" keeps them apart. */
function mermaidId(key: string): string {
  if (key === START) return 's0';
  if (key.startsWith('@fork')) return `f${key.slice(5)}`;
  return `b_${key.replace(/-/g, '_')}`;
}

/** Text inside a quoted Mermaid label, with its special characters as entity codes. */
function mermaidText(text: string): string {
  return text.replace(/[#"<>&`|]/g, (c) => `#${c.codePointAt(0)};`);
}

/** The scenario as a Mermaid flowchart. */
export function toMermaid(scenario: Scenario, options: GraphOptions = {}): string {
  const model = graphModel(scenario, options);
  const lines = ['---', `title: ${JSON.stringify(model.title)}`, '---', 'flowchart TD'];
  const classes: Record<string, string[]> = { start: [], outcome: [], harmful: [], fork: [] };
  for (const n of model.nodes) {
    const id = mermaidId(n.key);
    const label = `"${n.label.map(mermaidText).join('<br/>')}"`;
    if (n.kind === 'start') {
      lines.push(`  ${id}((${label}))`);
      classes.start!.push(id);
    } else if (n.kind === 'outcome') {
      lines.push(`  ${id}([${label}])`);
      classes[n.result && HARMFUL.has(n.result) ? 'harmful' : 'outcome']!.push(id);
    } else if (n.kind === 'fork') {
      lines.push(`  ${id}{${label}}`);
      classes.fork!.push(id);
    } else {
      lines.push(`  ${id}[${label}]`);
    }
  }
  const styled = new Map<string, number[]>();
  model.edges.forEach((e, i) => {
    const arrow = e.timer ? '-.->' : '-->';
    const label = e.label ? `|"${mermaidText(e.label)}"|` : '';
    lines.push(`  ${mermaidId(e.from)} ${arrow}${label} ${mermaidId(e.to)}`);
    if (e.rating) styled.set(e.rating, [...(styled.get(e.rating) ?? []), i]);
  });
  lines.push(
    '  classDef start fill:#424242,stroke:#424242,color:#fff',
    '  classDef outcome fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px',
    '  classDef harmful fill:#ffebee,stroke:#c62828,stroke-width:2px',
    '  classDef fork fill:#fff8e1,stroke:#f9a825',
  );
  for (const [name, ids] of Object.entries(classes)) {
    if (ids.length) lines.push(`  class ${ids.join(',')} ${name}`);
  }
  for (const [rating, indexes] of styled) {
    const colour = RATING_COLOURS[rating as Rating];
    lines.push(`  linkStyle ${indexes.join(',')} stroke:${colour},color:${colour}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Graphviz dot

/** A double-quoted DOT string. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The scenario as a Graphviz digraph. */
export function toDot(scenario: Scenario, options: GraphOptions = {}): string {
  const model = graphModel(scenario, options);
  const lines = [
    `digraph ${dotString(scenario.id)} {`,
    `  graph [label=${dotString(model.title)}, labelloc=t, rankdir=TB, fontname="Helvetica"];`,
    '  node [shape=box, style="rounded", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const n of model.nodes) {
    const attrs = [`label=${dotString(n.label.join('\n'))}`];
    if (n.kind === 'start') {
      attrs.push('shape=circle', 'style=filled', 'fillcolor="#424242"', 'fontcolor=white');
    } else if (n.kind === 'outcome') {
      const harmful = n.result !== undefined && HARMFUL.has(n.result);
      attrs.push(
        'peripheries=2',
        'style="rounded,filled"',
        `fillcolor="${harmful ? '#ffebee' : '#e8f5e9'}"`,
        `color="${harmful ? '#c62828' : '#2e7d32'}"`,
      );
    } else if (n.kind === 'fork') {
      attrs.push('shape=diamond', 'style=filled', 'fillcolor="#fff8e1"', 'fontsize=10');
    }
    lines.push(`  ${dotString(n.key)} [${attrs.join(', ')}];`);
  }
  for (const e of model.edges) {
    const attrs: string[] = [];
    if (e.label) attrs.push(`label=${dotString(e.label)}`);
    if (e.timer) attrs.push('style=dashed');
    if (e.rating) {
      const colour = RATING_COLOURS[e.rating];
      attrs.push(`color="${colour}"`, `fontcolor="${colour}"`);
    }
    const tail = attrs.length ? ` [${attrs.join(', ')}]` : '';
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${tail};`);
  }
  lines.push('}');
  return lines.join('\n');
}
