import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog } from '@defuse/schemas';
import { parseScenario, verifyLog } from '../src/index';
import { captureIo, type CapturedIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
const lobbyText = readFileSync(LOBBY, 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-play-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string) => join(dir, name);
/** A beat's heading as printed 80 columns wide. */
const heading = (title: string) => `== ${title} ${'='.repeat(80 - title.length - 4)}`;

/** A variant of the lobby scenario, written to the test folder. */
function variant(name: string, change: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(lobbyText) as Record<string, any>;
  change(doc);
  writeFileSync(path(name), JSON.stringify(doc));
  return path(name);
}

/** The lobby with a 0.2 s timer on "talk", so tests can let it run out. */
const fastTimer = (doc: Record<string, any>) => (doc.beats.talk.timeLimitSec = 0.2);

async function play(input: string[] | NodeJS.ReadableStream, ...args: string[]) {
  const io = captureIo({ cwd: dir, input });
  const code = await runCli(['play', ...args], io);
  return { code, out: io.lines, err: io.errors, io };
}

function readLog(name: string): DecisionLog {
  return JSON.parse(readFileSync(path(name), 'utf8')) as DecisionLog;
}

async function until(io: CapturedIo, line: string): Promise<void> {
  for (let i = 0; i < 200 && !io.lines.includes(line); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(io.lines).toContain(line);
}

describe('defuse play with answers piped in', () => {
  it('shows each beat, takes numbered answers, gives feedback, shows the outcome and writes the log', async () => {
    const { code, out, err } = await play(
      ['1', '1'],
      LOBBY,
      '--seed',
      '3',
      '--trainee',
      '4471',
      '--out',
      path('play.log.json'),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const arrival = out.indexOf(heading('Arrival'));
    expect(out.slice(arrival, arrival + 11)).toEqual([
      heading('Arrival'),
      'A man shouts at the front desk.',
      '',
      'You notice:',
      '  * Scissors on the desk',
      '',
      '  1. Keep your distance and call backup',
      '  2. Walk straight up to him',
      'Your choice [1-2]:',
      '> 1',
      '  Feedback (preferred, distance): Distance buys time.',
    ]);
    expect(out).toContain('Time limit: 10 s.');
    expect(out).toContain('Your choice [1-2] (10 s left):');
    expect(out).toContain(
      '  Feedback (preferred, emotional-labeling): Naming the feeling lowers it.',
    );
    expect(out).toContain(heading('OUTCOME: He sits down'));
    expect(out).toContain('Result: resolved, force: none, no injuries');
    expect(out.at(-1)).toBe(`Log written to ${path('play.log.json')}`);

    const log = readLog('play.log.json');
    expect(log.trainee.id).toBe('4471');
    expect(log.mode).toBe('training');
    expect(log.events.map((e) => e.choice ?? e.type)).toEqual(['start', 'gap', 'label', 'end']);
    expect(verifyLog(parseScenario(lobbyText).scenario, log).ok).toBe(true);
  });

  it('shows what people say and wraps long text under its own start', async () => {
    const talky = variant('talky.scenario.json', (d) => {
      d.beats.arrive.lines = [{ speaker: 'subject', text: 'Get away from me!' }];
      d.beats.arrive.choices[0].label =
        'Keep your distance, tell him your name, and ask the staff member behind the desk to step back';
    });
    const { out } = await play(['q'], talky);
    expect(out).toContain('  subject: "Get away from me!"');
    const first = out.findIndex((l) => l.startsWith('  1. Keep your distance'));
    expect(out[first]!.length).toBeLessThanOrEqual(80);
    expect(out[first + 1]).toMatch(/^ {5}\S/);
    expect(`${out[first]} ${out[first + 1]!.trim()}`).toBe(
      '  1. Keep your distance, tell him your name, and ask the staff member behind the desk to step back',
    );
  });

  it('gives no feedback in assessment mode', async () => {
    const { code, out, io } = await play(['1', '1', '1'], LOBBY, '--mode', 'assessment');
    expect(code).toBe(0);
    expect(out.some((l) => /^\s+(Feedback|Rated)/.test(l))).toBe(false);
    expect(io.text()).toContain('assessment mode');
  });

  it('asks again after an answer that is not a choice number', async () => {
    const { code, out } = await play(['7', 'scissors', '1', '1'], LOBBY, '--seed', '3');
    expect(code).toBe(0);
    expect(out.filter((l) => l === 'Type a number from 1 to 2, or q to stop.')).toHaveLength(2);
    expect(out.filter((l) => l.startsWith('  Feedback'))).toHaveLength(2);
  });

  it('asks the instructor, marked INSTRUCTOR, at an instructor branch when one is present', async () => {
    const { code, out } = await play(
      ['1', '2', '2', '1'],
      LOBBY,
      '--instructor',
      '--out',
      path('instructor.log.json'),
    );
    expect(code).toBe(0);
    const ask = out.indexOf('INSTRUCTOR: what does the subject do? (trainee, look away)');
    expect(out.slice(ask + 1, ask + 4)).toEqual([
      '  1. He complies',
      '  2. He lunges',
      'INSTRUCTOR pick [1-2]:',
    ]);
    expect(out).toContain('INSTRUCTOR chose: He lunges');
    const order = readLog('instructor.log.json').events.find((e) => e.choice === 'order');
    expect(order).toMatchObject({ by: 'instructor', option: 1, to: 'grab' });
  });

  it('draws instructor branches by weight when the trainee plays alone', async () => {
    const { code, out } = await play(['1', '2', '1'], LOBBY, '--out', path('solo.log.json'));
    expect(code).toBe(0);
    expect(out.some((l) => l.includes('INSTRUCTOR'))).toBe(false);
    const order = readLog('solo.log.json').events.find((e) => e.choice === 'order');
    expect(order?.by).toBe('chance');
  });

  it('stops on q, keeping the log so far, and exits 1', async () => {
    const { code, out } = await play(['1', 'q'], LOBBY, '--out', path('quit.log.json'));
    expect(code).toBe(1);
    expect(out.at(-1)).toBe(
      `Stopped: the drill stopped at "talk" before an outcome; the log so far is in ${path('quit.log.json')}.`,
    );
    expect(readLog('quit.log.json').events.map((e) => e.type)).toEqual(['start', 'choice']);
  });

  it('stops when the answers run out where no timer runs', async () => {
    const { code, err } = await play([], LOBBY);
    expect(code).toBe(1);
    expect(err).toEqual([
      'defuse play: the input ended; the drill stopped at "arrive" before an outcome',
    ]);
  });

  it('writes the log after every event', async () => {
    const sizes: number[] = [];
    const io = captureIo({ cwd: dir, input: ['1', '1'] });
    io.writeFile = (_path, text) =>
      void sizes.push((JSON.parse(text) as DecisionLog).events.length);
    const code = await runCli(['play', LOBBY, '--seed', '3', '--out', 'spy.log.json'], io);
    expect(code).toBe(0);
    expect(sizes).toEqual([1, 2, 3, 4]);
  });

  it('prints scenario text with control characters made harmless', async () => {
    const hostile = variant('hostile.scenario.json', (d) => {
      d.beats.arrive.narrative = 'He shouts.\u001b[2J\u001b]0;owned\u0007';
    });
    const { io } = await play(['q'], hostile);
    expect(io.text()).toContain('He shouts.\uFFFD[2J\uFFFD]0;owned\uFFFD');
    expect(io.text()).not.toContain('\u001b');
  });

  it('exits 2 on a wrong option and 1 on an invalid scenario', async () => {
    expect((await play([], LOBBY, '--mode', 'exam')).code).toBe(2);
    const bad = variant('bad.scenario.json', (d) => (d.start = 'nowhere'));
    const invalid = await play([], bad);
    expect(invalid.code).toBe(1);
    expect(invalid.err.some((l) => l.includes('error DF302'))).toBe(true);
  });
});

describe('defuse play timers', () => {
  it('lets the timer run out while the prompt waits, then goes on', async () => {
    const scenario = variant('fast.scenario.json', fastTimer);
    const input = new PassThrough();
    const io = captureIo({ cwd: dir, input });
    const running = runCli(['play', scenario, '--out', 'fast.log.json'], io);
    input.write('1\n');
    await until(io, 'Time is up.');
    expect(io.lines).toContain('  Feedback: Silence lets it grow.');
    expect(io.lines).toContain(heading('He grabs the scissors'));
    input.write('1\n');
    expect(await running).toBe(0);
    const timeout = readLog('fast.log.json').events.find((e) => e.type === 'timeout')!;
    expect(timeout).toMatchObject({ beat: 'talk', to: 'grab' });
    expect(timeout.at).toBeGreaterThanOrEqual(200);
  });

  it('waits for a running timer when the piped answers run out', async () => {
    const scenario = variant('fast-end.scenario.json', fastTimer);
    const { code, out, err } = await play(['1'], scenario, '--out', path('fast-end.log.json'));
    expect(out).toContain('Time is up.');
    expect(code).toBe(1);
    expect(err[0]).toContain('the input ended; the drill stopped at "grab"');
    expect(readLog('fast-end.log.json').events.map((e) => e.type)).toEqual([
      'start',
      'choice',
      'timeout',
    ]);
  });

  it('waits for the timer where no choice is open', async () => {
    // Calm enough that rushing in reaches "talk", where nothing is offered without backup.
    const scenario = variant('closed.scenario.json', (d) => {
      fastTimer(d);
      d.variables.agitation.initial = 2;
      d.beats.talk.choices[0].when = { var: 'backup', eq: true };
    });
    const { code, out } = await play(['2', '1'], scenario);
    expect(code).toBe(0);
    expect(out).toContain('No choice is open to you here.');
    expect(out).toContain('Wait (1 s left):');
    expect(out).toContain('Time is up.');
  });

  it('stops where no choice is open and no timer runs', async () => {
    const scenario = variant('stuck.scenario.json', (d) => {
      d.variables.agitation.initial = 2;
      d.beats.talk.choices[0].when = { var: 'backup', eq: true };
      delete d.beats.talk.timeLimitSec;
      delete d.beats.talk.onTimeout;
    });
    const { code, err } = await play(['2'], scenario);
    expect(code).toBe(1);
    expect(err).toEqual([
      'No choice is available here and there is no timer: the drill cannot go on.',
    ]);
  });
});
