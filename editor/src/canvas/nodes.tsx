/**
 * Canvas nodes. Scene beats are cards with their CDM step, timer and
 * findings; outcome beats are coloured by result and have no way out; fork
 * nodes are small markers where a choice splits by condition, chance or
 * the instructor's pick. Every text from the scenario is rendered as text.
 *
 * Zoomed out too far to read (see `useLowDetail`), beats are plain blocks
 * in their CDM or result colour with an error outline, and forks plain
 * markers: no visible text, badges or handles to paint. The handles stay
 * in place, hidden, so edges keep their ends; the title stays for screen
 * readers.
 */
import { memo } from 'react';
import { Handle, Position, useConnection, type NodeProps } from '@xyflow/react';
import type { OutcomeBeat, SceneBeat } from '@defuse/schemas';
import type { BeatNode, ForkNode, MissingNode, Findings } from './graph';
import { CDM_WORDS, RESULT_WORDS, FORCE_WORDS } from '../words';
import { useLowDetail } from './detail';

/** A small clock (drawn, so it shows whatever fonts the machine has). */
export function ClockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path
        d="M8 9V6.2M8 9l2 1.4M6.5 2h3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}

function FindingsBadge({ findings }: { findings?: Findings }) {
  if (!findings) return null;
  if (findings.errors > 0) {
    return (
      <span className="badge badge-error" title={findings.message}>
        <span aria-hidden="true">⚠</span> {findings.errors}
        <span className="sr-only"> error{findings.errors === 1 ? '' : 's'}</span>
      </span>
    );
  }
  return (
    <span className="badge badge-warning" title={findings.message}>
      <span aria-hidden="true">!</span> {findings.warnings}
      <span className="sr-only"> warning{findings.warnings === 1 ? '' : 's'}</span>
    </span>
  );
}

/**
 * The way into a beat. While a choice is being dragged from another beat,
 * it covers the whole node, so dropping anywhere on the beat connects.
 */
function TargetHandle({ beatId }: { beatId: string }) {
  const catching = useConnection((c) => c.inProgress && c.fromNode.id !== beatId);
  return (
    <Handle
      type="target"
      position={Position.Left}
      className={`handle handle-in${catching ? ' handle-catch' : ''}`}
    />
  );
}

/** Class names a beat shares at every level of detail. */
function beatClasses(kind: 'scene' | 'outcome', data: BeatNode['data'], selected: boolean): string {
  return `beat-node ${kind}-node${selected ? ' is-selected' : ''}${data.findings?.errors ? ' has-error' : ''}`;
}

/** A beat zoomed far out: a coloured block, its title for screen readers only. */
function BeatBlock({
  kind,
  data,
  selected,
  title,
}: {
  kind: 'scene' | 'outcome';
  data: BeatNode['data'];
  selected: boolean;
  title: string;
}) {
  const beat = data.beat;
  const colour =
    beat.kind === 'outcome'
      ? { 'data-result': beat.outcome?.result ?? 'none' }
      : { 'data-cdm': beat.cdm ?? 'none' };
  return (
    <div
      className={`${beatClasses(kind, data, selected)} is-block${data.isStart ? ' is-start' : ''}`}
      data-beat-id={data.beatId}
      {...colour}
    >
      <Handle type="target" position={Position.Left} className="handle handle-in" />
      <span className="sr-only">
        {title}
        {data.findings?.errors
          ? ` (${data.findings.errors} error${data.findings.errors === 1 ? '' : 's'})`
          : ''}
      </span>
      {kind === 'scene' && (
        <Handle type="source" position={Position.Right} className="handle handle-out" />
      )}
    </div>
  );
}

