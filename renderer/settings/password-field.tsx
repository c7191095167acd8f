import type { Ref } from 'react';

interface PasswordFieldProps {
  ref: Ref<HTMLInputElement>;
  id: string;
  label: string;
  autoComplete: 'current-password' | 'new-password';
  /** The id of the form's error message while it is about this input; null otherwise. */
  problemId: string | null;
}

/** A password input; the form shows one error message below its fields, linked here when it is about this one. */
export function PasswordField({ ref, id, label, autoComplete, problemId }: PasswordFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} type="password" autoComplete={autoComplete} aria-invalid={problemId !== null} aria-describedby={problemId ?? undefined} />
    </div>
  );
}
