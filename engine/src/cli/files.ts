import type { DecisionLog, Scenario } from '@defuse/schemas';
import { diagnostic, formatDiagnostic } from '../diagnostics';
import { parseLog, parseScenario } from '../parse';
import { MAX_DOCUMENT_BYTES } from '../strict-json';
import type { Analysis, Diagnostic, ValidateOptions } from '../types';
import { UsageError, type CliIo } from './command';
import { fileName, plain } from './text';

/** A file as read from disk: its bytes, or why it could not be read. */
export type ReadOutcome = { bytes: Uint8Array } | { problem: string; diagnostics?: Diagnostic[] };

/**
 * Reads a document file as bytes (so the parser can report invalid UTF-8),
 * refusing directories and reading no more than the parser accepts.
 */
export function readDocument(io: CliIo, file: string): ReadOutcome {
  try {
    const kind = io.stat(file);
    if (!kind && file.includes('\ufffd')) {
      // Node decodes the command line as UTF-8; a name in another encoding
      // arrives with U+FFFD in place of its bytes and names no file.
      return {
        problem:
          'cannot read the file: its name is not valid UTF-8 (shown with \ufffd where the bytes ' +
          'could not be read), so it cannot be opened by this name; rename the file in UTF-8',
      };
    }
    if (!kind) return { problem: 'cannot read the file: there is no such file' };
    if (kind.kind === 'directory') return { problem: 'this is a directory, not a file' };
    if (kind.kind === 'file' && kind.size > MAX_DOCUMENT_BYTES) {
      return { problem: 'too large', diagnostics: [tooLarge(kind.size)] };
    }
    // Pipes and devices have no size up front: read one byte past the limit to know.
    const bytes = io.readFile(file, MAX_DOCUMENT_BYTES + 1);
    if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
      return { problem: 'too large', diagnostics: [tooLarge(undefined)] };
    }
    return { bytes };
  } catch (error) {
    return { problem: `cannot read the file: ${fileErrorText(error)}` };
  }
}

function tooLarge(size: number | undefined): Diagnostic {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const what = size === undefined ? 'more than' : `${mb(size)} MB;`;
  return diagnostic(
    'DF101',
    '',
    size === undefined
      ? `the file is ${what} ${mb(MAX_DOCUMENT_BYTES)} MB, the largest accepted`
      : `the file is ${what} the largest accepted is ${mb(MAX_DOCUMENT_BYTES)} MB`,
  );
}

/**
 * Refuses an output file that is one of the command's input files (by
 * device and inode, so another spelling or a link to it is caught too):
 * writing it would destroy the input. Throws a `UsageError`.
 */
export function refuseOutputOverInput(io: CliIo, out: string, inputs: readonly string[]): void {
  const target = io.stat(out)?.id;
  if (target === undefined) return;
  for (const input of inputs) {
    if (io.stat(input)?.id === target) {
      throw new UsageError(
        `--out ${fileName(out)} is the input file ${fileName(input)}: writing it would destroy it`,
      );
    }
  }
}

/** A file-system error in words, without the stack or the syscall jargon. */
export function fileErrorText(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'this is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.split('\n')[0]!;
    }
  }
}

/** A checked scenario file: the scenario when it is valid, and what was found. */
export interface ScenarioFile {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  /** The graph analysis of a valid scenario, when asked for. */
  analysis?: Analysis;
  /** Why the file could not be read at all. */
  problem?: string;
}

/** Reads and checks a scenario file (and analyses it, with `analyse`). Never throws. */
export function readScenario(io: CliIo, file: string, options: ValidateOptions = {}): ScenarioFile {
  const read = readDocument(io, file);
  if ('problem' in read) {
    return read.diagnostics
      ? { diagnostics: read.diagnostics }
      : { diagnostics: [], problem: read.problem };
  }
  return parseScenario(read.bytes, options);
}

/** A decision-log file: the log when its shape is right, and what was found. */
export interface LogFile {
  log?: DecisionLog;
  diagnostics: Diagnostic[];
  problem?: string;
}

/** Reads a decision-log file and checks its shape (not its chain). Never throws. */
export function readLog(io: CliIo, file: string): LogFile {
  const read = readDocument(io, file);
  if ('problem' in read) {
    return read.diagnostics
      ? { diagnostics: read.diagnostics }
      : { diagnostics: [], problem: read.problem };
  }
  return parseLog(read.bytes);
}

/** Prints a file's diagnostics (`file:pointer: severity code: message`) or its read problem. */
export function printFileProblems(
  print: (line: string) => void,
  file: string,
  found: { diagnostics: Diagnostic[]; problem?: string },
): void {
  if (found.problem) print(`${fileName(file)}: error: ${found.problem}`);
  for (const d of found.diagnostics) print(plain(formatDiagnostic(fileName(file), d)));
}

/**
 * Reads a scenario a command needs to run; when it is missing or invalid,
 * says why on the error output and returns undefined.
 */
export function loadScenario(io: CliIo, file: string): Scenario | undefined {
  const found = readScenario(io, file);
  if (found.scenario) return found.scenario;
  printFileProblems(io.err, file, found);
  if (!found.problem) io.err(`${fileName(file)}: the scenario is not valid (see above)`);
  return undefined;
}

/**
 * Reads a decision log a command needs; when it is missing or malformed,
 * says why on the error output and returns undefined.
 */
export function loadLog(io: CliIo, file: string): DecisionLog | undefined {
  const found = readLog(io, file);
  if (found.log) return found.log;
  printFileProblems(io.err, file, found);
  if (!found.problem) io.err(`${fileName(file)}: this is not a readable decision log (see above)`);
  return undefined;
}
