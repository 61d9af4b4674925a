import { readFileSync } from 'node:fs';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from './command';
import * as builtIn from './commands';
import { plain } from './text';

/** The order commands are listed in; commands not named here follow alphabetically. */
const ORDER = [
  'validate',
  'lint',
  'graph',
  'play',
  'run',
  'verify',
  'replay',
  'simulate',
  'xapi',
  'stats',
  'codes',
];

function isCommand(value: unknown): value is Command {
  const c = value as Partial<Command> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.name === 'string' &&
    typeof c.summary === 'string' &&
    typeof c.usage === 'string' &&
    typeof c.run === 'function'
  );
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

/** Every `defuse` command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = Object.values(builtIn)
  .filter(isCommand)
  .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

/** The command called `name`, if there is one. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The engine package's version, as `defuse --version` prints it. */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The general help: what the tool is and its commands. */
export function generalHelp(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'defuse: check, play and replay de-escalation training scenarios',
    '',
    'Usage: defuse <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`),
    `  ${'help'.padEnd(width)}   Show this help, or a command's: defuse help <command>`,
    '',
    "Run 'defuse <command> --help' for a command's options.",
    'Exit status: 0 ok, 1 invalid document or failed check, 2 wrong command line.',
  ];
}

function wantsHelp(args: string[]): boolean {
  // Words after "--" are file names, not options.
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs `defuse` with the words after the program name. Never throws: a wrong
 * command line exits 2 with the command's synopsis; an unexpected failure
 * prints one line and exits 1.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) {
      for (const line of generalHelp()) io.err(line);
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h') {
      for (const line of generalHelp()) io.out(line);
      return EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      io.out(`defuse ${cliVersion()}`);
      return EXIT_OK;
    }
    if (name === 'help') return help(args, io);
    const command = findCommand(name);
    if (!command) {
      io.err(`defuse: unknown command "${plain(name)}"`);
      io.err("Run 'defuse --help' for the list of commands.");
      return EXIT_USAGE;
    }
    if (wantsHelp(args)) {
      io.out(command.usage);
      return EXIT_OK;
    }
    try {
      return await command.run(args, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.err(`defuse ${command.name}: ${plain(error.message)}`);
      io.err(`Usage: ${command.usage.split('\n')[0]}`);
      io.err(`Run 'defuse ${command.name} --help' for more.`);
      return EXIT_USAGE;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`defuse: internal error: ${plain(message.split('\n')[0] ?? '')}`);
    return EXIT_FAILED;
  }
}

function help(args: string[], io: CliIo): number {
  if (args.length === 0) {
    for (const line of generalHelp()) io.out(line);
    return EXIT_OK;
  }
  const command = findCommand(args[0]!);
  if (!command || args.length > 1) {
    io.err(`defuse help: ${command ? 'name one command' : `unknown command "${plain(args[0]!)}"`}`);
    return EXIT_USAGE;
  }
  io.out(command.usage);
  return EXIT_OK;
}
