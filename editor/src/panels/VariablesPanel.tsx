/**
 * The scenario's variables: add, rename (every condition and effect
 * follows), change type and range, delete (refused while used, with the
 * places listed so they can be visited).
 */
import { useState } from 'react';
import type { Variable } from '@defuse/schemas';
import { useDispatch, useEditor, useEditorStore } from '../store/context';
import { uniqueId } from '../model/ids';
import { variableUses, type VariableUse } from '../model/references';
import { IdField, NumberField, SelectField, StringListField, TextField } from '../inspector/fields';
import { ValueInput } from '../inspector/ConditionEditor';

const TYPE_OPTIONS = [
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'enum', label: 'One of a list' },
];

/** The same variable as another type, keeping its label. */
export function convertVariable(variable: Variable, type: Variable['type']): Variable {
  const label = variable.label ? { label: variable.label } : {};
  if (type === 'number') return { type, initial: 0, min: 0, max: 10, ...label };
  if (type === 'boolean') return { type, initial: false, ...label };
  return { type, values: ['first', 'second'], initial: 'first', ...label };
}

function placeWords(use: VariableUse): string {
  const where = use.choice ? `choice '${use.choice}'` : 'timer';
  return `${use.what} of ${where} in beat '${use.beat}'`;
}

function Uses({ uses }: { uses: VariableUse[] }) {
  const store = useEditorStore();
  return (
    <ul className="uses-list">
      {uses.map((u, i) => (
        <li key={i}>
          <button
            type="button"
            className="link-button"
            onClick={() =>
              store.getState().select({
                beats: [],
                edge: u.choice
                  ? { beat: u.beat, choice: u.choice }
                  : { beat: u.beat, timeout: true },
              })
            }
          >
            {placeWords(u)}
          </button>
        </li>
      ))}
    </ul>
  );
}

function VariableCard({ name, variable }: { name: string; variable: Variable }) {
  const dispatch = useDispatch();
  const doc = useEditor((s) => s.doc);
  const [refusal, setRefusal] = useState<string>();
  const [showUses, setShowUses] = useState(false);
  const uses = variableUses(doc, name);
  const set = (next: Variable) => dispatch({ type: 'setVariable', name, variable: next });

  return (
    <article className="variable-card" data-variable={name}>
      <div className="field-pair">
        <IdField
          label="Name"
          value={name}
          onCommit={(newName) =>
            dispatch({ type: 'renameVariable', name, newName }, { quiet: true })
          }
        />
        <SelectField
          label="Type"
          value={variable.type}
          options={TYPE_OPTIONS}
          onChange={(t) =>
            t && t !== variable.type && set(convertVariable(variable, t as Variable['type']))
          }
        />
      </div>
      <TextField
        label="Label"
        value={variable.label ?? ''}
        onChange={(v) => {
          const { label: _old, ...rest } = variable;
          set((v ? { ...rest, label: v } : rest) as Variable);
        }}
      />
      {variable.type === 'number' && (
        <div className="field-triple">
          <NumberField
            label="Start"
            value={variable.initial}
            onChange={(v) => set({ ...variable, initial: v ?? 0 })}
          />
          <NumberField
            label="Min"
            value={variable.min}
            onChange={(v) => {
              const { min: _old, ...rest } = variable;
              set(v === undefined ? rest : { ...rest, min: v });
            }}
          />
          <NumberField
            label="Max"
            value={variable.max}
            onChange={(v) => {
              const { max: _old, ...rest } = variable;
              set(v === undefined ? rest : { ...rest, max: v });
            }}
          />
        </div>
      )}
      {variable.type === 'boolean' && (
        <div className="field">
          <label>Start</label>
          <ValueInput
            variable={variable}
            value={variable.initial}
            label="Start value"
            onChange={(v) => set({ ...variable, initial: v === true })}
          />
        </div>
      )}
      {variable.type === 'enum' && (
        <>
          <StringListField
            label="Values"
            addLabel="Add a value"
            values={variable.values}
            onChange={(values) => set({ ...variable, values: values ?? [] })}
          />
          <div className="field">
            <label>Start</label>
            <ValueInput
              variable={variable}
              value={variable.initial}
              label="Start value"
              onChange={(v) => set({ ...variable, initial: String(v) })}
            />
          </div>
        </>
      )}
      <div className="variable-foot">
        {uses.length > 0 ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={showUses}
            onClick={() => setShowUses(!showUses)}
          >
            Used in {uses.length} place{uses.length === 1 ? '' : 's'}
          </button>
        ) : (
          <span className="muted">Not used yet</span>
        )}
        <button
          type="button"
          className="button small danger"
          onClick={() => {
            const result = dispatch({ type: 'deleteVariable', name }, { quiet: true });
            if (!result.ok) {
              setRefusal(result.message);
              setShowUses(true);
            }
          }}
        >
          Delete
        </button>
      </div>
      {refusal && uses.length > 0 && (
        <p className="refusal" role="alert">
          “{name}” cannot be deleted while it is used. Remove it from these places first:
        </p>
      )}
      {showUses && uses.length > 0 && <Uses uses={uses} />}
    </article>
  );
}

export function VariablesPanel() {
  const dispatch = useDispatch();
  const stored = useEditor((s) => s.doc.variables);
  const variables = stored ?? {};
  const add = (type: Variable['type']) => {
    const name = uniqueId(
      type === 'boolean' ? 'flag' : 'variable',
      (n) => variables[n] !== undefined,
    );
    dispatch({
      type: 'addVariable',
      name,
      variable: convertVariable({ type: 'boolean', initial: false }, type),
    });
  };
  const entries = Object.entries(variables);
  return (
    <div className="panel-body" data-panel="variables">
      {entries.length === 0 && (
        <p className="muted">
          Variables track what changes during a drill, such as agitation or rapport. Conditions and
          effects use them.
        </p>
      )}
      {entries.map(([name, v]) => (
        <VariableCard key={name} name={name} variable={v} />
      ))}
      <div className="add-row">
        <span>Add</span>
        <button type="button" className="button small" onClick={() => add('number')}>
          Number
        </button>
        <button type="button" className="button small" onClick={() => add('boolean')}>
          Yes / no
        </button>
        <button type="button" className="button small" onClick={() => add('enum')}>
          List
        </button>
      </div>
    </div>
  );
}
