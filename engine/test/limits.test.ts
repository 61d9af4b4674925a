import { describe, expect, it } from 'vitest';
import type { Variable } from '@defuse/schemas';
import { applyEffects, NUMBER_LIMIT } from '../src/effects';
import { congruential32FromState } from 'pure-rand/generator/congruential32';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { drawWeighted, seedState } from '../src/random';

describe('number variables', () => {
  const unbounded: Record<string, Variable> = { rapport: { type: 'number', initial: 0 } };

  it('stop at the number limit instead of growing to Infinity round a cycle', () => {
    let vars: Record<string, number | string | boolean> = { rapport: 0 };
    for (let lap = 0; lap < 2000; lap++) {
      vars = applyEffects(
        [
          { add: 'rapport', by: 1e9 },
          { add: 'rapport', by: 1e9 },
        ],
        vars,
        unbounded,
      );
    }
    expect(vars.rapport).toBeCloseTo(4e12, 0);
    vars = applyEffects([{ add: 'rapport', by: 1e300 }], vars, unbounded);
    expect(vars.rapport).toBe(NUMBER_LIMIT);
    expect(Number.isFinite(vars.rapport)).toBe(true);
    vars = applyEffects([{ add: 'rapport', by: -Number.MAX_VALUE }], vars, unbounded);
    expect(vars.rapport).toBe(-NUMBER_LIMIT);
    // The log can hold it: JSON has no Infinity.
    expect(JSON.parse(JSON.stringify(vars))).toEqual(vars);
  });
});

describe('weighted draws', () => {
  it('share huge weights fairly instead of overflowing their sum', () => {
    const taken = [0, 0];
    let rng = seedState(1);
    for (let i = 0; i < 1000; i++) {
      const draw = drawWeighted(rng, [Number.MAX_VALUE, Number.MAX_VALUE]);
      taken[draw.index]!++;
      rng = draw.rng;
    }
    expect(taken[0]).toBeGreaterThan(400);
    expect(taken[1]).toBeGreaterThan(400);
  });

  it('draw ordinary weights exactly as before, so recorded draws replay', () => {
    // The draw as it was before huge weights were scaled (uniformFloat64 of the same generator).
    const before = (point: number, weights: number[]) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let acc = 0;
      for (let i = 0; i < weights.length; i++) {
        acc += weights[i]! / total;
        if (point < acc) return i;
      }
      return weights.length - 1;
    };
    const weights = [0.1, 0.2, 0.3, 7, 1e6];
    for (let seed = 0; seed < 2000; seed++) {
      const rng = congruential32FromState([seedState(seed)]);
      const point = uniformFloat64(rng);
      expect(drawWeighted(seedState(seed), weights).index).toBe(before(point, weights));
    }
  });
});
