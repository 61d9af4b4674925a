import { describe, expect, it } from 'vitest';
import type { Scenario } from '@defuse/schemas';
import { analyzeScenario } from '../src/index';
import { fakeBeat, fakeScenario, lobby } from './helpers';

const outcome = {
  kind: 'outcome' as const,
  title: 'Done',
  outcome: {
    result: 'resolved' as const,
    force: 'none' as const,
    officerInjury: false,
    subjectInjury: false,
  },
};

describe('analyzeScenario', () => {
  it('finds nothing wrong with the lobby fixture and counts it', () => {
    const a = analyzeScenario(lobby());
    expect(a.diagnostics).toEqual([]);
    expect(a.counts).toMatchObject({
      beats: 5,
      sceneBeats: 3,
      outcomes: 2,
      choices: 5,
      hasCycles: false,
    });
    // arrive→talk via gap (talk: label→calm|grab, order→calm|grab, timeout→grab; grab→hurt) and
    // arrive→rush→(grab|talk).
    expect(a.counts.paths).toBe(11);
  });

  it('warns about a beat no path reaches and an outcome never reached', () => {
    const s = fakeScenario();
    s.beats.island = fakeBeat({ choices: [{ id: 'go', label: 'Go', to: 'lost' }] });
    s.beats.lost = outcome;
    const a = analyzeScenario(s);
    expect(a.unreachableBeats).toEqual(['island']);
    expect(a.unreachedOutcomes).toEqual(['lost']);
    expect(a.diagnostics.map((d) => `${d.code} ${d.severity} ${d.path}`)).toEqual([
      'DF401 warning /beats/island',
      'DF405 warning /beats/lost',
    ]);
  });

  it('reports a trap: beats from which no outcome can be reached', () => {
    const s = fakeScenario();
    s.beats.a = fakeBeat({
      choices: [
        { id: 'go', label: 'Go', to: 'end' },
        { id: 'loop', label: 'Loop', to: 'b' },
      ],
    });
    s.beats.b = fakeBeat({ choices: [{ id: 'back', label: 'Back', to: 'c' }] });
    s.beats.c = fakeBeat({ choices: [{ id: 'again', label: 'Again', to: 'b' }] });
    const a = analyzeScenario(s);
    expect(a.trapBeats).toEqual(['b', 'c']);
    expect(a.diagnostics.filter((d) => d.code === 'DF402').map((d) => d.severity)).toEqual([
      'error',
      'error',
    ]);
    expect(a.counts.hasCycles).toBe(true);
  });

  it('warns when every choice of a beat is conditional and no timer can move on', () => {
    const s = fakeScenario({ variables: { calm: { type: 'boolean', initial: false } } });
    s.beats.a = fakeBeat({
      choices: [{ id: 'go', label: 'Go', when: { var: 'calm', eq: true }, to: 'end' }],
    });
    expect(analyzeScenario(s).diagnostics.map((d) => d.code)).toEqual(['DF403']);
  });

  it('warns about images without alt text', () => {
    const s = fakeScenario();
    s.beats.a = { ...s.beats.a!, media: [{ type: 'image', src: 'desk.jpg' }] };
    expect(analyzeScenario(s).diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'DF404 /beats/a/media/0',
    ]);
  });

  it('counts simple paths through cycles and says when the count is capped', () => {
    const s: Scenario = fakeScenario();
    s.beats.a = fakeBeat({
      choices: [
        { id: 'go', label: 'Go', to: 'end' },
        { id: 'ask', label: 'Ask', to: 'b' },
      ],
    });
    s.beats.b = fakeBeat({
      choices: [
        { id: 'back', label: 'Back', to: 'a' },
        { id: 'go', label: 'Go', to: 'end' },
      ],
    });
    const a = analyzeScenario(s);
    expect(a.counts).toMatchObject({ hasCycles: true, paths: 2, pathsCapped: false });
  });

  it('gives the shortest route of preferred choices to each outcome', () => {
    const a = analyzeScenario(lobby());
    expect(a.preferredPaths.calm?.map((p) => p.choice)).toEqual(['gap', 'label']);
    expect(a.preferredPaths.hurt?.map((p) => `${p.beat}:${p.choice}`)).toEqual([
      'arrive:gap',
      'talk:label',
      'grab:cover',
    ]);
  });
});

describe('large scenarios', () => {
  it('analyses a 20,000-beat chain with a loop back at every beat without overflowing the stack', () => {
    const s = fakeScenario();
    const n = 20_000;
    s.start = 'b0';
    for (let i = 0; i < n; i++) {
      const next = i === n - 1 ? 'end' : `b${i + 1}`;
      s.beats[`b${i}`] = fakeBeat({
        choices: [
          { id: 'on', label: 'On', to: next },
          { id: 'back', label: 'Back', to: `b${Math.max(0, i - 1)}` },
        ],
      });
    }
    delete s.beats.a;
    const a = analyzeScenario(s);
    expect(a.counts.hasCycles).toBe(true);
    expect(a.counts.paths).toBeGreaterThanOrEqual(1);
    expect(a.trapBeats).toEqual([]);
  });
});
