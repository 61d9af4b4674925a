/**
 * A condition as form controls: pick a variable, an operator that fits its
 * type and a value of that type; or combine conditions with all / any /
 * not; or ask whether a beat was visited or a choice taken. Nobody types
 * code.
 */
import type {
  ComparisonOp,
  Condition,
  Scenario,
  VarCondition,
  Variable,
  VarValue,
} from '@defuse/schemas';
import { useEditor } from '../store/context';
import {
  allChoiceIds,
  comparison,
  CONDITION_KIND_WORDS,
  kindOf,
  newCondition,
  OPERATOR_WORDS,
  operatorOf,
  operatorsFor,
  type ConditionKind,
} from './condition-forms';
import { NumberInput, Select, type Option } from './fields';

/** A value input of the variable's type. */
export function ValueInput({
  variable,
  value,
  onChange,
  label,
}: {
  variable: Variable | undefined;
  value: unknown;
  onChange: (value: VarValue) => void;
  label: string;
}) {
  if (variable?.type === 'boolean') {
    return (
      <Select
        ariaLabel={label}
        value={value === true ? 'true' : value === false ? 'false' : undefined}
        options={[
          { value: 'true', label: 'true' },
          { value: 'false', label: 'false' },
        ]}
        onChange={(v) => onChange(v === 'true')}
      />
    );
  }
  if (variable?.type === 'enum') {
    return (
      <Select
        ariaLabel={label}
        value={typeof value === 'string' ? value : undefined}
        options={variable.values.map((v) => ({ value: v, label: v }))}
        onChange={(v) => onChange(v ?? variable.values[0] ?? '')}
      />
    );
  }
  return (
    <NumberInput
      ariaLabel={label}
      value={typeof value === 'number' ? value : undefined}
      {...(variable?.min !== undefined ? { min: variable.min } : {})}
      {...(variable?.max !== undefined ? { max: variable.max } : {})}
      onChange={(n) => onChange(n ?? 0)}
    />
  );
}

function variableOptions(doc: Scenario): Option[] {
  return Object.entries(doc.variables ?? {}).map(([name, v]) => ({
    value: name,
    label: v.label ? `${v.label} (${name})` : name,
  }));
}

/** Options for a beat picker: "desk — At the desk". */
export function beatOptions(doc: Scenario): Option[] {
  return Object.entries(doc.beats).map(([id, b]) => ({
    value: id,
    label: b.title ? `${id} — ${b.title}` : id,
  }));
}

