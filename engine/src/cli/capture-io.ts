import { Readable } from 'node:stream';
import type { CliIo } from './command';
import { fileAccess } from './node-io';

/** A `CliIo` whose output is kept in memory, for running commands in tests. */
export interface CapturedIo extends CliIo {
  /** Lines printed with `out`. */
  lines: string[];
  /** Lines printed with `err`. */
  errors: string[];
  /** All output lines joined with newlines. */
  text(): string;
}

/**
 * Real files (relative to `cwd`), captured output, and optionally typed
 * input: `input` lines are fed to `play` as if piped in.
 */
export function captureIo(
  options: {
    cwd?: string;
    input?: string[] | NodeJS.ReadableStream;
    clock?: () => number;
    /** How long reading a named pipe waits for a writer (see `readFileBytes`). */
    pipeTimeoutMs?: number;
  } = {},
): CapturedIo {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CapturedIo = {
    ...fileAccess(options.cwd ?? process.cwd(), { pipeTimeoutMs: options.pipeTimeoutMs }),
    out: (line) => void lines.push(...line.split('\n')),
    err: (line) => void errors.push(...line.split('\n')),
    lines,
    errors,
    text: () => lines.join('\n'),
    tty: false,
  };
  if (options.input) {
    io.stdin = Array.isArray(options.input)
      ? Readable.from(options.input.map((l) => l + '\n'))
      : options.input;
  }
  if (options.clock) io.clock = options.clock;
  return io;
}
