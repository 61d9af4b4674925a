import { useId, type InputHTMLAttributes } from 'react';

/** Props of {@link Field}: a label, the value, and the input's own attributes. */
export interface FieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id'
> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** A line under the input saying what is expected. */
  hint?: string;
  /** What is wrong with the value; marks the input invalid and is read with it. */
  problem?: string;
}

/** A labelled text input with an optional hint and problem, both tied to it for screen readers. */
export function Field({ label, value, onValueChange, hint, problem, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint && hintId, problem && problemId].filter(Boolean).join(' ');
  return (
    <div className="field hub-field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        className="hub-input"
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} className="hub-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