function InValues({
  variable,
  values,
  onChange,
  label,
}: {
  variable: Variable | undefined;
  values: VarValue[];
  onChange: (values: VarValue[]) => void;
  label: string;
}) {
  if (variable?.type === 'enum') {
    return (
      <div className="in-values" role="group" aria-label={label}>
        {variable.values.map((v) => (
          <label key={v} className="chip-check">
            <input
              type="checkbox"
              checked={values.includes(v)}
              onChange={(e) =>
                onChange(e.target.checked ? [...values, v] : values.filter((x) => x !== v))
              }
            />
            {v}
          </label>
        ))}
      </div>
    );
  }
  return (
    <div className="in-values" role="group" aria-label={label}>
      {values.map((v, i) => (
        <span className="in-value" key={i}>
          <ValueInput
            variable={variable}
            value={v}
            label={`${label} ${i + 1}`}
            onChange={(next) => onChange(values.map((x, j) => (j === i ? next : x)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove value ${i + 1}`}
            onClick={() => onChange(values.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...values, variable?.initial ?? 0])}
      >
        + value
      </button>
    </div>
  );
}

function VarConditionRow({
  cond,
  onChange,
  doc,
}: {
  cond: VarCondition;
  onChange: (c: Condition) => void;
  doc: Scenario;
}) {
  const variable = doc.variables?.[cond.var];
  const op = operatorOf(cond) ?? 'eq';
  const value = cond[op];
  return (
    <div className="condition-row">
      <Select
        ariaLabel="Variable"
        value={cond.var || undefined}
        options={variableOptions(doc)}
        onChange={(name) => name && onChange(comparison(name, doc.variables?.[name], op, value))}
      />
      <Select
        ariaLabel="Operator"
        value={op}
        options={operatorsFor(variable).map((o) => ({ value: o, label: OPERATOR_WORDS[o] }))}
        onChange={(o) => o && onChange(comparison(cond.var, variable, o as ComparisonOp, value))}
      />
      {op === 'in' ? (
        <InValues
          variable={variable}
          label="Values"
          values={Array.isArray(value) ? value : []}
          onChange={(values) => onChange({ var: cond.var, in: values })}
        />
      ) : (
        <ValueInput
          variable={variable}
          value={value}
          label="Value"
          onChange={(v) => onChange({ var: cond.var, [op]: v } as VarCondition)}
        />
      )}
    </div>
  );
}

const KIND_OPTIONS: Option[] = (Object.keys(CONDITION_KIND_WORDS) as ConditionKind[]).map((k) => ({
  value: k,
  label: CONDITION_KIND_WORDS[k],
}));

/** One node of a condition tree, with its children. */
export function ConditionEditor({
  cond,
  onChange,
  onRemove,
  depth = 0,
}: {
  cond: Condition;
  onChange: (c: Condition) => void;
  onRemove?: () => void;
  depth?: number;
}) {
  const doc = useEditor((s) => s.doc);
  const kind = kindOf(cond);
  const children = 'all' in cond ? cond.all : 'any' in cond ? cond.any : undefined;
  const setChildren = (list: Condition[]) =>
    onChange(kind === 'all' ? { all: list } : { any: list });

  return (
    <div className={`condition depth-${Math.min(depth, 3)}`} data-condition-kind={kind}>
      <div className="condition-head">
        <Select
          ariaLabel="Condition type"
          value={kind}
          options={KIND_OPTIONS}
          onChange={(k) => k && k !== kind && onChange(newCondition(k as ConditionKind, doc))}
        />
        {onRemove && (
          <button
            type="button"
            className="icon-button"
            aria-label="Remove condition"
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      {kind === 'var' && (
        <VarConditionRow cond={cond as VarCondition} onChange={onChange} doc={doc} />
      )}
      {kind === 'visited' && 'visited' in cond && (
        <Select
          ariaLabel="Beat"
          value={cond.visited || undefined}
          options={beatOptions(doc)}
          onChange={(b) => b && onChange({ visited: b })}
        />
      )}
      {kind === 'chose' && 'chose' in cond && (
        <Select
          ariaLabel="Choice"
          value={cond.chose || undefined}
          options={allChoiceIds(doc).map((id) => ({ value: id, label: id }))}
          onChange={(c) => c && onChange({ chose: c })}
        />
      )}
      {kind === 'not' && 'not' in cond && (
        <div className="condition-children">
          <ConditionEditor
            cond={cond.not}
            depth={depth + 1}
            onChange={(c) => onChange({ not: c })}
          />
        </div>
      )}
      {children && (
        <div className="condition-children">
          {children.map((child, i) => (
            <ConditionEditor
              key={i}
              cond={child}
              depth={depth + 1}
              onChange={(c) => setChildren(children.map((x, j) => (j === i ? c : x)))}
              {...(children.length > 1
                ? { onRemove: () => setChildren(children.filter((_, j) => j !== i)) }
                : {})}
            />
          ))}
          <button
            type="button"
            className="link-button"
            onClick={() => setChildren([...children, newCondition('var', doc)])}
          >
            + condition
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * An optional condition: "Always" until one is added, then the editor with
 * a way to remove it again.
 */
export function OptionalCondition({
  label,
  cond,
  onChange,
  addLabel = 'Add a condition',
}: {
  label: string;
  cond: Condition | undefined;
  onChange: (c: Condition | undefined) => void;
  addLabel?: string;
}) {
  const doc = useEditor((s) => s.doc);
  return (
    <fieldset className="field condition-field">
      <legend>{label}</legend>
      {cond ? (
        <ConditionEditor cond={cond} onChange={onChange} onRemove={() => onChange(undefined)} />
      ) : (
        <div className="condition-empty">
          <span className="muted">Always</span>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(newCondition('var', doc))}
          >
            + {addLabel}
          </button>
        </div>
      )}
    </fieldset>
  );
}
