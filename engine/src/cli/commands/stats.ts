import type { DecisionLog, Scenario } from '@defuse/schemas';
import { classStats, type ClassStats } from '../../class-stats';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadScenario, printFileProblems, readLog } from '../files';
import { count, fileName, oneLine, outcomeText, plain, seconds, table, truncate } from '../text';

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * The class view as lines of text: outcomes, beat by beat, trouble spots,
 * missed cues, then the logs given twice and those left out. `files` are the
 * file names of the logs, in the order the logs were given to `classStats`.
 */
export function statsLines(
  scenario: Scenario,
  stats: ClassStats,
  files: readonly string[],
): string[] {
  const lines = [
    `${oneLine(scenario.title)} (${scenario.id} ${scenario.version})`,
    `${count(stats.runs, 'run')} counted, ${stats.completed} finished` +
      (stats.duplicates.length ? `, ${stats.duplicates.length} given more than once` : '') +
      (stats.excluded.length ? `, ${stats.excluded.length} left out (see the end)` : ''),
    '',
    'Outcomes',
    ...table(
      ['outcome', 'title', 'result', 'runs', 'share'],
      stats.outcomes.map((o) => [
        o.beat,
        truncate(oneLine(o.title), 40),
        outcomeText(o.outcome),
        String(o.runs),
        percent(o.share),
      ]),
    ).map((l) => `  ${l}`),
  ];
  if (stats.runs > stats.completed) lines.push(`  not finished: ${stats.runs - stats.completed}`);
  lines.push('', 'Beats (share of the trainees who reached the beat that took each choice)');
  for (const b of stats.beats) {
    if (b.runs === 0) continue;
    const t = b.decisionTime;
    const time = t
      ? `decision time median ${seconds(t.median)}, middle half ${seconds(t.q1)}–${seconds(t.q3)}, range ${seconds(t.min)}–${seconds(t.max)}`
      : 'no decision time (only timeouts)';
    lines.push(
      '',
      `${b.beat} "${truncate(oneLine(b.title), 50)}" (${b.cdm ?? 'no CDM step'}), ${count(b.runs, 'trainee')}`,
    );
    lines.push(`  ${time}`);
    lines.push(
      ...table(
        ['choice', 'rating', 'trainees', 'share'],
        b.choices.map((c) => [c.choice, c.rating ?? '', String(c.runs), percent(c.share)]),
      ).map((l) => `  ${l}`),
    );
  }
  lines.push('');
  if (stats.troubleBeats.length) {
    const worst = stats.troubleBeats.map((id) => {
      const b = stats.beats.find((x) => x.beat === id)!;
      return `${id} (${percent(b.poorOrUnsafeShare)})`;
    });
    lines.push(`Most chose a poor or unsafe option at: ${worst.join(', ')}`);
  } else {
    lines.push('Most chose a poor or unsafe option at: no beat');
  }
  const slow = stats.slowestBeats.slice(0, 3).map((id) => {
    const b = stats.beats.find((x) => x.beat === id)!;
    return `${id} (median ${seconds(b.decisionTime!.median)})`;
  });
  lines.push(`Longest to decide: ${slow.length ? slow.join(', ') : 'no decisions'}`);
  if (stats.missedCues.length) {
    lines.push('Cues most often missed:');
    for (const c of stats.missedCues.slice(0, 5)) {
      lines.push(
        `  ${c.cue.id} "${truncate(oneLine(c.cue.text), 60)}": missed by ${c.missed} of ${c.shown} (${percent(c.share)})`,
      );
    }
  } else {
    lines.push('Cues most often missed: none missed');
  }
  if (stats.duplicates.length) {
    lines.push('', 'Given more than once, counted once:');
    for (const d of stats.duplicates) {
      lines.push(
        `  session ${oneLine(d.sessionId)} (trainee ${oneLine(d.trainee)}): ${d.copies} copies`,
      );
    }
  }
  if (stats.excluded.length) {
    lines.push('', 'Left out:');
    for (const e of stats.excluded) {
      const file = e.index !== undefined ? files[e.index] : undefined;
      lines.push(
        `  ${plain(file ?? e.sessionId)} (trainee ${oneLine(e.trainee)}): ${oneLine(e.reason)}`,
      );
    }
  }
  return lines;
}

/** `defuse stats`: the class view of many decision logs of one scenario. */
export const statsCommand: Command = {
  name: 'stats',
  summary: 'Class view of many decision logs of one scenario (table or --json)',
  usage: `defuse stats <log...> --scenario <file> [--json]

Sums up decision logs of one scenario, as the debrief's class view does:
outcome counts; per beat, the share of the trainees who reached it that took
each choice (and let the timer run out), with the median, middle half and
range of their decision times; the beats where most chose a poor or unsafe
option; the beats that took longest to decide; and the cues most often
missed. Logs of another scenario or version, or that do not verify, are left
out and listed with the reason. A session counts once: the same log given
twice is counted once; different logs with one session id are a conflict,
left out and listed, none of them counted.

Options:
  --scenario FILE   the scenario the logs were recorded with (required)
  --json            print the figures as JSON instead of a table

Exit status: 0 when every log was counted, 1 when a log could not be read
or was left out (the figures of the others are still printed).`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scenario: { type: 'string', short: 's' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('missing decision log file(s)');
    if (values.scenario === undefined) throw new UsageError('missing --scenario <file>');
    const scenario = loadScenario(io, values.scenario);
    if (!scenario) return EXIT_FAILED;
    const logs: DecisionLog[] = [];
    const files: string[] = [];
    let unreadable = 0;
    for (const file of positionals) {
      const found = readLog(io, file);
      if (!found.log) {
        printFileProblems(io.err, file, found);
        if (!found.problem) io.err(`${fileName(file)}: left out: not a readable decision log`);
        unreadable++;
        continue;
      }
      logs.push(found.log);
      files.push(file);
    }
    const stats = classStats(scenario, logs);
    if (values.json) {
      io.out(JSON.stringify(stats, null, 2));
    } else {
      for (const line of statsLines(scenario, stats, files)) io.out(line);
    }
    return unreadable || stats.excluded.length ? EXIT_FAILED : EXIT_OK;
  },
};
