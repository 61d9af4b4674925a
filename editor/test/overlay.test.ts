import { describe, expect, it } from 'vitest';
import { startDrill } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { classOverlay, readLogs } from '../src/overlay/class-overlay';
import { leaverKey } from '../src/canvas/graph';
import { buildFresh } from '../src/canvas/graph';
import { fakeScenario } from './factories';

async function run(scenario: Scenario, choices: string[], n: number): Promise<DecisionLog> {
  let now = 0;
  const drill = await startDrill(scenario, {
    seed: n,
    clock: () => now,
    trainee: { id: `T${n}` },
    startedAt: '2026-11-22T14:00:00.000Z',
  });
  for (const choice of choices) {
    now += 2000;
    await drill.choose(choice);
  }
  return drill.log();
}

describe('class overlay', () => {
  it('shows the share of runs on each way out and the runs that reached each outcome', async () => {
    const shipped = fakeScenario();
    const logs = [
      await run(shipped, ['slow-down', 'listen'], 1),
      await run(shipped, ['slow-down', 'listen'], 2),
      await run(shipped, ['rush-in', 'step-back'], 3),
      await run(shipped, ['slow-down', 'listen'], 4),
    ];
    // Laid out in the editor, the document carries positions the drills never saw.
    const doc: Scenario = { ...shipped, 'x-editor': { positions: { arrival: { x: 0, y: 0 } } } };
    const overlay = classOverlay(doc, logs);
    expect(overlay.title).toBe('4 runs · 4 finished');
    expect(overlay.edgeShares.get(leaverKey({ beat: 'arrival', choice: 'slow-down' }))).toBe(0.75);
    expect(overlay.edgeShares.get(leaverKey({ beat: 'arrival', choice: 'rush-in' }))).toBe(0.25);
    expect(overlay.edgeShares.get(leaverKey({ beat: 'arrival', timeout: true }))).toBe(0);
    expect(overlay.beatCounts.get('calm-exit')).toBe(4);
    expect(overlay.beatCounts.get('arrest')).toBe(0);

    const graph = buildFresh({ doc, diagnostics: [], selection: { beats: [] }, overlay });
    const slow = graph.edges.find(
      (e) => e.data?.leaver && 'choice' in e.data.leaver && e.data.leaver.choice === 'slow-down',
    );
    expect(slow?.label).toContain('75%');
    expect(graph.nodes.find((n) => n.id === 'calm-exit')?.data).toMatchObject({ count: 4 });
  });

  it('leaves out logs of another scenario version and says so', async () => {
    const other = fakeScenario({ version: '0.9.0' });
    const logs = [
      await run(other, ['slow-down', 'listen'], 1),
      await run(fakeScenario(), ['rush-in', 'step-back'], 2),
    ];
    const overlay = classOverlay(fakeScenario(), logs);
    expect(overlay.stats.runs).toBe(1);
    expect(overlay.title).toBe('1 run · 1 finished · 1 log left out');
  });

  it('sets aside files that are not decision logs', () => {
    const read = readLogs([{ name: 'notes.txt', text: 'hello' }]);
    expect(read.logs).toEqual([]);
    expect(read.refused[0]?.file).toBe('notes.txt');
  });
});
