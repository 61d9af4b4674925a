import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog } from '@defuse/schemas';
import { parseScenario, resumeDrill, verifyLog } from '../src/index';
import { captureIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
const lobbyText = readFileSync(LOBBY, 'utf8');
const lobbyScenario = parseScenario(lobbyText).scenario!;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function path(name: string): string {
  return join(dir, name);
}

/** A frozen drill clock: scripted decisions take no time, so logged times are exact. */
async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir, clock: () => 0 });
  const code = await runCli(argv, io);
  return { code, out: io.lines, err: io.errors };
}

function readLog(name: string): DecisionLog {
  return JSON.parse(readFileSync(path(name), 'utf8')) as DecisionLog;
}

describe('defuse run', () => {
  it('plays the script to an outcome, prints each decision, the path and the outcome, and writes a log that verifies', async () => {
    const { code, out, err } = await cli(
      'run',
      LOBBY,
      '--seed',
      '3',
      '--trainee',
      '4471',
      '--choose',
      'gap,label',
      '--out',
      path('calm.log.json'),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      'Shouting man in a lobby (lobby-test 1.0.0), seed 3',
      '1. arrive: gap -> talk',
      '2. talk: label -> calm (drawn by chance)',
      'Path: arrive → talk → calm',
      'Outcome: calm "He sits down": resolved, force: none, no injuries',
      `Log written to ${path('calm.log.json')}`,
    ]);
    const log = readLog('calm.log.json');
    expect(log.trainee).toEqual({ id: '4471' });
    expect(log.seed).toBe(3);
    expect(log.events.map((e) => e.type)).toEqual(['start', 'choice', 'choice', 'end']);
    expect(verifyLog(lobbyScenario, log).ok).toBe(true);
  });

  it('takes the same way with the same seed', async () => {
    const runs = await Promise.all(
      [1, 2].map(() =>
        cli('run', LOBBY, '--seed', '11', '--choose', 'gap,label', '--allow-partial'),
      ),
    );
    expect(runs[0]!.out).toEqual(runs[1]!.out);
  });

  it('lets the running timer expire on @timeout, timed at its deadline', async () => {
    const { code, out } = await cli(
      'run',
      LOBBY,
      '--seed',
      '1',
      '--choose',
      'gap,@timeout,cover',
      '--out',
      path('timeout.log.json'),
    );
    expect(code).toBe(0);
    expect(out[2]).toBe('2. talk: @timeout -> grab');
    const timeout = readLog('timeout.log.json').events.find((e) => e.type === 'timeout')!;
    expect(timeout.at).toBe(10_000);
    expect(timeout.vars?.agitation).toBe(7); // 6 - 1 (gap) + 2 (hesitation)
  });

  it('has the instructor pick with @pick:N, counted from 1, and records who chose', async () => {
    const { code, out } = await cli(
      'run',
      LOBBY,
      '--choose',
      'gap,order,@pick:2,cover',
      '--out',
      path('pick.log.json'),
    );
    expect(code).toBe(0);
    expect(out[2]).toBe('2. talk: order -> grab (instructor option 2: He lunges)');
    const order = readLog('pick.log.json').events.find((e) => e.choice === 'order')!;
    expect(order).toMatchObject({ by: 'instructor', option: 1, to: 'grab' });
  });

  it('draws instructor branches by weight when the script has no @pick', async () => {
    const { out } = await cli(
      'run',
      LOBBY,
      '--seed',
      '5',
      '--choose',
      'gap,order',
      '--allow-partial',
    );
    expect(out[2]).toMatch(/^2\. talk: order -> (calm|grab) \(drawn by chance\)$/);
  });

  it('names the step when a choice does not exist, with what was available', async () => {
    const { code, out, err } = await cli('run', LOBBY, '--choose', 'gap,shout');
    expect(code).toBe(1);
    expect(out.at(-1)).toBe('1. arrive: gap -> talk');
    expect(err).toEqual([
      'defuse run: step 2 (shout): beat "talk" has no choice "shout"; available: label, order, @timeout',
    ]);
  });

  it('names the step when a choice is hidden by its condition', async () => {
    // Without backup, "Calm down now!" is not offered.
    const calmer = path('calmer.scenario.json');
    const doc = JSON.parse(lobbyText);
    doc.variables.agitation.initial = 2;
    writeFileSync(calmer, JSON.stringify(doc));
    const { code, err } = await cli('run', calmer, '--choose', 'rush,order');
    expect(code).toBe(1);
    expect(err[0]).toBe(
      'defuse run: step 2 (order): the choice "order" is not available now (its "when" does not hold); available: label, @timeout',
    );
  });

  it('names the step of a @timeout where there is no timer, and of a @pick with nothing to pick', async () => {
    const timer = await cli('run', LOBBY, '--choose', '@timeout');
    expect(timer.code).toBe(1);
    expect(timer.err[0]).toBe(
      'defuse run: step 1 (@timeout): beat "arrive" has no timer; available: gap, rush',
    );
    const pick = await cli('run', LOBBY, '--choose', 'gap,@pick:1');
    expect(pick.code).toBe(1);
    expect(pick.err[0]).toBe(
      'defuse run: step 2 (@pick:1): no instructor branch is waiting for a pick here',
    );
    const range = await cli('run', LOBBY, '--choose', 'gap,order,@pick:3');
    expect(range.err[0]).toBe(
      'defuse run: step 3 (@pick:3): there are only 2 instructor options: 1 = He complies, 2 = He lunges',
    );
  });

  it('says when the instructor must pick before the next choice', async () => {
    const { code, err } = await cli('run', LOBBY, '--choose', 'gap,order,cover,@pick:1');
    expect(code).toBe(1);
    expect(err[0]).toBe(
      'defuse run: step 3 (cover): the instructor branch at "talk" is waiting for a pick; put @pick:N here (1 = He complies, 2 = He lunges)',
    );
  });

  it('fails when the drill ends before the script does', async () => {
    const { code, err } = await cli('run', LOBBY, '--seed', '3', '--choose', 'gap,label,cover');
    expect(code).toBe(1);
    expect(err[0]).toBe(
      'defuse run: step 3 (cover): the drill already ended at "calm"; 1 script step(s) left over',
    );
  });

  it('fails when the script ends before the drill, unless partial runs are allowed; the partial log resumes', async () => {
    const strict = await cli('run', LOBBY, '--choose', 'gap');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('Outcome: none yet: the drill is at "talk"');
    expect(strict.err[0]).toContain('the script ended before the drill did');
    const partial = await cli(
      'run',
      LOBBY,
      '--choose',
      'gap',
      '--allow-partial',
      '--out',
      path('partial.log.json'),
    );
    expect(partial.code).toBe(0);
    const drill = await resumeDrill(lobbyScenario, readLog('partial.log.json'));
    expect(drill.snapshot().beat).toBe('talk');
  });

  it('writes the log after every event, each time a complete document', async () => {
    const writes: DecisionLog[] = [];
    const io = captureIo({ cwd: dir, clock: () => 0 });
    io.writeFile = (_path, text) => void writes.push(JSON.parse(text) as DecisionLog);
    const code = await runCli(
      ['run', LOBBY, '--seed', '3', '--choose', 'gap,label', '--out', 'spy.log.json'],
      io,
    );
    expect(code).toBe(0);
    expect(writes.map((w) => w.events.length)).toEqual([1, 2, 3, 4]);
  });

  it('stops with a clear message when the log cannot be written', async () => {
    const { code, err } = await cli(
      'run',
      LOBBY,
      '--choose',
      'gap',
      '--out',
      path('no/such/folder/log.json'),
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      `defuse run: cannot write the log to ${path('no/such/folder/log.json')}: its folder does not exist`,
    ]);
  });

  it('refuses a malformed script or a missing --choose with exit 2', async () => {
    expect((await cli('run', LOBBY, '--choose', 'gap,@wait')).err[0]).toBe(
      'defuse run: unknown script token "@wait" (use @timeout or @pick:N)',
    );
    expect((await cli('run', LOBBY, '--choose', '@pick:0')).code).toBe(2);
    expect((await cli('run', LOBBY, '--choose', ' , ')).code).toBe(2);
    const missing = await cli('run', LOBBY);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toBe('defuse run: missing --choose id,id,...');
  });
});

