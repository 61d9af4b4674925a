/**
 * Form controls of the inspector and panels. Each is a labelled, controlled
 * input: the value comes from the document, every edit goes out as a
 * command. Ids (beat, choice, variable) are committed on Enter or when the
 * field loses focus, because renaming rewrites references.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DispatchResult } from '../store/editor-store';

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  className?: string;
}

function FieldShell({
  id,
  label,
  hint,
  className,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

export function TextField({
  label,
  hint,
  className,
  value,
  onChange,
  placeholder,
}: FieldProps & { value: string; onChange: (value: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} {...(className ? { className } : {})}>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  hint,
  value,
  onChange,
  rows = 4,
  placeholder,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

/** Parses a number typed by a person; `undefined` for empty or unreadable text. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A number input that lets a person type freely ("-", "1.") and sends a
 * value each time the text reads as a number, or `undefined` when emptied.
 */
export function NumberInput({
  id,
  value,
  onChange,
  min,
  max,
  step,
  ariaLabel,
  placeholder,
}: {
  id?: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (parseNumber(text) !== value) setText(value === undefined ? '' : String(value));
  }
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      className="number-input"
      aria-label={ariaLabel}
      value={text}
      placeholder={placeholder}
      {...(min !== undefined ? { 'data-min': min } : {})}
      {...(max !== undefined ? { 'data-max': max } : {})}
      {...(step !== undefined ? { 'data-step': step } : {})}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumber(e.target.value);
        if (n !== undefined || e.target.value.trim() === '') onChange(n);
      }}
    />
  );
}

export function NumberField({
  label,
  hint,
  value,
  onChange,
  min,
  max,
  placeholder,
}: FieldProps & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint}>
      <NumberInput
        id={id}
        value={value}
        onChange={onChange}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        {...(placeholder !== undefined ? { placeholder } : {})}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  value,
  options,
  onChange,
  empty,
}: FieldProps & {
  value: string | undefined;
  options: readonly Option[];
  onChange: (value: string | undefined) => void;
  /** Label of the "nothing chosen" entry; without it the field always has a value. */
  empty?: string;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint}>
      <Select
        id={id}
        value={value}
        options={options}
        onChange={onChange}
        {...(empty ? { empty } : {})}
      />
    </FieldShell>
  );
}

/** A plain select; a value not among the options is kept and shown as unknown. */
export function Select({
  id,
  value,
  options,
  onChange,
  empty,
  ariaLabel,
}: {
  id?: string;
  value: string | undefined;
  options: readonly Option[];
  onChange: (value: string | undefined) => void;
  empty?: string;
  ariaLabel?: string;
}) {
  const known = value === undefined || value === '' || options.some((o) => o.value === value);
  return (
    <select
      id={id}
      aria-label={ariaLabel}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    >
      {(empty !== undefined || value === undefined || value === '') && (
        <option value="">{empty ?? '— choose —'}</option>
      )}
      {!known && <option value={value}>{`${value} (unknown)`}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * An id or name: edited freely, committed on Enter or blur, reverted on
 * Escape. A refused rename shows why and keeps the old value.
 */
export function IdField({
  label,
  hint,
  value,
  onCommit,
}: FieldProps & { value: string; onCommit: (value: string) => DispatchResult }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string>();
  if (shown !== value) {
    setShown(value);
    setDraft(value);
    setError(undefined);
  }
  const commit = () => {
    const next = draft.trim();
    if (next === value) {
      setDraft(value);
      return;
    }
    const result = onCommit(next);
    if (!result.ok) {
      setError(result.message);
      setDraft(value);
    } else setError(undefined);
  };
  return (
    <FieldShell
      id={id}
      label={label}
      hint={error ? <span className="field-error">{error}</span> : hint}
      className="field-id"
    >
      <input
        id={id}
        type="text"
        value={draft}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(value);
            setError(undefined);
          }
        }}
      />
    </FieldShell>
  );
}

/** A list of short texts (objectives, tags, authors) with add and remove. */
export function StringListField({
  label,
  values,
  onChange,
  addLabel,
  placeholder,
}: {
  label: string;
  values: readonly string[];
  onChange: (values: string[] | undefined) => void;
  addLabel: string;
  placeholder?: string;
}) {
  const groupId = useId();
  return (
    <fieldset className="field field-list" aria-labelledby={groupId}>
      <legend id={groupId}>{label}</legend>
      {values.map((v, i) => (
        <div className="list-row" key={i}>
          <input
            type="text"
            aria-label={`${label} ${i + 1}`}
            value={v}
            placeholder={placeholder}
            onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            onClick={() => {
              const next = values.filter((_, j) => j !== i);
              onChange(next.length ? next : undefined);
            }}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...values, ''])}>
        + {addLabel}
      </button>
    </fieldset>
  );
}
