import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo, FileKind } from './command';

/** How long reading a pipe waits for a writer before giving up, by default. */
export const PIPE_TIMEOUT_MS = 10_000;

/** A pipe nobody wrote to in time. */
export class PipeTimeoutError extends Error {
  override name = 'PipeTimeoutError';
  readonly code = 'ETIMEDOUT';
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Waits without a busy loop; the CLI reads files synchronously. */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Reads at most `maxBytes` of a file (all of it when not given). Works for
 * pipes and devices too. A named pipe (FIFO) is opened without blocking, so
 * one that no program writes to gives up after `pipeTimeoutMs` with a
 * message instead of waiting forever.
 */
export function readFileBytes(
  path: string | Buffer,
  maxBytes = Infinity,
  pipeTimeoutMs = PIPE_TIMEOUT_MS,
): Uint8Array {
  const fifo = statSync(path, { throwIfNoEntry: false })?.isFIFO() ?? false;
  const fd = openSync(path, fifo ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const deadline = Date.now() + pipeTimeoutMs;
    // A FIFO without a writer reads as end-of-file; only data (or a writer
    // holding it open, EAGAIN) shows that one came.
    let writerSeen = !fifo;
    while (total < maxBytes) {
      const chunk = Buffer.alloc(Math.min(1 << 16, maxBytes - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as { code?: string }).code !== 'EAGAIN') throw error;
        writerSeen = true;
        n = -1;
      }
      if (n === 0 && writerSeen) break;
      if (n > 0) {
        writerSeen = true;
        chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
        total += n;
        continue;
      }
      if (Date.now() >= deadline) {
        throw new PipeTimeoutError(
          `nothing was written to this pipe within ${pipeTimeoutMs / 1000} s; is the program that should write it running?`,
        );
      }
      sleep(10);
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

/** An output the CLI will not write over. */
export class UnsafeOutputError extends Error {
  override name = 'UnsafeOutputError';
  readonly code = 'EUNSAFE';
}

/**
 * Why writing to `path` would destroy something other than a plain file,
 * or undefined when it is safe: a symbolic link (renaming over it replaces
 * the link, not its target), a named pipe, a device (as root, replacing
 * /dev/full deletes the device node), a socket or a directory.
 */
export function unsafeOutput(path: string): string | undefined {
  const s = lstatSync(path, { throwIfNoEntry: false });
  if (!s || s.isFile()) return undefined;
  if (s.isSymbolicLink()) return 'it is a symbolic link; name the file it points to';
  if (s.isDirectory()) return 'it is a directory';
  if (s.isFIFO()) return 'it is a named pipe, not a regular file';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'it is a device, not a regular file';
  return 'it is not a regular file';
}

/**
 * Replaces a file atomically: writes a temporary file beside it (same
 * directory, so the rename cannot cross file systems), then renames it over
 * the old one, so a crash mid-write leaves the previous complete version
 * rather than half a file. Refuses a path that exists and is not a regular
 * file (see {@link unsafeOutput}). The temporary name is unguessable and
 * created exclusively, so a link planted there is never followed.
 */
export function writeFileAtomic(path: string, text: string): void {
  const unsafe = unsafeOutput(path);
  if (unsafe) throw new UnsafeOutputError(`will not write over it: ${unsafe}`);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never made.
    }
    throw error;
  }
}

/** What is at a path, or undefined when nothing is. */
export function statPath(path: string): FileKind | undefined {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return undefined;
  return {
    kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other',
    size: s.isFile() ? s.size : 0,
    id: `${s.dev}:${s.ino}`,
  };
}

/** File access relative to a working directory: the part of `CliIo` shared by real and test io. */
export function fileAccess(
  cwd: string,
  options: { pipeTimeoutMs?: number } = {},
): Pick<CliIo, 'cwd' | 'readFile' | 'writeFile' | 'createPrivateFile' | 'stat'> {
  return {
    cwd,
    readFile: (path, maxBytes) =>
      readFileBytes(resolve(cwd, path), maxBytes, options.pipeTimeoutMs),
    writeFile: (path, text) => writeFileAtomic(resolve(cwd, path), text),
    // 'wx' creates exclusively (never follows a planted link), and the mode
    // is set at creation, so the key is never readable by others.
    createPrivateFile: (path, text) =>
      writeFileSync(resolve(cwd, path), text, { flag: 'wx', mode: 0o600 }),
    stat: (path) => statPath(resolve(cwd, path)),
  };
}

/**
 * The directory the user typed the command in. `pnpm defuse` runs the script
 * from the repository root but passes the caller's directory as INIT_CWD,
 * so file names are resolved the way the user wrote them.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  if (env.npm_lifecycle_event === 'defuse' && env.INIT_CWD) return env.INIT_CWD;
  return process.cwd();
}

/** The real terminal and file system. */
export function nodeIo(): CliIo {
  return {
    ...fileAccess(userCwd()),
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    stdin: process.stdin,
    stdout: process.stdout,
    tty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
}
