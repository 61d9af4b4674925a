/**
 * The `defuse` program: `pnpm defuse <command> ...` from the repository root,
 * or the `defuse` bin of `@defuse/engine`.
 */
import { nodeIo } from './node-io';
import { runCli } from './registry';

// A reader that stops early (`defuse graph x | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

try {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo());
} catch (error) {
  // runCli never throws; this is the last line of defence against a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`defuse: internal error: ${message.split('\n')[0]}\n`);
  process.exitCode = 1;
}
