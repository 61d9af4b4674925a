/**
 * A class's decision logs laid over the canvas: the share of trainees that
 * took each way out of a beat, and how many runs reached each beat and
 * outcome. The counting is the engine's (`classStats`, the debrief's own
 * aggregation); this module only maps it onto edges and nodes.
 */
import { classStats, parseLog, TIMEOUT_CHOICE, type ClassStats } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { leaverKey, type Overlay } from '../canvas/graph';

/** The overlay with a line that says what it shows. */
export interface ClassOverlay extends Overlay {
  title: string;
  stats: ClassStats;
}

/** Logs read from files, and the files that were not logs. */
export interface ReadLogs {
  logs: DecisionLog[];
  refused: { file: string; reason: string }[];
}

/** Reads decision-log files; a file that is not a log is set aside with the reason. */
export function readLogs(files: { name: string; text: string }[]): ReadLogs {
  const out: ReadLogs = { logs: [], refused: [] };
  for (const file of files) {
    const { log, diagnostics } = parseLog(file.text);
    if (log) out.logs.push(log);
    else
      out.refused.push({
        file: file.name,
        reason: diagnostics[0]?.message ?? 'not a decision log',
      });
  }
  return out;
}

/** The overlay of a class's logs on a document. */
export function classOverlay(doc: Scenario, logs: readonly DecisionLog[]): ClassOverlay {
  // The engine's digest leaves out the `x-editor` layout, so logs of the file
  // as shipped count for the same text laid out here.
  const stats = classStats(doc, logs);
  const edgeShares = new Map<string, number>();
  const beatCounts = new Map<string, number>();
  for (const beat of stats.beats) {
    beatCounts.set(beat.beat, beat.runs);
    for (const c of beat.choices) {
      const leaver =
        c.choice === TIMEOUT_CHOICE
          ? { beat: beat.beat, timeout: true as const }
          : { beat: beat.beat, choice: c.choice };
      edgeShares.set(leaverKey(leaver), c.share);
    }
  }
  for (const o of stats.outcomes) beatCounts.set(o.beat, o.runs);
  const left = stats.excluded.length;
  const title =
    `${stats.runs} run${stats.runs === 1 ? '' : 's'} · ${stats.completed} finished` +
    (left ? ` · ${left} log${left === 1 ? '' : 's'} left out` : '');
  return { edgeShares, beatCounts, title, stats };
}