function SceneNodeView({ data, selected }: NodeProps<BeatNode>) {
  const low = useLowDetail();
  const beat = data.beat as SceneBeat;
  const choices = beat.choices?.length ?? 0;
  const cdm = beat.cdm;
  if (low) {
    return (
      <BeatBlock
        kind="scene"
        data={data}
        selected={selected}
        title={beat.title || 'Untitled beat'}
      />
    );
  }
  return (
    <div
      className={beatClasses('scene', data, selected)}
      data-beat-id={data.beatId}
      data-cdm={cdm ?? 'none'}
    >
      <TargetHandle beatId={data.beatId} />
      <div className="node-head">
        {data.isStart && <span className="badge badge-start">Start</span>}
        <span className="node-cdm">{cdm ? CDM_WORDS[cdm] : 'No CDM step'}</span>
        <span className="node-head-right">
          {beat.timeLimitSec !== undefined && (
            <span className="badge badge-timer" title="Time limit">
              <ClockIcon /> {beat.timeLimitSec} s
            </span>
          )}
          <FindingsBadge findings={data.findings} />
        </span>
      </div>
      <div className="node-title">{beat.title || <em className="muted">Untitled beat</em>}</div>
      <div className="node-foot">
        <span className="node-id">{data.beatId}</span>
        <span>
          {choices} choice{choices === 1 ? '' : 's'}
          {data.count !== undefined && <span className="overlay-count"> · {data.count} runs</span>}
        </span>
      </div>
      <Handle type="source" position={Position.Right} className="handle handle-out" />
    </div>
  );
}

function OutcomeNodeView({ data, selected }: NodeProps<BeatNode>) {
  const low = useLowDetail();
  const beat = data.beat as OutcomeBeat;
  const result = beat.outcome?.result;
  const force = beat.outcome?.force;
  const injury = beat.outcome?.officerInjury || beat.outcome?.subjectInjury;
  if (low) {
    return (
      <BeatBlock
        kind="outcome"
        data={data}
        selected={selected}
        title={beat.title || 'Untitled outcome'}
      />
    );
  }
  return (
    <div
      className={beatClasses('outcome', data, selected)}
      data-beat-id={data.beatId}
      data-result={result ?? 'none'}
    >
      <TargetHandle beatId={data.beatId} />
      <div className="node-head">
        {data.isStart && <span className="badge badge-start">Start</span>}
        <span className="node-kind">
          <span aria-hidden="true">⚑</span> Outcome
        </span>
        <span className="node-head-right">
          <FindingsBadge findings={data.findings} />
        </span>
      </div>
      <div className="node-title">{beat.title || <em className="muted">Untitled outcome</em>}</div>
      <div className="node-foot">
        <span className="result-chip">{result ? RESULT_WORDS[result] : 'no result'}</span>
        <span>
          {force ? FORCE_WORDS[force] : ''}
          {injury ? ' · injury' : ''}
          {data.count !== undefined && <span className="overlay-count"> · {data.count} runs</span>}
        </span>
      </div>
    </div>
  );
}

const FORK_SYMBOLS = { branches: '?', chance: '%', instructor: '☰' } as const;
const FORK_WORDS = {
  branches: 'Branches by condition',
  chance: 'Chance draw',
  instructor: "Instructor's pick",
} as const;

function ForkNodeView({ data, selected }: NodeProps<ForkNode>) {
  const low = useLowDetail();
  return (
    <div
      className={`fork-node fork-${data.kind}${selected ? ' is-selected' : ''}${data.findings?.errors ? ' has-error' : ''}${low ? ' is-block' : ''}`}
      title={FORK_WORDS[data.kind]}
    >
      <Handle
        type="target"
        position={Position.Left}
        className="handle handle-fork"
        isConnectable={false}
      />
      {!low && <span aria-hidden="true">{FORK_SYMBOLS[data.kind]}</span>}
      <span className="sr-only">{FORK_WORDS[data.kind]}</span>
      <Handle
        type="source"
        position={Position.Right}
        className="handle handle-fork"
        isConnectable={false}
      />
    </div>
  );
}

function MissingNodeView({ data }: NodeProps<MissingNode>) {
  return (
    <div className="missing-node" title="A choice leads to a beat that does not exist">
      <Handle
        type="target"
        position={Position.Left}
        className="handle handle-in"
        isConnectable={false}
      />
      <span aria-hidden="true">⚠</span> No beat “{data.target}”
    </div>
  );
}

/** Node components by type, for React Flow's `nodeTypes`. */
export const nodeTypes = {
  scene: memo(SceneNodeView),
  outcome: memo(OutcomeNodeView),
  fork: memo(ForkNodeView),
  missing: memo(MissingNodeView),
};
