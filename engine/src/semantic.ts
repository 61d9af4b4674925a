import {
  isOutcomeBeat,
  type Beat,
  type Condition,
  type Destination,
  type Effect,
  type Scenario,
  type Variable,
} from '@defuse/schemas';
import { comparisonOf } from './conditions';
import { diagnostic, pointer } from './diagnostics';
import type { Diagnostic } from './types';

/**
 * The checks a JSON Schema cannot express: destinations exist, variables are
 * known and typed, weights are positive, cues named by `actsOn` are shown.
 * Runs on documents that already match the schema.
 */
export function checkSemantics(scenario: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const beats = scenario.beats;
  const variables = scenario.variables ?? {};
  const allChoiceIds = new Set<string>();
  for (const id in beats) {
    const beat = beats[id]!;
    if (!isOutcomeBeat(beat)) for (const c of beat.choices ?? []) allChoiceIds.add(c.id);
  }

  if (!Object.hasOwn(beats, scenario.start)) {
    out.push(
      diagnostic('DF302', '/start', `the start beat "${scenario.start}" does not exist`, {
        beat: undefined,
      }),
    );
  }
  for (const [name, def] of Object.entries(variables)) {
    checkVariable(name, def, out);
  }

  const ctx: CheckContext = { beats, variables, allChoiceIds, out };
  for (const id in beats) checkBeat(id, beats[id]!, ctx);
  return out;
}

interface CheckContext {
  beats: Record<string, Beat>;
  variables: Record<string, Variable>;
  allChoiceIds: Set<string>;
  out: Diagnostic[];
}

function checkVariable(name: string, def: Variable, out: Diagnostic[]): void {
  const at = pointer('variables', name);
  if (def.type === 'number') {
    if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
      out.push(diagnostic('DF318', at, `"${name}" has min ${def.min} above max ${def.max}`));
    }
    if (outside(def.initial, def)) {
      out.push(
        diagnostic(
          'DF318',
          `${at}/initial`,
          `"${name}" starts at ${def.initial}, outside its range ${range(def)}`,
        ),
      );
    }
  } else if (def.type === 'enum') {
    if (new Set(def.values).size !== def.values.length) {
      out.push(diagnostic('DF318', `${at}/values`, `"${name}" lists a value twice`));
    }
    if (!def.values.includes(def.initial)) {
      out.push(
        diagnostic(
          'DF311',
          `${at}/initial`,
          `"${name}" starts at "${def.initial}", which is not one of ${list(def.values)}`,
        ),
      );
    }
  }
}

