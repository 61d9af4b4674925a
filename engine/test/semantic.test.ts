import { describe, expect, it } from 'vitest';
import type { Scenario } from '@defuse/schemas';
import { validateScenario } from '../src/index';
import { fakeBeat, fakeScenario, lobby } from './helpers';

/** Applies an edit to a copy of the lobby fixture and returns "code path" of each diagnostic. */
function findings(edit: (s: any) => void): string[] {
  const doc: any = structuredClone(lobby());
  edit(doc);
  return validateScenario(doc).diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe('semantic checks', () => {
  it('reports a destination beat that does not exist, in every destination form', () => {
    expect(findings((s) => (s.beats.arrive.choices[0].to = 'nowhere'))).toEqual([
      'DF301 /beats/arrive/choices/0/to',
    ]);
    expect(findings((s) => (s.beats.arrive.choices[1].branches[0].to = 'x'))).toEqual([
      'DF301 /beats/arrive/choices/1/branches/0/to',
    ]);
    expect(findings((s) => (s.beats.talk.choices[0].chance[1].to = 'x'))).toEqual([
      'DF301 /beats/talk/choices/0/chance/1/to',
    ]);
    expect(findings((s) => (s.beats.talk.choices[1].instructor[0].to = 'x'))).toEqual([
      'DF301 /beats/talk/choices/1/instructor/0/to',
    ]);
    expect(findings((s) => (s.beats.talk.onTimeout.to = 'x'))).toEqual([
      'DF301 /beats/talk/onTimeout/to',
    ]);
  });

  it('reports a missing start beat', () => {
    expect(findings((s) => (s.start = 'lobby'))).toEqual(['DF302 /start']);
  });

  it('reports a choice id used twice in one beat', () => {
    expect(findings((s) => (s.beats.arrive.choices[1].id = 'gap'))).toEqual([
      'DF303 /beats/arrive/choices/1/id',
    ]);
  });

  it('requires the last branch to have no condition', () => {
    expect(
      findings((s) => (s.beats.arrive.choices[1].branches[1].when = { var: 'rapport', gt: 2 })),
    ).toEqual(['DF304 /beats/arrive/choices/1/branches/1']);
  });

  it('reports unknown variables and wrong types in conditions', () => {
    expect(findings((s) => (s.beats.talk.choices[1].when = { var: 'mood', eq: 1 }))).toEqual([
      'DF306 /beats/talk/choices/1/when/var',
    ]);
    expect(findings((s) => (s.beats.talk.choices[1].when = { var: 'backup', gt: 1 }))).toEqual([
      'DF307 /beats/talk/choices/1/when/gt',
    ]);
    expect(findings((s) => (s.beats.talk.choices[1].when = { var: 'backup', eq: 'yes' }))).toEqual([
      'DF307 /beats/talk/choices/1/when/eq',
    ]);
    expect(
      findings((s) => (s.beats.talk.choices[1].when = { var: 'position', in: ['gap', 'far'] })),
    ).toEqual(['DF311 /beats/talk/choices/1/when/in/1']);
  });

  it('reports unknown variables, wrong types and out-of-range values in effects', () => {
    expect(
      findings((s) => (s.beats.arrive.choices[0].effects[2] = { add: 'anger', by: 1 })),
    ).toEqual(['DF308 /beats/arrive/choices/0/effects/2/add']);
    expect(
      findings((s) => (s.beats.arrive.choices[0].effects[2] = { add: 'backup', by: 1 })),
    ).toEqual(['DF309 /beats/arrive/choices/0/effects/2/add']);
    expect(
      findings((s) => (s.beats.arrive.choices[0].effects[2] = { set: 'agitation', to: 11 })),
    ).toEqual(['DF310 /beats/arrive/choices/0/effects/2/to']);
    expect(
      findings((s) => (s.beats.arrive.choices[0].effects[0] = { set: 'position', to: 'far' })),
    ).toEqual(['DF311 /beats/arrive/choices/0/effects/0/to']);
  });

  it('requires onTimeout on a timed beat', () => {
    expect(findings((s) => delete s.beats.talk.onTimeout)).toEqual([
      'DF312 /beats/talk/timeLimitSec',
    ]);
  });

  it('reports a scene beat that has no choice and no timer', () => {
    expect(findings((s) => (s.beats.grab.choices = []))).toContain('DF315 /beats/grab');
  });

  it('reports actsOn naming a cue the beat does not show', () => {
    expect(findings((s) => (s.beats.arrive.choices[0].actsOn = ['knife']))).toEqual([
      'DF316 /beats/arrive/choices/0/actsOn/0',
    ]);
  });

  it('reports weights that are not positive', () => {
    expect(findings((s) => (s.beats.talk.choices[0].chance[0].weight = 0))).toEqual([
      'DF317 /beats/talk/choices/0/chance/0/weight',
    ]);
    expect(findings((s) => (s.beats.talk.choices[1].instructor[1].weight = -2))).toEqual([
      'DF317 /beats/talk/choices/1/instructor/1/weight',
    ]);
  });

  it('reports variables whose initial value is outside their own definition', () => {
    expect(findings((s) => (s.variables.agitation.initial = 12))).toEqual([
      'DF318 /variables/agitation/initial',
    ]);
    expect(findings((s) => (s.variables.position.initial = 'far'))).toEqual([
      'DF311 /variables/position/initial',
    ]);
  });

  it('reports conditions naming beats or choices that do not exist', () => {
    expect(findings((s) => (s.beats.talk.choices[1].when = { visited: 'roof' }))).toEqual([
      'DF320 /beats/talk/choices/1/when/visited',
    ]);
    expect(findings((s) => (s.beats.talk.choices[1].when = { chose: 'dance' }))).toEqual([
      'DF320 /beats/talk/choices/1/when/chose',
    ]);
  });

  it('accepts a condition on a choice of a later beat, and reports in document order', () => {
    // "order" is a choice of "talk", which comes after "arrive" in the document.
    expect(findings((s) => (s.beats.arrive.choices[0].when = { chose: 'order' }))).toEqual([]);
    expect(
      findings((s) => {
        s.beats.arrive.choices[0].when = { any: [{ chose: 'dance' }, { chose: 'order' }] };
        s.beats.arrive.choices[0].to = 'nowhere';
        s.beats.talk.choices[1].when = { chose: 'sing' };
        s.beats.talk.onTimeout.to = 'roof';
      }),
    ).toEqual([
      'DF320 /beats/arrive/choices/0/when/any/0/chose',
      'DF301 /beats/arrive/choices/0/to',
      'DF320 /beats/talk/choices/1/when/chose',
      'DF301 /beats/talk/onTimeout/to',
    ]);
  });

  it('names the beat of each finding so the editor can pin it', () => {
    const doc = fakeScenario({
      beats: {
        ...fakeScenario().beats,
        a: fakeBeat({ choices: [{ id: 'go', label: 'Go', to: 'x' }] }),
      },
    });
    expect(validateScenario(doc).diagnostics[0]?.beat).toBe('a');
  });

  it('returns no scenario while errors remain', () => {
    const doc: Scenario = structuredClone(lobby());
    doc.start = 'nowhere';
    expect(validateScenario(doc).scenario).toBeUndefined();
  });
});
