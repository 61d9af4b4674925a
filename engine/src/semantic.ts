import {
  isOutcomeBeat,
  type AddEffect,
  type Beat,
  type Condition,
  type Destination,
  type Effect,
  type Scenario,
  type SetEffect,
  type Variable,
  type VarCondition,
} from '@defuse/schemas';
import { comparisonOf } from './conditions';
import type { DiagnosticCode } from './diagnostic-codes';
import { diagnostic, pointer } from './diagnostics';
import { GraphBuilder, type BeatGraph } from './graph';
import type { Diagnostic } from './types';

/** What the semantic walk finds: its diagnostics, and the beat graph it read on the way. */
export interface SemanticResult {
  diagnostics: Diagnostic[];
  graph: BeatGraph;
}

/**
 * The checks a JSON Schema cannot express: destinations exist, variables are
 * known and typed, weights are positive, cues named by `actsOn` are shown.
 * Runs on documents that already match the schema.
 *
 * It walks every choice of every beat, so it is written for large documents:
 * the walk keeps the JSON pointer as a stack of tokens and joins it only
 * when it reports something, builds sets only when they are needed, and
 * builds the beat graph from the destinations it checks, so the analysis
 * need not read the document again.
 */
export function checkSemantics(scenario: Scenario): SemanticResult {
  const ctx = new Checker(scenario.beats, scenario.variables ?? {});
  if (ctx.graph.index[scenario.start] === undefined) {
    ctx.out.push(
      diagnostic('DF302', '/start', `the start beat "${scenario.start}" does not exist`, {
        beat: undefined,
      }),
    );
  }
  for (const name in ctx.variables) checkVariable(name, ctx.variables[name]!, ctx);
  const ids = ctx.graph.ids;
  for (let i = 0; i < ids.length; i++) {
    ctx.beat = i;
    ctx.path.push('beats', ids[i]!);
    checkBeat(scenario.beats[ids[i]!]!, ctx);
    ctx.path.length = 0;
  }
  ctx.checkChosen();
  return { diagnostics: ctx.out, graph: ctx.graph.build() };
}

/** A `chose` condition, checked once every choice id is known. */
interface ChoseReference {
  choice: string;
  path: string;
  /** Where in the diagnostics its finding belongs, to keep document order. */
  at: number;
}

/** The walk's state: what the document declares, where the walk is, and what it found. */
class Checker {
  readonly out: Diagnostic[] = [];
  /** Reference tokens of the JSON pointer to the value being checked. */
  readonly path: (string | number)[] = [];
  readonly graph: GraphBuilder;
  /** The number of the beat being checked. */
  beat = 0;
  /** False while checking a destination the drill can never take (onTimeout without a timer). */
  linking = true;
  private readonly choiceIds: string[] = [];
  private readonly chose: ChoseReference[] = [];

  constructor(
    beats: Record<string, Beat>,
    readonly variables: Record<string, Variable>,
  ) {
    this.graph = new GraphBuilder(beats);
  }

  /** Reports at the current place, or below it by `tail`. */
  report(code: DiagnosticCode, message: string, ...tail: (string | number)[]): void {
    this.out.push(diagnostic(code, pointer(...this.path, ...tail), message));
  }

  hasBeat(id: string): boolean {
    return this.graph.index[id] !== undefined;
  }

  /**
   * Links the current beat to the beat `target` in the graph, for its
   * choice number `choice` (-1: the timer). False when no beat has that id.
   */
  link(target: string, choice: number, preferred: boolean): boolean {
    const to = this.graph.index[target];
    if (to === undefined) return false;
    if (this.linking) this.graph.target(this.beat, to, choice, preferred);
    return true;
  }

  variable(name: string): Variable | undefined {
    return Object.hasOwn(this.variables, name) ? this.variables[name] : undefined;
  }

  /** Notes a choice id of the current beat. */
  addChoiceId(id: string): void {
    this.choiceIds.push(id);
  }

  /** Notes a `chose` condition at the current place, to check once all choices are known. */
  referToChoice(choice: string): void {
    this.chose.push({ choice, path: pointer(...this.path, 'chose'), at: this.out.length });
  }

