import type { Ref } from 'react';

interface NumberFieldProps {
  ref: Ref<HTMLInputElement>;
  id: string;
  label: string;
  value: string;
  min: number;
  max: number;
  problem: string | null;
  onChange: (value: string) => void;
}

/** A whole-number input whose own message (not the browser's) says what is wrong. */
export function NumberField({ ref, id, label, value, min, max, problem, onChange }: NumberFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem && (
        <p id={`${id}-problem`} role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
