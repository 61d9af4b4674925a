import { hasErrors } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { printFileProblems, readScenario } from '../files';
import { count, fileName } from '../text';

/** `2 errors, 1 warning` (empty when there is nothing). */
export function diagnosticCounts(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return [errors ? count(errors, 'error') : '', warnings ? count(warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
}

/** The summary line of one checked file: `file: ok`, `file: ok (1 warning)`, `file: 2 errors`. */
export function summaryLine(file: string, diagnostics: readonly Diagnostic[]): string {
  const counts = diagnosticCounts(diagnostics);
  if (hasErrors(diagnostics)) return `${fileName(file)}: ${counts}`;
  return counts ? `${fileName(file)}: ok (${counts})` : `${fileName(file)}: ok`;
}

/** `defuse validate`: the format, the schema and the rules of each scenario file. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check scenario files against the format and its rules',
  usage: `defuse validate <file...>

Checks each scenario file: strict JSON (valid UTF-8, no duplicate keys, at
most 5 MB, nesting at most 64 deep), the JSON Schema of the scenario format,
and the rules a schema cannot express (destinations exist, variables and
conditions fit their types, timers have an onTimeout, ...).

Prints each finding as
  file:pointer: severity code: message
then one summary line per file ("ok" when clean).

Exit status: 0 when no file has an error (warnings are allowed), 1 otherwise.

Example:
  defuse validate scenarios/*.scenario.json`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length === 0) throw new UsageError('missing scenario file(s)');
    let failed = false;
    for (const file of positionals) {
      const found = readScenario(io, file);
      printFileProblems(io.out, file, found);
      if (found.problem) {
        failed = true;
        continue;
      }
      if (hasErrors(found.diagnostics)) failed = true;
      io.out(summaryLine(file, found.diagnostics));
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};