  /**
   * Reports the `chose` conditions that name no choice of any beat, each
   * where the walk met it among the other findings (in one pass, however many).
   */
  checkChosen(): void {
    if (this.chose.length === 0) return;
    const known = new Set(this.choiceIds);
    const unknown = this.chose.filter((ref) => !known.has(ref.choice));
    if (unknown.length === 0) return;
    const found = this.out.splice(0);
    let k = 0;
    for (let i = 0; i <= found.length; i++) {
      for (; k < unknown.length && unknown[k]!.at === i; k++) {
        const { choice, path } = unknown[k]!;
        this.out.push(
          diagnostic('DF320', path, `the condition names an unknown choice "${choice}"`),
        );
      }
      if (i < found.length) this.out.push(found[i]!);
    }
  }
}

function checkVariable(name: string, def: Variable, ctx: Checker): void {
  const at = ['variables', name];
  if (def.type === 'number') {
    if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
      ctx.report('DF318', `"${name}" has min ${def.min} above max ${def.max}`, ...at);
    }
    if (outside(def.initial, def)) {
      ctx.report(
        'DF318',
        `"${name}" starts at ${def.initial}, outside its range ${range(def)}`,
        ...at,
        'initial',
      );
    }
  } else if (def.type === 'enum') {
    if (new Set(def.values).size !== def.values.length) {
      ctx.report('DF318', `"${name}" lists a value twice`, ...at, 'values');
    }
    if (!def.values.includes(def.initial)) {
      ctx.report(
        'DF311',
        `"${name}" starts at "${def.initial}", which is not one of ${list(def.values)}`,
        ...at,
        'initial',
      );
    }
  }
}

/** Indexes of the entries whose id an earlier entry already has. */
function repeatedIds(items: readonly { id: string }[]): number[] {
  const repeats: number[] = [];
  if (items.length < 2) return repeats;
  if (items.length <= 8) {
    for (let i = 1; i < items.length; i++) {
      for (let j = 0; j < i; j++) {
        if (items[j]!.id === items[i]!.id) {
          repeats.push(i);
          break;
        }
      }
    }
    return repeats;
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) repeats.push(i);
    seen.add(item.id);
  });
  return repeats;
}

function checkBeat(beat: Beat, ctx: Checker): void {
  const cues = beat.cues ?? [];
  for (const i of repeatedIds(cues)) {
    ctx.report('DF319', `the cue id "${cues[i]!.id}" is used twice`, 'cues', i, 'id');
  }

  const outcome = isOutcomeBeat(beat);
  ctx.graph.beginBeat(ctx.beat, outcome);
  if (outcome) {
    const loose = beat as Beat & Record<string, unknown>;
    for (const field of ['choices', 'timeLimitSec', 'onTimeout']) {
      if (field in loose) {
        ctx.report('DF314', `an outcome beat ends the drill; it cannot have ${field}`, field);
      }
    }
    return;
  }

  const choices = beat.choices ?? [];
  ctx.graph.choices += choices.length;
  const timeLimitSec = beat.timeLimitSec;
  const onTimeout = beat.onTimeout;
  if (timeLimitSec !== undefined && !onTimeout) {
    ctx.report(
      'DF312',
      'a beat with a time limit needs onTimeout to say where the drill goes when time runs out',
      'timeLimitSec',
    );
  }
  if (onTimeout && timeLimitSec === undefined) {
    ctx.report('DF313', 'onTimeout is never used: the beat has no timeLimitSec', 'onTimeout');
  }
  if (choices.length === 0 && timeLimitSec === undefined) {
    ctx.report(
      'DF315',
      'a scene beat needs at least one choice or a timer; otherwise the drill is stuck here',
    );
  }

  const repeats = repeatedIds(choices);
  const repeated = repeats.length ? new Set(repeats) : undefined;
  let cueIds: Set<string> | undefined;
  const depth = ctx.path.length;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i]!;
    ctx.path.push('choices', i);
    ctx.addChoiceId(choice.id);
    if (repeated?.has(i)) {
      ctx.report('DF303', `the choice id "${choice.id}" is used twice in this beat`, 'id');
    }
    const when = choice.when;
    if (when) checkConditionAt(when, ctx, 'when');
    const effects = choice.effects;
    if (effects) checkEffects(effects, ctx);
    checkDestination(choice, ctx, i, choice.rating === 'preferred');
    const actsOn = choice.actsOn;
    for (let j = 0; actsOn && j < actsOn.length; j++) {
      cueIds ??= new Set(cues.map((c) => c.id));
      if (cueIds.has(actsOn[j]!)) continue;
      ctx.report(
        'DF316',
        `actsOn names the cue "${actsOn[j]}", which this beat does not show` +
          (cueIds.size ? ` (its cues: ${list([...cueIds])})` : ' (it shows no cues)'),
        'actsOn',
        j,
      );
    }
    ctx.path.length = depth;
  }
  if (onTimeout) {
    ctx.path.push('onTimeout');
    const effects = onTimeout.effects;
    if (effects) checkEffects(effects, ctx);
    ctx.linking = timeLimitSec !== undefined;
    checkDestination(onTimeout, ctx, -1, false);
    ctx.linking = true;
    ctx.path.length = depth;
  }
}

