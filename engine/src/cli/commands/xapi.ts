import type { DecisionLog } from '@defuse/schemas';
import { toXapiStatements, XapiExportError } from '../../xapi';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { fileErrorText, loadLog, loadScenario, refuseOutputOverInput } from '../files';
import { fileName, oneLine } from '../text';

/** `defuse xapi`: decision logs as xAPI statements for a learning record store. */
export const xapiCommand: Command = {
  name: 'xapi',
  summary: 'Export decision logs as xAPI 1.0.3 statements (a JSON array)',
  usage: `defuse xapi <log...> --scenario <file> [--out <file>] [--home-page <url>]

Converts decision logs of one scenario into xAPI 1.0.3 statements: an
"initialized" statement per drill, one "answered" statement per decision (a
cmi.interaction activity of type "choice" with the choices that were on
screen and the chosen id as the response, the decision time as the
duration, and the scenario id, version, digest, beat, CDM step, technique
and rating as extensions under https://defuse.training/xapi/), a
"timed-out" statement when a timer ran out, and "completed" with the
outcome. Statement ids come from the session id and the event, so
exporting the same log again gives the same statements.

Every log must verify against the scenario; if one does not, nothing is
written and the reason is given.

Options:
  --scenario FILE    the scenario the logs were recorded with (required)
  --out FILE         write the statements to FILE instead of the output
  --home-page URL    home page of the trainee accounts
                     (default https://defuse.training)

Exit status: 0 when every log was exported, 1 otherwise.`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scenario: { type: 'string', short: 's' },
      out: { type: 'string', short: 'o' },
      'home-page': { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('missing decision log file(s)');
    if (values.scenario === undefined) throw new UsageError('missing --scenario <file>');
    const homePage = values['home-page'];
    if (homePage !== undefined && !/^https?:\/\/\S+$/.test(homePage)) {
      throw new UsageError(`--home-page must be an http(s) address, not "${homePage}"`);
    }
    if (values.out !== undefined) {
      refuseOutputOverInput(io, values.out, [...positionals, values.scenario]);
    }
    const scenario = loadScenario(io, values.scenario);
    if (!scenario) return EXIT_FAILED;
    const logs: DecisionLog[] = [];
    for (const file of positionals) {
      const log = loadLog(io, file);
      if (!log) return EXIT_FAILED;
      logs.push(log);
    }
    let text: string;
    try {
      const statements = toXapiStatements(scenario, logs, homePage ? { homePage } : {});
      text = JSON.stringify(statements, null, 2) + '\n';
    } catch (error) {
      if (!(error instanceof XapiExportError)) throw error;
      const file = positionals[logs.findIndex((l) => l.sessionId === error.sessionId)] ?? '';
      io.err(`defuse xapi: ${fileName(file)}: ${oneLine(error.message)}`);
      io.err('Nothing was exported.');
      return EXIT_FAILED;
    }
    if (values.out === undefined) {
      io.out(text.trimEnd());
      return EXIT_OK;
    }
    try {
      io.writeFile(values.out, text);
    } catch (error) {
      io.err(`defuse xapi: cannot write ${fileName(values.out)}: ${fileErrorText(error)}`);
      return EXIT_FAILED;
    }
    const count = (JSON.parse(text) as unknown[]).length;
    io.out(
      `Wrote ${count} statements from ${logs.length} ${logs.length === 1 ? 'log' : 'logs'} to ${fileName(values.out)}`,
    );
    return EXIT_OK;
  },
};
