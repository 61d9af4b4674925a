import type { Scenario } from '@defuse/schemas';
import { formatDiagnostic } from '../../diagnostics';
import { verifyLog } from '../../verify';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadScenario, printFileProblems, readLog } from '../files';
import { fileName, plain } from '../text';

/** `defuse verify`: is a decision log intact and true to its scenario? */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check decision logs: hash chain, scenario digest, replay',
  usage: `defuse verify <log...> --scenario <file>

Checks each decision log: its shape, its hash chain (any edit, deletion or
reordering of events breaks it), that it was recorded against this very
scenario text (digest), and that replaying it with its seed reproduces every
recorded destination and variable. Prints "intact", or the first bad event
(its seq) and why. Without --scenario only the shape and the chain are checked.

Options:
  --scenario FILE   the scenario the logs were recorded with

Exit status: 0 when every log is intact, 1 otherwise.`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scenario: { type: 'string', short: 's' },
    });
    if (positionals.length === 0) throw new UsageError('missing decision log file(s)');
    let scenario: Scenario | undefined;
    if (values.scenario !== undefined) {
      scenario = loadScenario(io, values.scenario);
      if (!scenario) return EXIT_FAILED;
    }
    let failed = false;
    for (const file of positionals) {
      const found = readLog(io, file);
      if (!found.log) {
        printFileProblems(io.out, file, found);
        if (!found.problem) io.out(`${fileName(file)}: not intact: not a readable decision log`);
        failed = true;
        continue;
      }
      const result = verifyLog(scenario, found.log);
      if (result.ok) {
        io.out(`${fileName(file)}: ${result.message}`);
        continue;
      }
      failed = true;
      for (const d of result.diagnostics) io.out(plain(formatDiagnostic(file, d)));
      const where = result.seq !== undefined ? `first bad event is seq ${result.seq}` : 'bad';
      io.out(`${fileName(file)}: not intact: ${where} (${result.problem ?? 'format'})`);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};