function checkBeat(id: string, beat: Beat, ctx: CheckContext): void {
  const at = pointer('beats', id);
  const cueIds = new Set<string>();
  (beat.cues ?? []).forEach((cue, i) => {
    if (cueIds.has(cue.id)) {
      ctx.out.push(
        diagnostic('DF319', `${at}/cues/${i}/id`, `the cue id "${cue.id}" is used twice`),
      );
    }
    cueIds.add(cue.id);
  });

  if (isOutcomeBeat(beat)) {
    const loose = beat as Beat & Record<string, unknown>;
    for (const field of ['choices', 'timeLimitSec', 'onTimeout']) {
      if (field in loose) {
        ctx.out.push(
          diagnostic(
            'DF314',
            `${at}/${field}`,
            `an outcome beat ends the drill; it cannot have ${field}`,
          ),
        );
      }
    }
    return;
  }

  const choices = beat.choices ?? [];
  if (beat.timeLimitSec !== undefined && !beat.onTimeout) {
    ctx.out.push(
      diagnostic(
        'DF312',
        `${at}/timeLimitSec`,
        'a beat with a time limit needs onTimeout to say where the drill goes when time runs out',
      ),
    );
  }
  if (beat.onTimeout && beat.timeLimitSec === undefined) {
    ctx.out.push(
      diagnostic(
        'DF313',
        `${at}/onTimeout`,
        'onTimeout is never used: the beat has no timeLimitSec',
      ),
    );
  }
  if (choices.length === 0 && beat.timeLimitSec === undefined) {
    ctx.out.push(
      diagnostic(
        'DF315',
        at,
        'a scene beat needs at least one choice or a timer; otherwise the drill is stuck here',
      ),
    );
  }

  const seen = new Set<string>();
  choices.forEach((choice, i) => {
    const cat = `${at}/choices/${i}`;
    if (seen.has(choice.id)) {
      ctx.out.push(
        diagnostic('DF303', `${cat}/id`, `the choice id "${choice.id}" is used twice in this beat`),
      );
    }
    seen.add(choice.id);
    if (choice.when) checkCondition(choice.when, `${cat}/when`, ctx);
    checkEffects(choice.effects, `${cat}/effects`, ctx);
    checkDestination(choice, cat, ctx);
    (choice.actsOn ?? []).forEach((cueId, j) => {
      if (!cueIds.has(cueId)) {
        ctx.out.push(
          diagnostic(
            'DF316',
            `${cat}/actsOn/${j}`,
            `actsOn names the cue "${cueId}", which this beat does not show` +
              (cueIds.size ? ` (its cues: ${list([...cueIds])})` : ' (it shows no cues)'),
          ),
        );
      }
    });
  });
  if (beat.onTimeout) {
    checkEffects(beat.onTimeout.effects, `${at}/onTimeout/effects`, ctx);
    checkDestination(beat.onTimeout, `${at}/onTimeout`, ctx);
  }
}

function checkTarget(to: string, at: string, ctx: CheckContext): void {
  if (!Object.hasOwn(ctx.beats, to)) {
    ctx.out.push(diagnostic('DF301', at, `the destination beat "${to}" does not exist`));
  }
}

function checkWeight(weight: number, at: string, ctx: CheckContext): void {
  if (!(weight > 0)) {
    ctx.out.push(diagnostic('DF317', at, `a weight must be above 0; this one is ${weight}`));
  }
}

function checkDestination(dest: Destination, at: string, ctx: CheckContext): void {
  if (dest.to !== undefined) checkTarget(dest.to, `${at}/to`, ctx);
  if (dest.branches) {
    const last = dest.branches.length - 1;
    dest.branches.forEach((branch, i) => {
      const bat = `${at}/branches/${i}`;
      checkTarget(branch.to, `${bat}/to`, ctx);
      if (branch.when) checkCondition(branch.when, `${bat}/when`, ctx);
      else if (i < last) {
        ctx.out.push(
          diagnostic(
            'DF305',
            `${at}/branches/${i + 1}`,
            `this branch is never taken: entry ${i} before it has no condition and always wins`,
          ),
        );
      }
    });
    if (dest.branches[last]?.when !== undefined) {
      ctx.out.push(
        diagnostic(
          'DF304',
          `${at}/branches/${last}`,
          'the last branch must have no "when", so the drill always has somewhere to go',
        ),
      );
    }
  }
  dest.chance?.forEach((option, i) => {
    checkTarget(option.to, `${at}/chance/${i}/to`, ctx);
    checkWeight(option.weight, `${at}/chance/${i}/weight`, ctx);
  });
  dest.instructor?.forEach((option, i) => {
    checkTarget(option.to, `${at}/instructor/${i}/to`, ctx);
    checkWeight(option.weight, `${at}/instructor/${i}/weight`, ctx);
  });
}

