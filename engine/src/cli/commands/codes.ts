import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../diagnostic-codes';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, type CliIo, type Command } from '../command';
import { plain, table } from '../text';

/** The diagnostic codes as a Markdown table, padded as Prettier does (the one in the engine's README). */
export function codesMarkdown(): string[] {
  const rows = [
    ['Code', 'Severity', 'Meaning'],
    ...Object.entries(DIAGNOSTIC_CODES).map(([code, { severity, title }]) => [
      code,
      severity,
      title,
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

/** `defuse codes`: what each diagnostic code means. */
export const codesCommand: Command = {
  name: 'codes',
  summary: 'List the diagnostic codes and what they mean',
  usage: `defuse codes [--markdown] [code...]

Lists every diagnostic code with its default severity and meaning, or only the
codes named. --markdown prints the list as a Markdown table.

Example:
  defuse codes DF301 DF402`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { markdown: { type: 'boolean' } });
    if (values.markdown) {
      for (const line of codesMarkdown()) io.out(line);
      return EXIT_OK;
    }
    const wanted = positionals.map((c) => c.toUpperCase());
    const unknown = wanted.filter((c) => !Object.hasOwn(DIAGNOSTIC_CODES, c));
    for (const c of unknown) io.err(`defuse codes: there is no diagnostic code "${plain(c)}"`);
    const codes = (
      wanted.length ? wanted.filter((c) => !unknown.includes(c)) : Object.keys(DIAGNOSTIC_CODES)
    ) as DiagnosticCode[];
    if (codes.length) {
      const rows = codes.map((c) => [c, DIAGNOSTIC_CODES[c].severity, DIAGNOSTIC_CODES[c].title]);
      for (const line of table(['code', 'severity', 'meaning'], rows)) io.out(line);
    }
    return unknown.length ? EXIT_FAILED : EXIT_OK;
  },
};