describe('defuse verify', () => {
  beforeAll(async () => {
    await cli(
      'run',
      LOBBY,
      '--seed',
      '3',
      '--choose',
      'gap,order,@pick:2,cover',
      '--out',
      path('v.log.json'),
    );
  });

  it('says intact for an untouched log', async () => {
    const { code, out } = await cli('verify', path('v.log.json'), '--scenario', LOBBY);
    expect(code).toBe(0);
    expect(out).toEqual([
      `${path('v.log.json')}: intact: chain, digest and replay all agree`,
      `${path('v.log.json')}: intact, unsigned (an older log)`,
    ]);
  });

  it('names the first bad event of an edited log, and why', async () => {
    const log = readLog('v.log.json');
    log.events[2]!.to = 'calm';
    writeFileSync(path('edited.log.json'), JSON.stringify(log));
    const { code, out } = await cli('verify', path('edited.log.json'), '--scenario', LOBBY);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/:\/events\/2\/hash: error DF503: event 3 \(choice at "talk"\)/);
    expect(out[1]).toBe(
      `${path('edited.log.json')}: not intact: first bad event is seq 3 (hash-mismatch)`,
    );
  });

  it('reports a log recorded against another version of the scenario', async () => {
    const doc = JSON.parse(lobbyText);
    doc.version = '1.1.0';
    doc.beats.arrive.narrative = 'A man shouts at the library desk.';
    writeFileSync(path('lobby-1.1.scenario.json'), JSON.stringify(doc));
    const { code, out } = await cli(
      'verify',
      path('v.log.json'),
      '--scenario',
      path('lobby-1.1.scenario.json'),
    );
    expect(code).toBe(1);
    expect(out[0]).toContain('error DF502: the log was recorded against version 1.0.0');
    expect(out[1]).toBe(`${path('v.log.json')}: not intact: bad (digest-mismatch)`);
  });

  it('checks only the chain without --scenario', async () => {
    const { code, out } = await cli('verify', path('v.log.json'));
    expect(code).toBe(0);
    expect(out[0]).toBe(`${path('v.log.json')}: hash chain intact (scenario not checked)`);
  });

  it('reports a file that is not a log as diagnostics', async () => {
    writeFileSync(path('garbage.log.json'), new Uint8Array([0x7b, 0x22, 0xff, 0x22]));
    writeFileSync(path('scenario-as-log.json'), lobbyText);
    const { code, out } = await cli(
      'verify',
      path('garbage.log.json'),
      path('scenario-as-log.json'),
      path('missing.log.json'),
    );
    expect(code).toBe(1);
    expect(out).toContain(
      `${path('garbage.log.json')}: error DF100: the file is not valid UTF-8 text`,
    );
    expect(
      out.some((l) => l.startsWith(`${path('scenario-as-log.json')}:/format: error DF500:`)),
    ).toBe(true);
    expect(out).toContain(
      `${path('missing.log.json')}: error: cannot read the file: there is no such file`,
    );
  });
});

