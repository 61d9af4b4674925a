import type { EventListener } from '../types';
import type { CliIo } from './command';
import { fileErrorText } from './files';
import { fileName } from './text';

/** The decision log could not be written; the drill stops rather than go on unrecorded. */
export class LogWriteError extends Error {
  override name = 'LogWriteError';
  constructor(file: string, cause: unknown) {
    const missing = (cause as { code?: string }).code === 'ENOENT';
    super(
      `cannot write the log to ${fileName(file)}: ${missing ? 'its folder does not exist' : fileErrorText(cause)}`,
    );
  }
}

/**
 * An `onEvent` listener that rewrites the whole log file after every event,
 * atomically (temporary file, then rename). The drill waits for it, so an
 * event is on disk before the next beat shows, and a crash loses nothing.
 */
export function logFileWriter(io: CliIo, file: string): EventListener {
  return (_event, log) => {
    try {
      io.writeFile(file, JSON.stringify(log, null, 2) + '\n');
    } catch (error) {
      throw new LogWriteError(file, error);
    }
  };
}
