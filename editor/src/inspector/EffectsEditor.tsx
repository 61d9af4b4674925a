/**
 * Effects as rows: a variable, what happens to it (add to a number, or set
 * a value of its type), and the amount or value.
 */
import type { Effect } from '@defuse/schemas';
import { useEditor } from '../store/context';
import { effectVariable } from '../model/references';
import { newEffect, retargetEffect } from './condition-forms';
import { ValueInput } from './ConditionEditor';
import { NumberInput, Select } from './fields';

export function EffectsEditor({
  effects,
  onChange,
}: {
  effects: readonly Effect[];
  onChange: (effects: Effect[] | undefined) => void;
}) {
  const doc = useEditor((s) => s.doc);
  const variables = doc.variables ?? {};
  const names = Object.entries(variables).map(([name, v]) => ({
    value: name,
    label: v.label ? `${v.label} (${name})` : name,
  }));
  const update = (i: number, e: Effect) => onChange(effects.map((x, j) => (j === i ? e : x)));

  return (
    <fieldset className="field effects-field">
      <legend>Effects</legend>
      {effects.length === 0 && <div className="muted">No change to any variable.</div>}
      {effects.map((effect, i) => {
        const name = effectVariable(effect);
        const variable = variables[name];
        const action = 'add' in effect ? 'add' : 'set';
        return (
          <div className="effect-row" key={i} data-effect-index={i}>
            <Select
              ariaLabel={`Variable of effect ${i + 1}`}
              value={name || undefined}
              options={names}
              onChange={(n) => n && update(i, retargetEffect(effect, n, variables[n]))}
            />
            <Select
              ariaLabel={`Action of effect ${i + 1}`}
              value={action}
              options={
                variable?.type === 'number' || action === 'add'
                  ? [
                      { value: 'add', label: 'add' },
                      { value: 'set', label: 'set to' },
                    ]
                  : [{ value: 'set', label: 'set to' }]
              }
              onChange={(a) =>
                update(
                  i,
                  a === 'add'
                    ? { add: name, by: 'add' in effect ? effect.by : 1 }
                    : { set: name, to: variable?.initial ?? 0 },
                )
              }
            />
            {'add' in effect ? (
              <NumberInput
                ariaLabel={`Amount of effect ${i + 1}`}
                value={effect.by}
                onChange={(n) => update(i, { add: name, by: n ?? 0 })}
              />
            ) : (
              <ValueInput
                variable={variable}
                value={effect.to}
                label={`Value of effect ${i + 1}`}
                onChange={(v) => update(i, { set: name, to: v })}
              />
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove effect ${i + 1}`}
              onClick={() => {
                const next = effects.filter((_, j) => j !== i);
                onChange(next.length ? next : undefined);
              }}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="link-button"
        disabled={names.length === 0}
        title={names.length === 0 ? 'Add a variable in the Variables panel first' : undefined}
        onClick={() => onChange([...effects, newEffect(doc)])}
      >
        + Add an effect
      </button>
    </fieldset>
  );
}
