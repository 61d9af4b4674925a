import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';
import type { SimulationResult } from '../src/cli/simulation';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
const lobbyText = readFileSync(LOBBY, 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-simulate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, change: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(lobbyText) as Record<string, any>;
  change(doc);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await runCli(['simulate', ...argv], io);
  return { code, out: io.lines, err: io.errors, text: io.text() };
}

async function simulate(...argv: string[]): Promise<SimulationResult> {
  const { code, text } = await cli(...argv, '--json');
  expect(code).toBe(0);
  return JSON.parse(text) as SimulationResult;
}

const runsAt = (r: SimulationResult, beat: string) => r.outcomes.find((o) => o.beat === beat)!.runs;

describe('defuse simulate', () => {
  it('follows preferred choices: every run talks, and only the 1-in-4 draw goes wrong', async () => {
    const r = await simulate(LOBBY, '--runs', '600', '--policy', 'preferred');
    expect(r.runs).toBe(600);
    expect(runsAt(r, 'calm') + runsAt(r, 'hurt')).toBe(600);
    expect(runsAt(r, 'calm') / 600).toBeGreaterThan(0.68);
    expect(runsAt(r, 'calm') / 600).toBeLessThan(0.82);
    expect(r.results).toEqual({ resolved: runsAt(r, 'calm'), 'force-used': runsAt(r, 'hurt') });
    // gap and label every time, then "cover" after the draws that go to "grab".
    expect(r.meanDecisions).toBeCloseTo(2 + runsAt(r, 'hurt') / 600, 10);
    expect(r.timeouts).toBe(0);
  });

  it('takes any available choice at random, which ends worse than the preferred policy', async () => {
    const r = await simulate(LOBBY, '--runs', '600', '--policy', 'random');
    // Half rush in (always "grab"); of the rest, half label (3 in 4 calm), half order (1 in 2).
    expect(runsAt(r, 'calm') / 600).toBeGreaterThan(0.25);
    expect(runsAt(r, 'calm') / 600).toBeLessThan(0.38);
    expect(r.timeouts).toBe(0);
  });

  it('gives the same distribution for the same seed, and another for another seed', async () => {
    const a = await simulate(LOBBY, '--runs', '200', '--seed', '42');
    const b = await simulate(LOBBY, '--runs', '200', '--seed', '42');
    const c = await simulate(LOBBY, '--runs', '200', '--seed', '4242');
    expect(a).toEqual(b);
    expect(c.outcomes).not.toEqual(a.outcomes);
  });

  it('waits out a timer only where no choice is open', async () => {
    // Calm enough that rushing in reaches "talk", where nothing is offered without backup.
    const closed = variant('closed.scenario.json', (d) => {
      d.variables.agitation.initial = 2;
      d.beats.talk.choices[0].when = { var: 'backup', eq: true };
    });
    const r = await simulate(closed, '--runs', '400');
    expect(r.timeouts).toBeGreaterThan(150);
    expect(r.timeouts).toBeLessThan(250);
    expect(r.stuck).toEqual({});
    const { out } = await cli(closed, '--runs', '400');
    expect(out).toContain(`Timers that ran out (where no choice was open): ${r.timeouts}`);
  });

  it('counts runs that get stuck and runs that never end', async () => {
    const stuck = variant('stuck.scenario.json', (d) => {
      d.variables.agitation.initial = 2;
      d.beats.talk.choices[0].when = { var: 'backup', eq: true };
      delete d.beats.talk.timeLimitSec;
      delete d.beats.talk.onTimeout;
    });
    const s = await simulate(stuck, '--runs', '300');
    expect(s.stuck.talk).toBeGreaterThan(100);
    expect(s.outcomes.reduce((n, o) => n + o.runs, 0) + s.stuck.talk!).toBe(300);
    expect((await cli(stuck, '--runs', '300')).out).toContain(
      `Stuck at "talk" (no choice available, no timer): ${s.stuck.talk} (${((s.stuck.talk! / 300) * 100).toFixed(1)}%)`,
    );

    const loop = variant('loop.scenario.json', (d) => {
      d.beats.grab.choices.push({ id: 'wait', label: 'Wait', rating: 'preferred', to: 'grab' });
      d.beats.grab.choices[0].rating = 'acceptable';
      d.beats.arrive.choices[1].rating = 'preferred';
      d.beats.arrive.choices[0].rating = 'poor';
    });
    const l = await simulate(loop, '--runs', '3', '--policy', 'preferred');
    expect(l.endless).toBe(3);
  });

  it('prints the distribution per outcome and per result, and the mean number of decisions', async () => {
    const { code, out } = await cli(LOBBY, '--runs', '100', '--policy', 'preferred', '--seed', '7');
    expect(code).toBe(0);
    expect(out[0]).toBe(
      'Shouting man in a lobby (lobby-test 1.0.0): 100 runs, policy preferred, seeds 7 to 106',
    );
    expect(out[2]!.split(/\s{2,}/)).toEqual(['outcome', 'title', 'result', 'runs', 'share']);
    const calm = out.find((l) => l.startsWith('calm '))!.split(/\s{2,}/);
    expect(calm.slice(0, 3)).toEqual(['calm', 'He sits down', 'resolved']);
    expect(calm[4]).toBe(`${Number(calm[3]).toFixed(1)}%`);
    expect(out.at(-1)).toMatch(/^Mean decisions per run: 2\.\d\d$/);
  });

  it('exits 2 on a bad number of runs or an unknown policy', async () => {
    expect((await cli(LOBBY, '--runs', '0')).err[0]).toBe(
      'defuse simulate: --runs must be a whole number from 1 to 1000000, not "0"',
    );
    expect((await cli(LOBBY, '--policy', 'smart')).code).toBe(2);
  });
});
