import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog } from '@defuse/schemas';
import { captureIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';
import { lobby } from './helpers';
import { scriptedLog } from './scripted-log';
import { xapiProblems } from './xapi-rules';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));

let dir: string;
let calm: DecisionLog;

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await runCli(argv, io);
  return { code, out: io.lines, err: io.errors, text: io.text() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-debrief-'));
  calm = await scriptedLog(
    lobby(),
    [
      [4000, 'gap'],
      [3000, 'label'],
    ],
    { trainee: 'ana' },
  );
  file('ana.log.json', calm);
  file(
    'ben.log.json',
    await scriptedLog(
      lobby(),
      [
        [2000, 'rush'],
        [5000, 'cover'],
      ],
      { trainee: 'ben' },
    ),
  );
  file(
    'cy.log.json',
    await scriptedLog(
      lobby(),
      [
        [1000, 'rush'],
        [2000, 'cover'],
      ],
      { trainee: 'cy' },
    ),
  );
  const edited = structuredClone(calm);
  edited.sessionId = '0d1f0000-0000-4000-8000-000000000001';
  edited.events[1] = { ...edited.events[1]!, choice: 'rush' };
  file('edited.log.json', edited);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('defuse xapi', () => {
  it('prints the statements of several logs as one JSON array', async () => {
    const { code, text } = await cli('xapi', 'ana.log.json', 'ben.log.json', '--scenario', LOBBY);
    expect(code).toBe(0);
    const statements = JSON.parse(text) as { verb: { id: string } }[];
    expect(statements.map((s) => s.verb.id.split('/').pop())).toEqual([
      'initialized',
      'answered',
      'answered',
      'completed',
      'initialized',
      'answered',
      'answered',
      'completed',
    ]);
    for (const s of statements) expect(xapiProblems(s)).toEqual([]);
  });

  it('writes to a file with --out, and the same logs give the same statements again', async () => {
    const first = await cli('xapi', 'ana.log.json', '--scenario', LOBBY, '--out', 'a.json');
    expect(first.code).toBe(0);
    expect(first.out).toEqual(['Wrote 4 statements from 1 log to a.json']);
    await cli('xapi', 'ana.log.json', '--scenario', LOBBY, '--out', 'b.json');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'a.json'), 'utf8'),
    );
  });

  it('uses the agency’s home page for trainee accounts', async () => {
    const { text } = await cli(
      'xapi',
      'ana.log.json',
      '--scenario',
      LOBBY,
      '--home-page',
      'https://academy.example',
    );
    const [first] = JSON.parse(text) as { actor: { account: { homePage: string } } }[];
    expect(first!.actor.account.homePage).toBe('https://academy.example');
  });

  it('exports nothing when a log does not verify, and names it', async () => {
    const { code, out, err } = await cli(
      'xapi',
      'ana.log.json',
      'edited.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^defuse xapi: edited\.log\.json: .*event 2/);
    expect(err[1]).toBe('Nothing was exported.');
  });

  it('refuses a command line without a scenario or logs, with exit 2', async () => {
    expect((await cli('xapi', 'ana.log.json')).code).toBe(2);
    expect((await cli('xapi', '--scenario', LOBBY)).code).toBe(2);
    const bad = await cli('xapi', 'ana.log.json', '--scenario', LOBBY, '--home-page', 'academy');
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--home-page must be an http\(s\) address/);
  });
});

describe('defuse stats', () => {
  it('prints the class view as a table: outcomes, shares per beat, decision times, trouble spots', async () => {
    const { code, out } = await cli(
      'stats',
      'ana.log.json',
      'ben.log.json',
      'cy.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(0);
    expect(out[0]).toBe('Shouting man in a lobby (lobby-test 1.0.0)');
    expect(out[1]).toBe('3 runs counted, 3 finished');
    const arrive = out.indexOf('arrive "Arrival" (information), 3 trainees');
    expect(arrive).toBeGreaterThan(0);
    expect(out[arrive + 1]).toBe(
      '  decision time median 2.0 s, middle half 1.5 s–3.0 s, range 1.0 s–4.0 s',
    );
    expect(out.slice(arrive + 2, arrive + 6).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      'choice rating trainees share',
      expect.stringMatching(/^-/),
      'gap preferred 1 33%',
      'rush poor 2 67%',
    ]);
    expect(out).toContain('Most chose a poor or unsafe option at: arrive (67%)');
    expect(out).toContain('  scissors "Scissors on the desk": missed by 2 of 3 (67%)');
  });

  it('prints the same figures as JSON with --json', async () => {
    const { code, text } = await cli(
      'stats',
      'ana.log.json',
      'ben.log.json',
      '--scenario',
      LOBBY,
      '--json',
    );
    expect(code).toBe(0);
    const stats = JSON.parse(text) as { runs: number; outcomes: { beat: string; runs: number }[] };
    expect(stats.runs).toBe(2);
    expect(stats.outcomes.map((o) => [o.beat, o.runs])).toEqual([
      ['calm', 1],
      ['hurt', 1],
    ]);
  });

  it('counts the others and lists a log left out, exiting 1', async () => {
    const { code, out } = await cli(
      'stats',
      'ana.log.json',
      'edited.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(1);
    expect(out[1]).toBe('1 run counted, 1 finished, 1 left out (see the end)');
    expect(out.at(-1)).toMatch(/^ {2}edited\.log\.json \(trainee ana\): .*event 2/);
  });

  it('says which file cannot be read instead of failing with a trace', async () => {
    file('notes.txt', 'these are not logs');
    const { code, err } = await cli(
      'stats',
      'ana.log.json',
      'notes.txt',
      'gone.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/notes\.txt/);
    expect(err.join('\n')).toMatch(
      /gone\.log\.json: error: cannot read the file: there is no such file/,
    );
    expect(err.join('\n')).not.toMatch(/at .*\.ts:\d+/);
  });
});
