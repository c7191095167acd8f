import { useId, useState } from 'react';
import type { TextField } from '../../common/services/catalog';
import { fieldProblem, localDay } from './field-rules';
import { useVerifyText } from './verify-text';

interface Props {
  field: TextField;
  value: string;
  onChange: (value: string) => void;
  /** Main's reason for refusing this field on the last submit. */
  rejection: string | null;
  hint?: string;
}

/**
 * One text input of a service (name, birth date, person id). Its problem shows once the operator
 * has left the field, so typing is not interrupted; "not filled in" is left to the list by Submit.
 */
export function TextFieldInput({ field, value, onChange, rejection, hint }: Props) {
  const text = useVerifyText();
  const id = useId();
  const [touched, setTouched] = useState(false);
  const problem = fieldProblem(field, value);
  const shown = touched && problem !== null && problem !== 'missing' ? text.fieldProblem(field, problem) : null;
  const describedBy = [hint && `${id}-hint`, shown && `${id}-problem`, rejection && `${id}-rejection`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field verify-field">
      <label htmlFor={id}>{text.field(field.name)}</label>
      <input
        id={id}
        type={field.kind === 'date' ? 'date' : 'text'}
        value={value}
        required
        autoComplete="off"
        spellCheck={field.kind === 'text'}
        // Ids and dates read left to right whatever the page direction.
        dir={field.kind === 'text' ? undefined : 'ltr'}
        max={field.kind === 'date' ? localDay(new Date(), -1) : undefined}
        maxLength={field.kind === 'date' ? undefined : 200}
        aria-invalid={shown !== null || rejection !== null}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => setTouched(true)}
      />
      {hint && (
        <p id={`${id}-hint`} className="verify-hint">
          {hint}
        </p>
      )}
      {shown && (
        <p id={`${id}-problem`} className="error">
          {shown}
        </p>
      )}
      {rejection && (
        <p id={`${id}-rejection`} role="alert" className="error">
          {rejection}
        </p>
      )}
    </div>
  );
}
