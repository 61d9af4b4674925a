import { isOutcomeBeat, type DecisionLog, type Scenario } from '@defuse/schemas';
import { replayLog } from '../../replay';
import type { TimelineEntry } from '../../types';
import { verifyLog } from '../../verify';
import { expectPositionals, parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadLog, loadScenario } from '../files';
import { clockTime, oneLine, outcomeText, seconds, table, truncate } from '../text';

/** One timeline entry as a row of the replay table. */
function row(t: TimelineEntry): string[] {
  const decision = t.type === 'choice' || t.type === 'timeout';
  return [
    String(t.seq),
    clockTime(t.at),
    t.beat,
    t.type === 'choice' ? (t.choice ?? '') : `(${t.type})`,
    t.rating ?? '',
    t.technique ?? '',
    t.cdm ?? '',
    decision && t.latencyMs !== undefined ? seconds(t.latencyMs) : '',
    t.chosenBy ?? '',
    t.to ?? '',
  ].map(oneLine);
}

/** The replay of a log as lines: header, timeline table, path, outcome, notes. */
export function replayLines(scenario: Scenario, log: DecisionLog): string[] {
  const replay = replayLog(scenario, log);
  const trainee = log.trainee.name ? `${log.trainee.id} (${log.trainee.name})` : log.trainee.id;
  const lines = [
    `${oneLine(scenario.title)} (${scenario.id} ${log.scenario.version})`,
    `Trainee ${oneLine(trainee)}, ${log.mode} mode, seed ${log.seed}, started ${oneLine(log.startedAt)}`,
    '',
    ...table(
      [
        'seq',
        'time',
        'beat',
        'choice',
        'rating',
        'technique',
        'CDM',
        'decision time',
        'chosen by',
        'to',
      ],
      replay.timeline.map(row),
    ),
    '',
    `Path: ${replay.path.join(' → ')}`,
  ];
  const last = replay.path.at(-1);
  const end = last !== undefined ? scenario.beats[last] : undefined;
  if (replay.outcome && end && isOutcomeBeat(end)) {
    lines.push(`Outcome: ${last} "${oneLine(end.title)}": ${outcomeText(replay.outcome)}`);
  } else {
    lines.push(`Outcome: none yet: the drill stopped at "${last ?? scenario.start}"`);
  }
  const notes = log.annotations ?? [];
  if (notes.length) {
    lines.push('', 'Notes:');
    for (const n of notes) {
      const author = n.author ? `${oneLine(n.author)}: ` : '';
      lines.push(`  seq ${n.seq}: ${author}${truncate(oneLine(n.text), 200)}`);
    }
  }
  return lines;
}

/** `defuse replay`: a decision log as a debrief timeline. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'Show a decision log as a timeline table, then its outcome',
  usage: `defuse replay <log> --scenario <file> [--force]

Verifies the log, then replays it against the scenario and prints one row per
event: seq, time since the start, beat, choice, rating, technique, CDM step,
decision time, who chose (trainee, timer, chance, instructor) and where it
led; then the path and the outcome.

A log that does not verify is not replayed, so it is never attributed to
another version of the scenario; --force shows it anyway, under a warning
(the exit status stays 1).

Options:
  --scenario FILE   the scenario the log was recorded with (required)
  --force           replay a log that does not verify`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scenario: { type: 'string', short: 's' },
      force: { type: 'boolean' },
    });
    expectPositionals(positionals, ['decision log file']);
    if (values.scenario === undefined) throw new UsageError('missing --scenario <file>');
    const scenario = loadScenario(io, values.scenario);
    if (!scenario) return EXIT_FAILED;
    const file = positionals[0]!;
    const log = loadLog(io, file);
    if (!log) return EXIT_FAILED;
    const check = verifyLog(scenario, log);
    if (!check.ok) {
      const where = check.seq !== undefined ? ` (first bad event: seq ${check.seq})` : '';
      if (!values.force) {
        io.err(`defuse replay: cannot replay ${oneLine(file)}: ${oneLine(check.message)}${where}`);
        io.err('Use --force to show it anyway.');
        return EXIT_FAILED;
      }
      io.out(`WARNING: this log does not verify: ${oneLine(check.message)}${where}`);
      io.out('');
    }
    try {
      for (const line of replayLines(scenario, log)) io.out(line);
    } catch (error) {
      // Only a forced replay of a broken log can fail here.
      const why = error instanceof Error ? error.message : String(error);
      io.err(`defuse replay: the replay stopped: ${oneLine(why)}`);
      return EXIT_FAILED;
    }
    return check.ok ? EXIT_OK : EXIT_FAILED;
  },
};
