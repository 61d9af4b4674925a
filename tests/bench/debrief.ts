import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classStats, parseScenario, startDrill, toXapiStatements } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { seeded } from './generate';
import type { BenchRow } from './types';

const LOGS = 1000;

function libraryScenario(): Scenario {
  const file = fileURLToPath(
    new URL('../../scenarios/library-agitated-patron.scenario.json', import.meta.url),
  );
  const { scenario, diagnostics } = parseScenario(readFileSync(file));
  if (!scenario) throw new Error(`library scenario invalid: ${diagnostics[0]?.message}`);
  return scenario;
}

/**
 * A class of trainees on the library scenario: each run takes random offered
 * choices (now and then letting a timer run out) with 1 to 12 s per decision.
 */
export async function generateClass(scenario: Scenario, count: number): Promise<DecisionLog[]> {
  const random = seeded(2718);
  const logs: DecisionLog[] = [];
  for (let i = 0; i < count; i++) {
    let now = 0;
    const drill = await startDrill(scenario, {
      seed: i + 1,
      clock: () => now,
      trainee: { id: `T${String(i + 1).padStart(4, '0')}` },
      sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      startedAt: '2026-11-22T14:00:00.000Z',
    });
    for (let steps = 0; steps < 60 && !drill.snapshot().done; steps++) {
      const snap = drill.snapshot();
      now += 1000 + Math.floor(random() * 11_000);
      if (snap.deadline !== undefined && (snap.choices.length === 0 || random() < 0.1)) {
        now = Math.max(now, snap.deadline);
        await drill.expire();
      } else if (snap.choices.length > 0) {
        await drill.choose(snap.choices[Math.floor(random() * snap.choices.length)]!.id);
      } else break;
    }
    logs.push(drill.log());
  }
  return logs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The debrief's class view and xAPI export over 1,000 logs of the library scenario. */
export async function benchDebrief(): Promise<BenchRow[]> {
  const scenario = libraryScenario();
  const logs = await generateClass(scenario, LOGS);
  const events = logs.reduce((n, l) => n + l.events.length, 0);
  const parseFloor = timed(5, () => {
    for (const log of logs) JSON.parse(JSON.stringify(log));
  });
  const stats = timed(3, () => {
    const result = classStats(scenario, logs);
    if (result.runs !== LOGS) throw new Error(`class view counted ${result.runs} of ${LOGS} logs`);
  });
  const xapi = timed(3, () => toXapiStatements(scenario, logs));
  return [
    {
      name: `debrief: class view of ${LOGS} logs (${events} events, verified)`,
      value: round(stats),
      unit: 'ms',
      budget: 1000,
      ratio: `${(stats / parseFloor).toFixed(1)}x JSON round trip`,
    },
    {
      name: `debrief: xAPI export of ${LOGS} logs`,
      value: round(xapi),
      unit: 'ms',
    },
  ];
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