/** Checks a destination and links its targets in the graph, as choice `choice` (-1: timer). */
function checkDestination(dest: Destination, ctx: Checker, choice: number, preferred: boolean) {
  const to = dest.to;
  if (to !== undefined && !ctx.link(to, choice, preferred)) unknownTarget(to, ctx, 'to');
  const branches = dest.branches;
  const chance = dest.chance;
  const instructor = dest.instructor;
  if (branches) {
    const last = branches.length - 1;
    for (let i = 0; i <= last; i++) {
      const branch = branches[i]!;
      if (!ctx.link(branch.to, choice, preferred)) {
        unknownTarget(branch.to, ctx, 'branches', i, 'to');
      }
      const when = branch.when;
      if (when) checkConditionAt(when, ctx, 'branches', i, 'when');
      else if (i < last) {
        ctx.report(
          'DF305',
          `this branch is never taken: entry ${i} before it has no condition and always wins`,
          'branches',
          i + 1,
        );
      }
    }
    if (last >= 0 && branches[last]!.when !== undefined) {
      ctx.report(
        'DF304',
        'the last branch must have no "when", so the drill always has somewhere to go',
        'branches',
        last,
      );
    }
  }
  if (chance) checkOptions('chance', chance, ctx, choice, preferred);
  if (instructor) checkOptions('instructor', instructor, ctx, choice, preferred);
}

function checkOptions(
  form: 'chance' | 'instructor',
  options: readonly { to: string; weight: number }[],
  ctx: Checker,
  choice: number,
  preferred: boolean,
): void {
  for (let i = 0; i < options.length; i++) {
    const { to, weight } = options[i]!;
    if (!ctx.link(to, choice, preferred)) unknownTarget(to, ctx, form, i, 'to');
    if (!(weight > 0)) {
      ctx.report('DF317', `a weight must be above 0; this one is ${weight}`, form, i, 'weight');
    }
  }
}

function unknownTarget(to: string, ctx: Checker, ...tail: (string | number)[]): void {
  ctx.report('DF301', `the destination beat "${to}" does not exist`, ...tail);
}

/** Checks the condition found at `tail` below the current place. */
function checkConditionAt(cond: Condition, ctx: Checker, ...tail: (string | number)[]): void {
  const depth = ctx.path.length;
  ctx.path.push(...tail);
  checkCondition(cond, ctx);
  ctx.path.length = depth;
}

function checkCondition(cond: Condition, ctx: Checker): void {
  // A schema-valid condition has exactly one form; `var` is by far the most common.
  if (Object.hasOwn(cond, 'var')) return checkComparison(cond as VarCondition, ctx);
  for (const key of ['all', 'any'] as const) {
    if (!Object.hasOwn(cond, key)) continue;
    const parts = (cond as Record<typeof key, Condition[]>)[key];
    for (let i = 0; i < parts.length; i++) checkConditionAt(parts[i]!, ctx, key, i);
    return;
  }
  if ('not' in cond) return checkConditionAt(cond.not, ctx, 'not');
  if ('visited' in cond) {
    if (!ctx.hasBeat(cond.visited)) {
      ctx.report('DF320', `the condition names an unknown beat "${cond.visited}"`, 'visited');
    }
    return;
  }
  if ('chose' in cond) ctx.referToChoice(cond.chose);
}

