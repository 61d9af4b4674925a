import { hasErrors } from '../../diagnostics';
import type { Analysis } from '../../types';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { printFileProblems, readScenario } from '../files';
import { count, fileName } from '../text';
import { summaryLine } from './validate';

/** The counts line of an analysed scenario: beats, outcomes, choices, paths. */
export function countsText(counts: Analysis['counts']): string {
  const paths = `${counts.pathsCapped ? 'at least ' : ''}${count(counts.paths, 'path')}`;
  return (
    `${count(counts.beats, 'beat')} (${count(counts.sceneBeats, 'scene')}, ` +
    `${count(counts.outcomes, 'outcome')}), ${count(counts.choices, 'choice')}, ` +
    `${paths} from start to an outcome${counts.hasCycles ? ', with cycles' : ''}`
  );
}

/** `defuse lint`: validation plus the analysis of the beat graph. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Validate, then analyse the beat graph (reachability, traps, counts)',
  usage: `defuse lint [--strict] <file...>

Everything "validate" checks, and then an analysis of each valid scenario:
beats no path reaches (warning), beats from which no outcome can be reached
(error), beats whose choices may all be hidden with no timer (warning), images
without alt text (warning), outcomes never reached (warning). Prints a counts
line: beats, outcomes, choices and distinct paths from the start to an outcome.

Options:
  --strict   warnings fail too

Exit status: 0 when no file has an error (nor, with --strict, a warning), 1 otherwise.`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { strict: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('missing scenario file(s)');
    let failed = false;
    for (const file of positionals) {
      const found = readScenario(io, file, { analyse: true });
      const analysis = found.analysis;
      const diagnostics = [...found.diagnostics, ...(analysis?.diagnostics ?? [])];
      printFileProblems(io.out, file, { ...found, diagnostics });
      if (found.problem) {
        failed = true;
        continue;
      }
      if (analysis) io.out(`${fileName(file)}: ${countsText(analysis.counts)}`);
      io.out(summaryLine(file, diagnostics));
      const warned = diagnostics.some((d) => d.severity === 'warning');
      if (hasErrors(diagnostics) || (values.strict && warned)) failed = true;
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};
