import type { Effect, Variable, Vars } from '@defuse/schemas';

/**
 * The largest magnitude a number variable can take, whatever its range. The
 * schema bounds every number a scenario writes to 1e9, but `add` effects on a
 * variable without `max` repeat with every lap of a cycle; without a ceiling
 * they would reach `Infinity`, which JSON (and so the log) cannot hold. 1e15
 * keeps sums exact (below 2^53) and is out of reach of any real drill.
 */
export const NUMBER_LIMIT = 1e15;

/**
 * Applies effects in order and returns the new variable state; number
 * variables are clamped to their `min`/`max`, and always to
 * ±{@link NUMBER_LIMIT}. The input is not changed.
 */
export function applyEffects(
  effects: readonly Effect[] | undefined,
  vars: Vars,
  variables: Record<string, Variable> | undefined,
): Vars {
  if (!effects || effects.length === 0) return vars;
  const next: Vars = { ...vars };
  for (const effect of effects) {
    if ('add' in effect) {
      const current = next[effect.add];
      if (typeof current !== 'number') continue;
      next[effect.add] = clamp(current + effect.by, variables?.[effect.add]);
    } else {
      const def = variables?.[effect.set];
      next[effect.set] = typeof effect.to === 'number' ? clamp(effect.to, def) : effect.to;
    }
  }
  return next;
}

function clamp(value: number, def: Variable | undefined): number {
  if (!def || def.type !== 'number') return value;
  let v = Math.min(NUMBER_LIMIT, Math.max(-NUMBER_LIMIT, value));
  // Keep sums like 0.1 + 0.2 from leaking float noise into logs and charts.
  v = Math.round(v * 1e9) / 1e9;
  if (def.min !== undefined && v < def.min) v = def.min;
  if (def.max !== undefined && v > def.max) v = def.max;
  return v;
}

/** The initial variable state of a scenario. */
export function initialVars(variables: Record<string, Variable> | undefined): Vars {
  const vars: Vars = {};
  for (const [name, def] of Object.entries(variables ?? {})) vars[name] = def.initial;
  return vars;
}
