import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from './paths';

/** A class hub started for a browser test, over the built apps. */
export interface TestHub {
  url: string;
  dataDir: string;
  /** The hub's own output so far, for failure messages. */
  output: () => string;
  /** Kills the process with SIGKILL, as a power cut would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and data folder. */
  restart: () => Promise<void>;
  /** Stops it and deletes its data folder. */
  close: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The hub exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The hub did not answer within 60 s:\n${log()}`);
}

/**
 * Starts `pnpm hub serve` (the same program `pnpm start` runs) on a free
 * loopback port with PGlite in a fresh folder, serving `player/dist`.
 */
export async function startTestHub(): Promise<TestHub> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'defuse-hub-e2e-'));
  const url = `http://127.0.0.1:${port}/`;
  let output = '';
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hub/src/cli.ts'), 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEFUSE_DATA_DIR: dataDir,
        DEFUSE_STATIC_DIR: DIST,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(url, child, () => output);
  };
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  await launch();
  return {
    url,
    dataDir,
    output: () => output,
    kill: () => stop('SIGKILL'),
    restart: launch,
    async close() {
      await stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
