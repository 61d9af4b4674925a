import { congruential32, congruential32FromState } from 'pure-rand/generator/congruential32';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/**
 * The seeded generator behind `chance` and solo `instructor` draws. Its whole
 * state is one 32-bit integer, kept in the drill state (and so in XState's
 * context), which makes a replay with the same seed draw the same way.
 */
export function seedState(seed: number): number {
  return congruential32(seed >>> 0).getState()[0]!;
}

/** Draws an index by weight; returns it with the generator's next state. */
export function drawWeighted(
  rngState: number,
  weights: readonly number[],
): { index: number; rng: number } {
  const rng = congruential32FromState([rngState]);
  const point = uniformFloat64(rng);
  // Weights so large that their sum overflows to Infinity (every share would
  // then be 0 and the last option always win) are scaled by the largest one
  // first. Only then: recorded draws must replay bit for bit.
  let scale = 1;
  let total = weights.reduce((sum, w) => sum + (w > 0 ? w : 0), 0);
  if (!Number.isFinite(total)) {
    scale = weights.reduce((max, w) => (w > max ? w : max), 0);
    total = weights.reduce((sum, w) => sum + (w > 0 ? w / scale : 0), 0);
  }
  let acc = 0;
  let index = weights.length - 1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    acc += w / scale / total;
    if (point < acc) {
      index = i;
      break;
    }
  }
  return { index, rng: rng.getState()[0]! };
}

/** A fresh seed for a new drill. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
