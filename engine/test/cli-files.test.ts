import { execFileSync, spawn } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
const lobbyText = readFileSync(LOBBY, 'utf8');
const SCRIPT = 'gap,label';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => join(dir, name);

async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir, clock: () => 0, pipeTimeoutMs: 300 });
  const code = await runCli(argv, io);
  return { code, out: io.lines, err: io.errors };
}

describe('the CLI never destroys a file', () => {
  it('refuses --out naming the scenario it runs, under any spelling, and leaves it as it was', async () => {
    writeFileSync(at('s.scenario.json'), lobbyText);
    for (const out of ['s.scenario.json', './s.scenario.json', at('s.scenario.json')]) {
      const { code, err } = await cli(
        'run',
        's.scenario.json',
        '--seed',
        '7',
        '--allow-partial',
        '--choose',
        SCRIPT,
        '--out',
        out,
      );
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(/is the input file .*would destroy it/);
    }
    expect(readFileSync(at('s.scenario.json'), 'utf8')).toBe(lobbyText);
  });

  it('refuses --out naming a log being exported, and leaves the log as it was', async () => {
    writeFileSync(at('lobby.scenario.json'), lobbyText);
    expect(
      (
        await cli(
          'run',
          'lobby.scenario.json',
          '--seed',
          '7',
          '--allow-partial',
          '--choose',
          SCRIPT,
          '--out',
          'a.log.json',
        )
      ).code,
    ).toBe(0);
    const log = readFileSync(at('a.log.json'), 'utf8');
    const { code } = await cli(
      'xapi',
      'a.log.json',
      '--scenario',
      'lobby.scenario.json',
      '--out',
      'a.log.json',
    );
    expect(code).toBe(2);
    expect(readFileSync(at('a.log.json'), 'utf8')).toBe(log);
  });

  it('refuses to write over a named pipe, a symbolic link or a device, and leaves each in place', async () => {
    writeFileSync(at('lobby.scenario.json'), lobbyText);
    execFileSync('mkfifo', [at('pipe')]);
    writeFileSync(at('target.txt'), 'keep me');
    symlinkSync(at('target.txt'), at('link.json'));
    for (const out of [at('pipe'), at('link.json'), '/dev/full']) {
      const { code, err } = await cli(
        'run',
        'lobby.scenario.json',
        '--choose',
        SCRIPT,
        '--out',
        out,
      );
      expect(code, out).toBe(1);
      expect(err.join('\n'), out).toMatch(
        /will not write over it: it is a (named pipe|symbolic link|device)/,
      );
    }
    expect(lstatSync(at('pipe')).isFIFO()).toBe(true);
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('target.txt'), 'utf8')).toBe('keep me');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('writes a regular file by renaming a finished temporary file over it, leaving no temporary behind', async () => {
    writeFileSync(at('lobby.scenario.json'), lobbyText);
    writeFileSync(at('old.log.json'), 'an older log');
    const { code, err } = await cli(
      'run',
      'lobby.scenario.json',
      '--seed',
      '7',
      '--choose',
      SCRIPT,
      '--out',
      'old.log.json',
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(at('old.log.json'), 'utf8'))).toMatchObject({
      format: 'defuse/decision-log@1',
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('file names the CLI reports', () => {
  it('keeps one finding on one line when the file name holds a newline', async () => {
    const name = 'bad\nlobby.scenario.json: ok';
    writeFileSync(at(name), lobbyText.replace('"start": "arrive"', '"start": "nowhere"'));
    const { code, out } = await cli('validate', name);
    expect(code).toBe(1);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^bad\\nlobby\.scenario\.json: ok:\/start: error DF302: /);
    expect(out[1]).toBe('bad\\nlobby.scenario.json: ok: 1 error');
  });

  it('says a name is not valid UTF-8 rather than that the file is missing', async () => {
    // "café" in Latin-1: Node hands the name over with U+FFFD for the 0xE9 byte.
    writeFileSync(
      Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.json')]),
      lobbyText,
    );
    const { code, out } = await cli('validate', 'caf\ufffd.json');
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/name is not valid UTF-8/);
    expect(out.join('\n')).not.toMatch(/no such file/);
  });

  it('gives up on a named pipe nobody writes to, with a message, instead of waiting forever', async () => {
    execFileSync('mkfifo', [at('silent')]);
    const started = Date.now();
    const { code, out } = await cli('validate', 'silent');
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(
      /silent: error: cannot read the file: nothing was written to this pipe within 0.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('still reads a named pipe a program writes to', async () => {
    execFileSync('mkfifo', [at('fed')]);
    const writer = spawn('sh', ['-c', `cat '${LOBBY}' > '${at('fed')}'`], { stdio: 'ignore' });
    const { code, out } = await cli('validate', 'fed');
    expect(out.at(-1)).toBe('fed: ok');
    expect(code).toBe(0);
    writer.kill();
  });
});