function checkCondition(cond: Condition, at: string, ctx: CheckContext): void {
  if ('all' in cond) return cond.all.forEach((c, i) => checkCondition(c, `${at}/all/${i}`, ctx));
  if ('any' in cond) return cond.any.forEach((c, i) => checkCondition(c, `${at}/any/${i}`, ctx));
  if ('not' in cond) return checkCondition(cond.not, `${at}/not`, ctx);
  if ('visited' in cond) {
    if (!Object.hasOwn(ctx.beats, cond.visited)) {
      ctx.out.push(
        diagnostic(
          'DF320',
          `${at}/visited`,
          `the condition names an unknown beat "${cond.visited}"`,
        ),
      );
    }
    return;
  }
  if ('chose' in cond) {
    if (!ctx.allChoiceIds.has(cond.chose)) {
      ctx.out.push(
        diagnostic('DF320', `${at}/chose`, `the condition names an unknown choice "${cond.chose}"`),
      );
    }
    return;
  }
  const def = Object.hasOwn(ctx.variables, cond.var) ? ctx.variables[cond.var] : undefined;
  if (!def) {
    ctx.out.push(diagnostic('DF306', `${at}/var`, unknownVariable(cond.var, ctx.variables)));
    return;
  }
  const cmp = comparisonOf(cond);
  if (!cmp) return; // the schema reports a missing or extra operator
  const opAt = `${at}/${cmp.op}`;
  const values = cmp.op === 'in' ? (cmp.value as unknown[]) : [cmp.value];
  if (['lt', 'lte', 'gt', 'gte'].includes(cmp.op) && def.type !== 'number') {
    ctx.out.push(
      diagnostic(
        'DF307',
        opAt,
        `"${cmp.op}" compares numbers, but "${cond.var}" is a ${def.type} variable`,
      ),
    );
    return;
  }
  values.forEach((value, i) => {
    const vat = cmp.op === 'in' ? `${opAt}/${i}` : opAt;
    if (!fitsType(value, def)) {
      ctx.out.push(
        diagnostic(
          'DF307',
          vat,
          `${JSON.stringify(value)} cannot be compared with "${cond.var}", a ${describe(def)}`,
        ),
      );
    } else if (def.type === 'enum' && !def.values.includes(value as string)) {
      ctx.out.push(
        diagnostic(
          'DF311',
          vat,
          `"${String(value)}" is not a value of "${cond.var}" (${list(def.values)})`,
        ),
      );
    }
  });
}

function checkEffects(effects: Effect[] | undefined, at: string, ctx: CheckContext): void {
  effects?.forEach((effect, i) => {
    const eat = `${at}/${i}`;
    const name = 'add' in effect ? effect.add : effect.set;
    const key = 'add' in effect ? 'add' : 'set';
    const def = Object.hasOwn(ctx.variables, name) ? ctx.variables[name] : undefined;
    if (!def) {
      ctx.out.push(diagnostic('DF308', `${eat}/${key}`, unknownVariable(name, ctx.variables)));
      return;
    }
    if ('add' in effect) {
      if (def.type !== 'number') {
        ctx.out.push(
          diagnostic(
            'DF309',
            `${eat}/add`,
            `"add" changes numbers, but "${name}" is a ${def.type} variable; use "set"`,
          ),
        );
      } else if (
        def.min !== undefined &&
        def.max !== undefined &&
        Math.abs(effect.by) > def.max - def.min
      ) {
        ctx.out.push(
          diagnostic(
            'DF310',
            `${eat}/by`,
            `adding ${effect.by} to "${name}" always overshoots its range ${range(def)}`,
          ),
        );
      }
      return;
    }
    if (!fitsType(effect.to, def)) {
      ctx.out.push(
        diagnostic(
          'DF309',
          `${eat}/to`,
          `"${name}" is a ${describe(def)}; ${JSON.stringify(effect.to)} does not fit`,
        ),
      );
    } else if (def.type === 'number' && outside(effect.to as number, def)) {
      ctx.out.push(
        diagnostic(
          'DF310',
          `${eat}/to`,
          `${String(effect.to)} is outside the range of "${name}" ${range(def)}`,
        ),
      );
    } else if (def.type === 'enum' && !def.values.includes(effect.to as string)) {
      ctx.out.push(
        diagnostic(
          'DF311',
          `${eat}/to`,
          `"${String(effect.to)}" is not a value of "${name}" (${list(def.values)})`,
        ),
      );
    }
  });
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
