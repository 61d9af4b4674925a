import type { Condition, VarCondition, VarValue, Vars } from '@defuse/schemas';

/** What a condition can look at: the variables and this session's history. */
export interface ConditionContext {
  vars: Vars;
  visited: readonly string[];
  chose: readonly string[];
}

/** The single comparison operator of a `var` condition, if it has exactly one. */
export function comparisonOf(cond: VarCondition): { op: string; value: unknown } | undefined {
  let found: (typeof OPERATORS)[number] | undefined;
  for (const op of OPERATORS) {
    if (!Object.hasOwn(cond, op)) continue;
    if (found) return undefined;
    found = op;
  }
  return found && { op: found, value: cond[found] };
}

const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;

/**
 * Evaluates a condition tree. Conditions are data, never code: this is the
 * only place that gives them meaning.
 */
export function evaluateCondition(cond: Condition, ctx: ConditionContext): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, ctx));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, ctx));
  if ('not' in cond) return !evaluateCondition(cond.not, ctx);
  if ('visited' in cond) return ctx.visited.includes(cond.visited);
  if ('chose' in cond) return ctx.chose.includes(cond.chose);
  const cmp = comparisonOf(cond);
  if (!cmp) return false;
  const actual = ctx.vars[cond.var];
  const expected = cmp.value as VarValue;
  switch (cmp.op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'lt':
      return typeof actual === 'number' && actual < (expected as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (expected as number);
    case 'gt':
      return typeof actual === 'number' && actual > (expected as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (expected as number);
    case 'in':
      return Array.isArray(cmp.value) && (cmp.value as VarValue[]).includes(actual as VarValue);
    default:
      return false;
  }
}