describe('defuse replay', () => {
  beforeAll(async () => {
    await cli(
      'run',
      LOBBY,
      '--seed',
      '3',
      '--choose',
      'gap,@timeout,cover',
      '--out',
      path('r.log.json'),
    );
  });

  it('prints the timeline table, the path and the outcome', async () => {
    const { code, out } = await cli('replay', path('r.log.json'), '--scenario', LOBBY);
    expect(code).toBe(0);
    const header = out.findIndex((l) => l.startsWith('seq'));
    expect(out[header]!.split(/\s{2,}/)).toEqual([
      'seq',
      'time',
      'beat',
      'choice',
      'rating',
      'technique',
      'CDM',
      'decision time',
      'chosen by',
      'to',
    ]);
    const rows = out.slice(header + 2, header + 7).map((l) => l.split(/\s{2,}/));
    expect(rows[0]).toEqual(['1', '0:00.0', 'arrive', '(start)', 'information']);
    expect(rows[1]).toEqual([
      '2',
      '0:00.0',
      'arrive',
      'gap',
      'preferred',
      'distance',
      'information',
      '0.0 s',
      'trainee',
      'talk',
    ]);
    expect(rows[2]).toEqual([
      '3',
      '0:10.0',
      'talk',
      '(timeout)',
      'options',
      '10.0 s',
      'timer',
      'grab',
    ]);
    expect(rows[4]).toEqual(['5', '0:10.0', 'hurt', '(end)']);
    expect(out).toContain('Path: arrive → talk → grab → hurt');
    expect(out).toContain('Outcome: hurt "Force used": force-used, force: hands, subject injured');
  });

  it('shows the instructor’s notes', async () => {
    const log = readLog('r.log.json');
    log.annotations = [{ seq: 3, author: 'Sgt. Ortiz', text: 'Say something, even "I am here".' }];
    writeFileSync(path('noted.log.json'), JSON.stringify(log));
    const { code, out } = await cli('replay', path('noted.log.json'), '--scenario', LOBBY);
    expect(code).toBe(0);
    expect(out.slice(-2)).toEqual([
      'Notes:',
      '  seq 3: Sgt. Ortiz: Say something, even "I am here".',
    ]);
  });

  it('refuses to replay a log that does not verify, unless forced', async () => {
    const log = readLog('r.log.json');
    log.events[1]!.choice = 'rush';
    writeFileSync(path('tampered.log.json'), JSON.stringify(log));
    const refused = await cli('replay', path('tampered.log.json'), '--scenario', LOBBY);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([]);
    expect(refused.err[0]).toMatch(/cannot replay .*: event 2 .*\(first bad event: seq 2\)$/);
    const forced = await cli('replay', path('tampered.log.json'), '--scenario', LOBBY, '--force');
    expect(forced.code).toBe(1);
    expect(forced.out[0]).toMatch(/^WARNING: this log does not verify: /);
    expect(forced.out.some((l) => l.startsWith('seq'))).toBe(true);
  });

  it('needs --scenario', async () => {
    const { code, err } = await cli('replay', path('r.log.json'));
    expect(code).toBe(2);
    expect(err[0]).toBe('defuse replay: missing --scenario <file>');
  });
});
