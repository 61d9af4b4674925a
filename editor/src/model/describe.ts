/**
 * Short plain-language readings of conditions and effects, for edge labels
 * and summaries. They describe the data; the engine alone evaluates it.
 */
import type { Condition, Effect, VarValue } from '@defuse/schemas';

const OP_WORDS: Record<string, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'is one of',
};

function value(v: unknown): string {
  if (Array.isArray(v)) return v.map(value).join(', ');
  if (typeof v === 'string') return v;
  return String(v as VarValue);
}

/** "agitation < 9", "visited 'desk'", "not (backup = true)". */
export function describeCondition(cond: Condition | undefined): string {
  if (!cond || typeof cond !== 'object') return 'always';
  if ('all' in cond) return cond.all.map(wrap).join(' and ') || 'always';
  if ('any' in cond) return cond.any.map(wrap).join(' or ') || 'never';
  if ('not' in cond) return `not ${wrap(cond.not)}`;
  if ('visited' in cond) return `visited '${cond.visited}'`;
  if ('chose' in cond) return `chose '${cond.chose}'`;
  if ('var' in cond) {
    for (const op of Object.keys(OP_WORDS)) {
      if (op in cond) return `${cond.var} ${OP_WORDS[op]} ${value(cond[op as keyof typeof cond])}`;
    }
    return `${cond.var} ?`;
  }
  return '?';
}

function wrap(cond: Condition): string {
  const text = describeCondition(cond);
  return 'all' in cond || 'any' in cond ? `(${text})` : text;
}

/** "agitation −1", "position := gap". */
export function describeEffect(effect: Effect): string {
  if ('add' in effect) {
    const by = effect.by;
    return `${effect.add} ${by < 0 ? '−' : '+'}${Math.abs(by)}`;
  }
  return `${effect.set} := ${value(effect.to)}`;
}
