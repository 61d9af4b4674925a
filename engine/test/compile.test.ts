import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compileScenario, initialState, step } from '../src/index';
import { lobby } from './helpers';

describe('compileScenario', () => {
  it('exports the machine config as plain JSON: guards and actions by name with params', () => {
    const { config } = compileScenario(lobby());
    const roundTrip = JSON.parse(JSON.stringify(config));
    expect(roundTrip).toEqual(config);
    expect(Object.keys(config.states.drill.states)).toEqual(
      expect.arrayContaining([
        'arrive',
        'talk',
        'grab',
        'calm',
        'hurt',
        'arrive__rush',
        'talk__label',
        'talk__order',
      ]),
    );
    const talk = config.states.drill.states.talk as Record<string, any>;
    expect(talk.after).toHaveProperty('10000');
    expect(talk.on['choose.order'][0].guard).toEqual({
      type: 'when',
      params: { cond: { var: 'backup', eq: true } },
    });
    expect((config.states.drill.states.calm as Record<string, unknown>).type).toBe('final');
  });

  it('runs as an ordinary XState actor too', () => {
    const { machine } = compileScenario(lobby());
    const start = initialState(lobby(), 1).state;
    const actor = createActor(machine, {
      snapshot: machine.resolveState({
        value: { drill: 'arrive' },
        context: { ...start, pending: null, by: null },
      }),
    });
    actor.start();
    actor.send({ type: 'choose.gap' });
    expect(actor.getSnapshot().value).toEqual({ drill: 'talk' });
    expect(actor.getSnapshot().context.vars.position).toBe('gap');
    actor.stop();
  });

  it('applies effects before a branch chooses the way, and clamps numbers', () => {
    const s = lobby();
    const first = initialState(s, 1).state;
    // agitation 6 + 3 = 9 → the branch "agitation >= 9" holds only after the effect.
    const r = step(s, first, { type: 'choose', choice: 'rush' });
    expect(r.event?.to).toBe('grab');
    const high = { ...first, vars: { ...first.vars, agitation: 9 } };
    expect(step(s, high, { type: 'choose', choice: 'rush' }).state.vars.agitation).toBe(10);
  });

  it('is pure: the same state and decision give the same result', () => {
    const s = lobby();
    const a = step(s, initialState(s, 77).state, { type: 'choose', choice: 'gap' });
    const talk = a.state;
    const x = step(s, talk, { type: 'choose', choice: 'label' });
    const y = step(s, talk, { type: 'choose', choice: 'label' });
    expect(x).toEqual(y);
    expect(talk.beat).toBe('talk');
  });
});
