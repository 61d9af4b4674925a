import { describe, expect, it } from 'vitest';
import { beatGraph, edgeChoice } from '../src/graph';
import { lobby } from './helpers';

describe('beatGraph', () => {
  it('numbers beats in document order and lists each beat’s edges in the order of its choices, then the timer', () => {
    const scenario = lobby();
    const g = beatGraph(scenario);
    expect(g.ids).toEqual(['arrive', 'talk', 'grab', 'calm', 'hurt']);
    expect([...g.outcome]).toEqual([0, 0, 0, 1, 1]);
    expect(g.choices).toBe(5);
    const edges = (beat: string) => {
      const i = g.index[beat]!;
      const out: string[] = [];
      for (let e = g.first[i]!; e < g.first[i + 1]!; e++) {
        out.push(`${edgeChoice(scenario, g, e)}→${g.ids[g.to[e]!]}${g.preferred[e] ? '*' : ''}`);
      }
      return out;
    };
    expect(edges('arrive')).toEqual(['gap→talk*', 'rush→grab', 'rush→talk']);
    expect(edges('talk')).toEqual([
      'label→calm*',
      'label→grab*',
      'order→calm',
      'order→grab',
      '@timeout→grab',
    ]);
    expect(edges('calm')).toEqual([]);
  });

  it('leaves out destinations that name no beat and a timeout without a time limit', () => {
    const scenario = lobby();
    const arrive = scenario.beats.arrive as { choices: { to?: string }[] };
    arrive.choices[0]!.to = 'nowhere';
    const talk = scenario.beats.talk as { timeLimitSec?: number };
    delete talk.timeLimitSec;
    const g = beatGraph(scenario);
    const targets = (i: number) =>
      [...g.to.subarray(g.first[i]!, g.first[i + 1]!)].map((t) => g.ids[t]);
    expect(targets(0)).toEqual(['grab', 'talk']);
    expect(targets(1)).toEqual(['calm', 'grab', 'calm', 'grab']);
  });

  it('grows its edge arrays past the first guess of four edges a beat', () => {
    const scenario = lobby();
    const arrive = scenario.beats.arrive as {
      choices: { id: string; label: string; to: string }[];
    };
    for (let i = 0; i < 40; i++) arrive.choices.push({ id: `c${i}`, label: 'Go', to: 'calm' });
    const g = beatGraph(scenario);
    expect(g.first[1]! - g.first[0]!).toBe(43);
    expect(edgeChoice(scenario, g, 42)).toBe('c39');
    expect(g.to.length).toBe(g.first[g.ids.length]);
  });
});
