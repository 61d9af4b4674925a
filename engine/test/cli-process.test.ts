import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, verifyLog } from '../src/index';

/**
 * The real program in a real process: exit statuses, piped input, and no
 * stack trace whatever the input. The runs start together in `beforeAll`
 * (each process pays tsx's start-up once) and the tests read their results.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'engine/src/cli/main.ts');
const BIN = join(ROOT, 'engine/bin/defuse.mjs');
const LOBBY = join(ROOT, 'engine/test/fixtures/lobby.scenario.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { input?: string; cwd: string }) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A line of a JavaScript stack trace. */
const STACK = /^\s+at .+[(:]\d+/m;

let dir: string;
let garbage: Run;
let usage: Run;
let piped: Run;
let bin: Run;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-process-'));
  writeFileSync(
    join(dir, 'binary.json'),
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe]),
  );
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'nested.json'), '{"a":'.repeat(200_000));
  writeFileSync(join(dir, 'truncated.json'), readFileSync(LOBBY, 'utf8').slice(0, 400));
  writeFileSync(
    join(dir, 'garbage.log.json'),
    new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xc3, 0x28]),
  );
  const defuse = (args: string[], input?: string) =>
    run(TSX, [MAIN, ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });
  [garbage, usage, piped, bin] = await Promise.all([
    defuse([
      'validate',
      'binary.json',
      'empty.json',
      'nested.json',
      'truncated.json',
      'missing.json',
      '.',
    ]),
    defuse(['run', LOBBY, '--choose', 'gap', '--seed', 'soon']),
    defuse(['play', LOBBY, '--seed', '3', '--out', 'piped.log.json'], '1\n1\n'),
    run(process.execPath, [BIN, 'verify', 'garbage.log.json', '--scenario', LOBBY], { cwd: dir }),
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the defuse program', () => {
  it('reports garbage files as diagnostics, exits 1, and never prints a stack trace', () => {
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toBe('');
    const lines = garbage.stdout.trimEnd().split('\n');
    expect(lines).toContain('binary.json: error DF100: the file is not valid UTF-8 text');
    expect(lines).toContain('empty.json: error DF105: the file is empty');
    expect(lines.some((l) => l.startsWith('nested.json: error DF102:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('truncated.json: error DF103:'))).toBe(true);
    expect(lines).toContain('missing.json: error: cannot read the file: there is no such file');
    expect(lines).toContain('.: error: this is a directory, not a file');
    expect(garbage.stdout).not.toMatch(STACK);
  });

  it('exits 2 on a wrong command line, with the synopsis and no stack trace', () => {
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr.split('\n')[0]).toBe(
      'defuse run: --seed must be a whole number from 0 to 4294967295, not "soon"',
    );
    expect(usage.stderr).not.toMatch(STACK);
  });

  it('plays a drill from answers piped to its standard input and writes a log that verifies', () => {
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('> 1\n  Feedback (preferred, distance): Distance buys time.');
    expect(piped.stdout).toContain('Result: resolved, force: none, no injuries');
    const log = JSON.parse(readFileSync(join(dir, 'piped.log.json'), 'utf8'));
    expect(verifyLog(parseScenario(readFileSync(LOBBY)).scenario, log).ok).toBe(true);
  });

  it('runs as the package bin and reports a garbage log as a diagnostic', () => {
    expect(bin.code).toBe(1);
    expect(bin.stderr).toBe('');
    expect(bin.stdout.trimEnd().split('\n')).toEqual([
      'garbage.log.json: error DF100: the file is not valid UTF-8 text',
      'garbage.log.json: not intact: not a readable decision log',
    ]);
  });
});