function checkComparison(cond: VarCondition, ctx: Checker): void {
  const def = ctx.variable(cond.var);
  if (!def) {
    ctx.report('DF306', unknownVariable(cond.var, ctx.variables), 'var');
    return;
  }
  const cmp = comparisonOf(cond);
  if (!cmp) return; // the schema reports a missing or extra operator
  if (['lt', 'lte', 'gt', 'gte'].includes(cmp.op) && def.type !== 'number') {
    ctx.report(
      'DF307',
      `"${cmp.op}" compares numbers, but "${cond.var}" is a ${def.type} variable`,
      cmp.op,
    );
    return;
  }
  const values = cmp.op === 'in' ? (cmp.value as unknown[]) : [cmp.value];
  values.forEach((value, i) => {
    const at = cmp.op === 'in' ? [cmp.op, i] : [cmp.op];
    if (!fitsType(value, def)) {
      ctx.report(
        'DF307',
        `${JSON.stringify(value)} cannot be compared with "${cond.var}", a ${describe(def)}`,
        ...at,
      );
    } else if (def.type === 'enum' && !def.values.includes(value as string)) {
      ctx.report(
        'DF311',
        `"${String(value)}" is not a value of "${cond.var}" (${list(def.values)})`,
        ...at,
      );
    }
  });
}

/** Checks the `effects` list below the current place. */
function checkEffects(effects: readonly Effect[], ctx: Checker): void {
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!;
    const adds = Object.hasOwn(effect, 'add');
    const name = adds ? (effect as AddEffect).add : (effect as SetEffect).set;
    const def = ctx.variable(name);
    if (!def) {
      ctx.report('DF308', unknownVariable(name, ctx.variables), 'effects', i, adds ? 'add' : 'set');
      continue;
    }
    const problem = adds
      ? addProblem((effect as AddEffect).by, name, def)
      : setProblem((effect as SetEffect).to, name, def);
    if (problem) ctx.report(problem.code, problem.message, 'effects', i, problem.field);
  }
}

type Problem = { code: DiagnosticCode; field: string; message: string };

function addProblem(by: number, name: string, def: Variable): Problem | undefined {
  if (def.type !== 'number') {
    return {
      code: 'DF309',
      field: 'add',
      message: `"add" changes numbers, but "${name}" is a ${def.type} variable; use "set"`,
    };
  }
  if (def.min !== undefined && def.max !== undefined && Math.abs(by) > def.max - def.min) {
    return {
      code: 'DF310',
      field: 'by',
      message: `adding ${by} to "${name}" always overshoots its range ${range(def)}`,
    };
  }
  return undefined;
}

function setProblem(to: unknown, name: string, def: Variable): Problem | undefined {
  if (!fitsType(to, def)) {
    return {
      code: 'DF309',
      field: 'to',
      message: `"${name}" is a ${describe(def)}; ${JSON.stringify(to)} does not fit`,
    };
  }
  if (def.type === 'number' && outside(to as number, def)) {
    return {
      code: 'DF310',
      field: 'to',
      message: `${String(to)} is outside the range of "${name}" ${range(def)}`,
    };
  }
  if (def.type === 'enum' && !def.values.includes(to as string)) {
    return {
      code: 'DF311',
      field: 'to',
      message: `"${String(to)}" is not a value of "${name}" (${list(def.values)})`,
    };
  }
  return undefined;
}

function fitsType(value: unknown, def: Variable): boolean {
  if (def.type === 'number') return typeof value === 'number';
  if (def.type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

function outside(value: number, def: { min?: number; max?: number }): boolean {
  return (def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max);
}

function range(def: { min?: number; max?: number }): string {
  return `${def.min ?? '-∞'}..${def.max ?? '∞'}`;
}

function describe(def: Variable): string {
  if (def.type === 'enum') return `enum variable (${list(def.values)})`;
  return `${def.type} variable`;
}

function list(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

function unknownVariable(name: string, variables: Record<string, Variable>): string {
  const known = Object.keys(variables);
  return (
    `there is no variable "${name}"` +
    (known.length ? ` (variables: ${list(known)})` : ' (the scenario declares no variables)')
  );
}
