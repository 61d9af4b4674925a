/**
 * The shape every `defuse` command has, and the input/output it works
 * through. Commands never touch `process` directly: they get a `CliIo`, so
 * tests run them in-process with a captured one and the real tool passes
 * the terminal and the file system.
 */

/** Exit code: everything checked out. */
export const EXIT_OK = 0;
/** Exit code: a document is invalid, a check failed, or a file could not be read. */
export const EXIT_FAILED = 1;
/** Exit code: the command line itself is wrong. */
export const EXIT_USAGE = 2;

/** What a command reads from and writes to. */
export interface CliIo {
  /** Prints one line of output (the newline is added). */
  out(line: string): void;
  /** Prints one line of messages about the run (the newline is added). */
  err(line: string): void;
  /** Directory that relative file names are resolved against. */
  cwd: string;
  /**
   * Reads a file as bytes, at most `maxBytes` of them when given; throws a
   * Node file-system error when it cannot. Paths are resolved against `cwd`.
   */
  readFile(path: string, maxBytes?: number): Uint8Array;
  /** Replaces a file's content in one step (a crash leaves the old or the new file, never half). */
  writeFile(path: string, text: string): void;
  /**
   * Creates a file only its owner may read (mode 0600), failing when the
   * path exists: for secrets such as a device's private key, which must
   * never replace another file nor be readable by others for an instant.
   */
  createPrivateFile(path: string, text: string): void;
  /** Describes a path, or `undefined` when nothing is there. */
  stat(path: string): FileKind | undefined;
  /** Interactive input (`play`); absent when there is none. */
  stdin?: NodeJS.ReadableStream;
  /** The stream prompts are drawn on when `tty` is true. */
  stdout?: NodeJS.WritableStream;
  /** True when a person types at a terminal: prompts redraw in place and count down. */
  tty?: boolean;
  /** Monotonic milliseconds for drills; defaults to `performance.now`. */
  clock?: () => number;
}

/** What is found at a path. */
export interface FileKind {
  kind: 'file' | 'directory' | 'other';
  /** Size in bytes (files only). */
  size: number;
  /** Device and inode: two names with one id are one file (links, `./x` and `x`). */
  id?: string;
}

/** One `defuse` subcommand. */
export interface Command {
  /** The word typed after `defuse`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help: synopsis, options, examples. The first line is the synopsis. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * The command line is wrong (unknown option, missing file name, bad value).
 * The registry prints the message and the command's synopsis and exits 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
