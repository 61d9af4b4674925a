/**
 * What the condition and effect forms offer for each variable type: the
 * operators that make sense, a sensible first value, and how to carry a
 * comparison over when its variable changes. Pure data helpers; whether a
 * finished condition is valid is still the engine's call.
 */
import type {
  ComparisonOp,
  Condition,
  Effect,
  Scenario,
  VarCondition,
  Variable,
  VarValue,
} from '@defuse/schemas';

export const OPERATOR_WORDS: Record<ComparisonOp, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  in: 'is one of',
};

/** Operators valid for a variable of this type. */
export function operatorsFor(variable: Variable | undefined): ComparisonOp[] {
  if (!variable) return ['eq', 'ne'];
  if (variable.type === 'number') return ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'];
  if (variable.type === 'boolean') return ['eq', 'ne'];
  return ['eq', 'ne', 'in'];
}

/** The operator a `var` condition uses, if it has exactly one. */
export function operatorOf(cond: VarCondition): ComparisonOp | undefined {
  return (Object.keys(cond) as (keyof VarCondition)[]).find((k): k is ComparisonOp => k !== 'var');
}

/** A first value of the variable's type. */
export function defaultValue(variable: Variable | undefined): VarValue {
  if (!variable) return 0;
  return variable.initial;
}

function fits(variable: Variable | undefined, value: unknown): boolean {
  if (!variable) return true;
  if (variable.type === 'number') return typeof value === 'number';
  if (variable.type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string' && variable.values.includes(value);
}

/** A comparison on `name`, keeping operator and value when they still fit its type. */
export function comparison(
  name: string,
  variable: Variable | undefined,
  op?: ComparisonOp,
  value?: unknown,
): VarCondition {
  const ops = operatorsFor(variable);
  const useOp = op && ops.includes(op) ? op : (ops[0] ?? 'eq');
  if (useOp === 'in') {
    const list = Array.isArray(value) ? value.filter((v) => fits(variable, v)) : [];
    return { var: name, in: list.length ? (list as VarValue[]) : [defaultValue(variable)] };
  }
  const v =
    fits(variable, value) && !Array.isArray(value) ? (value as VarValue) : defaultValue(variable);
  return { var: name, [useOp]: v } as VarCondition;
}

export type ConditionKind = 'var' | 'all' | 'any' | 'not' | 'visited' | 'chose';

export const CONDITION_KIND_WORDS: Record<ConditionKind, string> = {
  var: 'A variable',
  all: 'All of these',
  any: 'Any of these',
  not: 'Not this',
  visited: 'Beat was visited',
  chose: 'Choice was taken',
};

/** The kind of a condition node. */
export function kindOf(cond: Condition): ConditionKind {
  if ('all' in cond) return 'all';
  if ('any' in cond) return 'any';
  if ('not' in cond) return 'not';
  if ('visited' in cond) return 'visited';
  if ('chose' in cond) return 'chose';
  return 'var';
}

/** A first condition of a kind, built from what the scenario has. */
export function newCondition(kind: ConditionKind, doc: Scenario): Condition {
  const [name, variable] = Object.entries(doc.variables ?? {})[0] ?? [];
  const firstBeat = Object.keys(doc.beats)[0] ?? '';
  const leaf = (): Condition => (name ? comparison(name, variable) : { visited: firstBeat });
  switch (kind) {
    case 'var':
      return name ? comparison(name, variable) : { var: '', eq: 0 };
    case 'all':
      return { all: [leaf()] };
    case 'any':
      return { any: [leaf()] };
    case 'not':
      return { not: leaf() };
    case 'visited':
      return { visited: firstBeat };
    case 'chose':
      return { chose: allChoiceIds(doc)[0] ?? '' };
  }
}

/** Every choice id of the document, once each, in document order. */
export function allChoiceIds(doc: Scenario): string[] {
  const ids = new Set<string>();
  for (const beat of Object.values(doc.beats)) {
    if (beat.kind === 'outcome') continue;
    for (const c of beat.choices ?? []) ids.add(c.id);
  }
  return [...ids];
}

/** A first effect on the scenario's first variable. */
export function newEffect(doc: Scenario): Effect {
  const [name, variable] = Object.entries(doc.variables ?? {})[0] ?? ['', undefined];
  if (variable?.type === 'number') return { add: name, by: 1 };
  return { set: name, to: defaultValue(variable) };
}

/** The effect on another variable, keeping its action and value when they still fit. */
export function retargetEffect(
  effect: Effect,
  name: string,
  variable: Variable | undefined,
): Effect {
  if ('add' in effect && variable?.type === 'number') return { add: name, by: effect.by };
  const value = 'set' in effect ? effect.to : undefined;
  return { set: name, to: fits(variable, value) ? value! : defaultValue(variable) };
}
