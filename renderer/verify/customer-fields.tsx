import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerTextProblem, MAX_CUSTOMER_NAME_LENGTH, MAX_REFERENCE_LENGTH } from '../../common/customer-consent';
import type { CustomerDraft } from './draft';

interface Props {
  customer: CustomerDraft;
  /** Register face: nothing else on the record would name the person. */
  nameRequired: boolean;
  onChange: (patch: Partial<Pick<CustomerDraft, 'reference' | 'name'>>) => void;
  /** Main's reason for refusing one of these inputs on the last submit, by input name. */
  rejectionOf: (name: string) => string | null;
}

/** The customer on every record: a reference (customer or account number) and a name. */
export function CustomerFields({ customer, nameRequired, onChange, rejectionOf }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="verify-customer">
      <legend>{t('customer.legend')}</legend>
      <CustomerInput
        name="customer.reference"
        label={t('customer.reference')}
        hint={t('customer.referenceHint')}
        value={customer.reference}
        max={MAX_REFERENCE_LENGTH}
        required={false}
        onChange={(reference) => onChange({ reference })}
        rejection={rejectionOf('customer.reference')}
      />
      <CustomerInput
        name="customer.name"
        label={t('customer.name')}
        hint={customer.nameFromDocument ? t('customer.nameFromDocument') : nameRequired ? t('customer.nameRequiredHint') : t('customer.nameHint')}
        value={customer.name}
        max={MAX_CUSTOMER_NAME_LENGTH}
        required={nameRequired}
        onChange={(name) => onChange({ name })}
        rejection={rejectionOf('customer.name')}
      />
    </fieldset>
  );
}

interface InputProps {
  name: string;
  label: string;
  hint: string;
  value: string;
  max: number;
  required: boolean;
  onChange: (value: string) => void;
  rejection: string | null;
}

function CustomerInput({ name, label, hint, value, max, required, onChange, rejection }: InputProps) {
  const { t } = useTranslation();
  const id = useId();
  const [touched, setTouched] = useState(false);
  const problem = customerTextProblem(value, max);
  const shown = touched && problem ? t(`customer.problem.${problem}`, { field: label, max }) : null;
  const describedBy = [`${id}-hint`, shown && `${id}-problem`, rejection && `${id}-rejection`].filter(Boolean).join(' ');
  return (
    <div className="field verify-field" data-input={name} data-customer-input="">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        required={required}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={shown !== null || rejection !== null}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => setTouched(true)}
      />
      <p id={`${id}-hint`} className="verify-hint">
        {hint}
      </p>
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
