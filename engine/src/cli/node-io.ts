import {
  closeSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo, FileKind } from './command';

/** Reads at most `maxBytes` of a file (all of it when not given). Works for pipes and devices too. */
export function readFileBytes(path: string, maxBytes = Infinity): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < maxBytes) {
      const chunk = Buffer.alloc(Math.min(1 << 16, maxBytes - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces a file atomically: writes a temporary file beside it, then
 * renames it over the old one, so a crash mid-write leaves the previous
 * complete version rather than half a file.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
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
  };
}

/** File access relative to a working directory: the part of `CliIo` shared by real and test io. */
export function fileAccess(cwd: string): Pick<CliIo, 'cwd' | 'readFile' | 'writeFile' | 'stat'> {
  return {
    cwd,
    readFile: (path, maxBytes) => readFileBytes(resolve(cwd, path), maxBytes),
    writeFile: (path, text) => writeFileAtomic(resolve(cwd, path), text),
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
